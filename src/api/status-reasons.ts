/**
 * The account's agent status reasons (away reasons): LivePerson's Agent Status Reason API (Account
 * Configuration, CSDS `accountConfigReadOnly`), `GET /api/account/{accountId}/configuration/le-agents/status-reasons`,
 * developers.liveperson.com agent-status-reason-api-methods-agent-status-list.html ("Get list of all
 * status reasons of an account, for all statuses"); the object in agent-status-reason-api-overview.html:
 * `{id, text, state: "Online"|"Occupied"|"Away", deleted, enabled}` (its table calls the text `name`;
 * both examples send `text` — we read both). `v` is required, "Default Value: 1.0".
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { booleanish, idish, listOf, readEach } from './quirks';
import type { AccountAddress, Result, StatusReason } from './types';

export const STATUS_REASONS_API_VERSION = '1.0';

const reasonSchema = z
  .looseObject({
    id: idish,
    text: z.string().optional(),
    name: z.string().optional(),
    state: z.string().optional(),
    deleted: booleanish.optional().catch(undefined),
    enabled: booleanish.optional().catch(undefined),
  })
  .transform((r): StatusReason | undefined => {
    const text = (r.text ?? r.name ?? '').trim();
    return text ? { id: r.id, text, state: r.state ?? '', enabled: r.enabled ?? true, deleted: r.deleted ?? false } : undefined;
  });

export async function getStatusReasons(http: Http, auth: RequestAuth, p: AccountAddress): Promise<Result<StatusReason[]>> {
  const result = await http.request({
    url: `${p.origin.replace(/\/+$/, '')}/api/account/${encodeURIComponent(p.accountId)}/configuration/le-agents/status-reasons`,
    query: { v: STATUS_REASONS_API_VERSION },
    auth,
    schema: listOf(z.unknown()),
  });
  if (!result.ok) return result;
  return { ok: true, value: readEach(result.value, reasonSchema) };
}

/** The reasons an agent may choose for a state (`Away`: Messaging's Away and Back soon): enabled, not deleted. */
export function reasonsFor(reasons: readonly StatusReason[], state: 'Away' | 'Online' | 'Occupied'): StatusReason[] {
  return reasons.filter((r) => r.enabled && !r.deleted && r.state.toLowerCase() === state.toLowerCase());
}
