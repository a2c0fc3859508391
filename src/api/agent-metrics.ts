/**
 * The Messaging agents who are logged in now, with their state: LivePerson's Agent Metrics API,
 * "Agent Status" (developers.liveperson.com agent-metrics-api-methods-agent-status.html; CSDS
 * service `msgHist`, agent-metrics-api-overview.html, which says LivePerson's own "Messaging Agents
 * list" uses it): `POST https://{msgHist}/messaging_history/api/account/{accountID}/agent-view/status`
 * with a filter body (`status`, `skillIds`, …), answering `agentStatusRecords[]` with `agentId`,
 * `agentName`, `agentNickname`, `currentStatus` (ONLINE, AWAY, BACK_SOON, OFFLINE), `agentSkills`,
 * `configuredMaxSlots`, `busySlots`. The page's table calls the status filter `Status`; the example
 * clients send `status` — we send the lower-case spelling, as LivePerson's own samples do.
 * Tolerance as elsewhere in src/api; a record we cannot read is dropped.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, listOf, numberish, readEach } from './quirks';
import type { AccountAddress, AvailableAgent, Result } from './types';

/** The Domain API (CSDS) service of the Agent Metrics API. */
export const AGENT_METRICS_SERVICE = 'msgHist';

/** Messaging's states in the product's words (Back soon is not available for a transfer either). */
const STATE: Record<string, AvailableAgent['chatState']> = { ONLINE: 'Online', OCCUPIED: 'Occupied', AWAY: 'Away', BACK_SOON: 'Away', OFFLINE: 'Offline' };

const recordSchema = z
  .looseObject({
    agentId: idish,
    agentName: z.string().optional(),
    agentNickname: z.string().optional(),
    agentLoginName: z.string().optional(),
    currentStatus: z.string().optional(),
    configuredMaxSlots: numberish.optional().catch(undefined),
    agentSkills: listOf(z.looseObject({ skillId: idish })).catch([]),
  })
  .transform(
    (r): AvailableAgent => ({
      id: r.agentId,
      name: r.agentNickname || r.agentName || r.agentLoginName || r.agentId,
      chatState: STATE[(r.currentStatus ?? '').toUpperCase()] ?? 'Offline',
      maxChats: r.configuredMaxSlots ?? -1,
      skillIds: r.agentSkills.map((s) => s.skillId),
    }),
  );

export async function getAgentStatus(
  http: Http,
  auth: RequestAuth,
  p: AccountAddress & { status?: string[]; skillIds?: string[] },
): Promise<Result<AvailableAgent[]>> {
  const result = await http.request({
    method: 'POST',
    url: `${p.origin.replace(/\/+$/, '')}/messaging_history/api/account/${encodeURIComponent(p.accountId)}/agent-view/status`,
    auth,
    body: { ...(p.status ? { status: p.status } : {}), ...(p.skillIds ? { skillIds: p.skillIds } : {}) },
    schema: z.looseObject({ agentStatusRecords: listOf(z.unknown()) }),
  });
  if (!result.ok) return result;
  return { ok: true, value: readEach(result.value.agentStatusRecords, recordSchema) };
}
