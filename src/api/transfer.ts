/** Transfer: the skills a chat can go to now (A23), and the transfer itself (A24). */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, listOf, numberish } from './quirks';
import type { Result, TransferSkill, TransferTarget } from './types';

// Every value is a string in the docs; the list of one may be an object, the empty list absent.
const optionsSchema = z.object({
  transfer: z.object({ skill: listOf(z.object({ id: idish, name: z.string().optional(), onlineAgents: numberish.optional() })) }),
});

export async function getTransferOptions(http: Http, auth: RequestAuth, transferUrl: string): Promise<Result<TransferSkill[]>> {
  const result = await http.request({ url: transferUrl, chatAgentApi: true, auth, schema: optionsSchema });
  if (!result.ok) return result;
  return {
    ok: true,
    value: result.value.transfer.skill.map((s) => ({ id: s.id, name: s.name ?? s.id, onlineAgents: s.onlineAgents ?? 0 })),
  };
}

export async function transfer(http: Http, auth: RequestAuth, transferUrl: string, target: TransferTarget): Promise<Result<void>> {
  // The request carries ids as numbers (A24), although A23 sends them as strings. An agent id in
  // Messaging's `{account}.{user}` form names the same user: the Chat Agent API takes the user part.
  const to = 'agentId' in target ? { agent: { id: Number(target.agentId.split('.').pop()) } } : { skill: { id: Number(target.skillId) } };
  const result = await http.request({
    method: 'POST',
    url: transferUrl,
    chatAgentApi: true,
    auth,
    body: { transfer: { ...to, ...(target.text ? { text: target.text } : {}) } },
    schema: z.unknown(),
  });
  return result.ok ? { ok: true, value: undefined } : result;
}
