/** Agent session (A1, A2) and agent information (A7). */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, lastSegment, linksSchema, listOf, locationSchema, numberish } from './quirks';
import type { AccountAddress, AgentInfo, AgentSessionRef, Result } from './types';

const startSessionSchema = z.object({ agentSessionLocation: locationSchema });

const sessionSchema = z.object({ agentSession: z.object({ link: linksSchema }) });

/**
 * A7, as retrieve-agent-information.md prints it: `agentName` (the nickname visitors see),
 * `displayName` (the name in agent lists), `loginName`, `id` and `maxChats` as strings,
 * `skillsInfo.skillInfo[]` (a bare object when the agent has one skill, absent when none).
 */
const agentInfoSchema = z.object({
  info: z.object({
    id: idish,
    agentName: z.string().optional(),
    displayName: z.string().optional(),
    loginName: z.string().optional(),
    maxChats: numberish.optional(),
    skillsInfo: z
      .object({ skillInfo: listOf(z.object({ id: idish, name: z.string().optional() })) })
      .optional()
      .nullable(),
  }),
});

export async function startAgentSession(http: Http, auth: RequestAuth, p: AccountAddress): Promise<Result<AgentSessionRef>> {
  const result = await http.request({
    method: 'POST',
    url: `${p.origin}/api/account/${encodeURIComponent(p.accountId)}/agentSession`,
    chatAgentApi: true,
    auth,
    // "Required for backwards compatibility", says the page.
    body: { loginData: '' },
    schema: startSessionSchema,
  });
  if (!result.ok) return result;
  const sessionUrl = result.value.agentSessionLocation;
  return { ok: true, value: { sessionUrl, sessionId: lastSegment(sessionUrl) } };
}

export async function getSessionLinks(http: Http, auth: RequestAuth, sessionUrl: string): Promise<Result<Record<string, string>>> {
  const result = await http.request({ url: sessionUrl, chatAgentApi: true, auth, schema: sessionSchema });
  return result.ok ? { ok: true, value: result.value.agentSession.link } : result;
}

export async function getAgentInfo(http: Http, auth: RequestAuth, sessionUrl: string): Promise<Result<AgentInfo>> {
  const result = await http.request({ url: `${sessionUrl}/info`, chatAgentApi: true, auth, schema: agentInfoSchema });
  if (!result.ok) return result;
  const info = result.value.info;
  const nonEmpty = (v?: string) => (v?.trim() ? v : undefined);
  return {
    ok: true,
    value: {
      id: info.id,
      name: nonEmpty(info.agentName) ?? nonEmpty(info.displayName) ?? nonEmpty(info.loginName) ?? info.id,
      nickname: nonEmpty(info.agentName),
      displayName: nonEmpty(info.displayName),
      loginName: nonEmpty(info.loginName),
      maxChats: info.maxChats ?? -1,
      skills: (info.skillsInfo?.skillInfo ?? []).map((s) => ({ id: s.id, name: s.name ?? s.id })),
    },
  };
}
