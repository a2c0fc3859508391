/** Who can take chats: available agents (A5) and available slots (A6). */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, listOf, numberish } from './quirks';
import type { AvailableAgent, Result } from './types';

const STATES: Record<string, AvailableAgent['chatState']> = { '1': 'Offline', '2': 'Online', '3': 'Occupied', '4': 'Away' };

// Attributes come as `@`-keys with string values; plain keys are read too.
const agentSchema = z.looseObject({
  '@id': idish.optional(),
  id: idish.optional(),
  '@chatState': idish.optional(),
  chatState: idish.optional(),
  '@maxChats': numberish.optional(),
  maxChats: numberish.optional(),
  nickname: z.string().optional(),
  userName: z.string().optional(),
  skills: z.object({ skill: listOf(idish) }).optional(),
});

const agentsSchema = z.object({
  availableAgents: z.object({ agents: z.object({ agent: listOf(agentSchema) }).optional() }),
});

const slotsSchema = z.object({ availableSlots: numberish });

export async function getAvailableAgents(
  http: Http,
  auth: RequestAuth,
  sessionUrl: string,
  filter: { skill?: string; chatState?: AvailableAgent['chatState'] } = {},
): Promise<Result<AvailableAgent[]>> {
  const query: Record<string, string> = {};
  if (filter.skill) query.skill = filter.skill;
  if (filter.chatState) query.chatState = filter.chatState;
  const result = await http.request({ url: `${sessionUrl}/availableAgents`, chatAgentApi: true, auth, query, schema: agentsSchema });
  if (!result.ok) return result;
  const agents = (result.value.availableAgents.agents?.agent ?? []).flatMap((a) => {
    const id = a['@id'] ?? a.id;
    if (!id) return [];
    const state = String(a['@chatState'] ?? a.chatState ?? '1');
    return [
      {
        id,
        name: a.nickname || a.userName || id,
        chatState: STATES[state] ?? (Object.values(STATES).includes(state as AvailableAgent['chatState']) ? (state as AvailableAgent['chatState']) : 'Offline'),
        maxChats: a['@maxChats'] ?? a.maxChats ?? -1,
        skillIds: a.skills?.skill ?? [],
      },
    ];
  });
  return { ok: true, value: agents };
}

export async function getAvailableSlots(http: Http, auth: RequestAuth, sessionUrl: string, filter: { skill?: string; agent?: string } = {}): Promise<Result<number>> {
  // `agent` cannot be combined with the other parameters (A6).
  const query: Record<string, string> = filter.agent ? { agent: filter.agent } : filter.skill ? { skill: filter.skill } : {};
  const result = await http.request({ url: `${sessionUrl}/chat/availableSlots`, chatAgentApi: true, auth, query, schema: slotsSchema });
  return result.ok ? { ok: true, value: result.value.availableSlots } : result;
}
