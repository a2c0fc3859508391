/** Login Service API: user login, refresh (keep-alive), logout. */
import { z } from 'zod';
import { hostToOrigin } from './domain';
import type { Http } from './http';
import { idish, listOf, numberish } from './quirks';
import type { AccountAddress, ApiKeys, LoginSession, Result } from './types';

const loginResponseSchema = z.object({
  bearer: z.string().min(1),
  csrf: z.string().min(1),
  sessionTTl: numberish.optional(),
  config: z.object({ loginName: z.string().optional(), userId: idish.optional(), serverCurrentTime: numberish.optional() }).optional(),
  csdsCollectionResponse: z
    .object({ baseURIs: listOf(z.object({ service: z.string(), baseURI: z.string() })) })
    .optional(),
});

/** Refresh and logout answer 200 with an empty body. */
const emptySchema = z.unknown();

const loginUrl = (a: AccountAddress, action: 'login' | 'refresh' | 'logout') =>
  `${a.origin}/api/account/${encodeURIComponent(a.accountId)}/${action}`;

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;

export function loginWithPassword(http: Http, p: AccountAddress & { username: string; password: string }): Promise<Result<LoginSession>> {
  return login(http, p, { username: p.username, password: p.password });
}

/** Application Login (L2): the API keys go in the JSON body. */
export function loginWithApiKey(http: Http, p: AccountAddress & { username: string } & ApiKeys): Promise<Result<LoginSession>> {
  const { username, appKey, secret, accessToken, accessTokenSecret } = p;
  return login(http, p, { username, appKey, secret, accessToken, accessTokenSecret });
}

async function login(http: Http, p: AccountAddress & { username: string }, credentials: Record<string, string>): Promise<Result<LoginSession>> {
  const result = await http.request({
    method: 'POST',
    url: loginUrl(p, 'login'),
    query: { v: '1.3' },
    cookies: true,
    body: credentials,
    schema: loginResponseSchema,
  });
  if (!result.ok) return result;
  const body = result.value;
  const serviceOrigins: Record<string, string> = {};
  for (const entry of body.csdsCollectionResponse?.baseURIs ?? []) {
    const origin = hostToOrigin(entry.baseURI, p.origin);
    // A host that is not LivePerson's is left out: the bearer is never sent there (./allow-list.ts).
    if (http.allows(origin)) serviceOrigins[entry.service] = origin;
  }
  return {
    ok: true,
    value: {
      bearer: body.bearer,
      csrf: body.csrf,
      sessionTtlMs: body.sessionTTl ?? EIGHT_HOURS_MS,
      userId: body.config?.userId ?? '',
      loginName: body.config?.loginName ?? p.username,
      serviceOrigins,
      serverTime: body.config?.serverCurrentTime,
    },
  };
}

export async function refreshLogin(http: Http, p: AccountAddress & { csrf: string }): Promise<Result<void>> {
  const result = await http.request({ method: 'POST', url: loginUrl(p, 'refresh'), body: { csrf: p.csrf }, cookies: true, schema: emptySchema });
  return result.ok ? { ok: true, value: undefined } : result;
}

export async function logout(http: Http, p: AccountAddress & { csrf: string }): Promise<Result<void>> {
  const result = await http.request({ method: 'POST', url: loginUrl(p, 'logout'), body: { csrf: p.csrf }, cookies: true, schema: emptySchema });
  return result.ok ? { ok: true, value: undefined } : result;
}
