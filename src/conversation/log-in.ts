/**
 * The Login Service step both protocols take first: the account's host from the Domain API (CSDS
 * `agentVep`), then a login with the agent's password, or with API keys for a bot. A refusal is a
 * sentence the sign-in form shows.
 */
import type { ApiKeys, LivePersonClient, LoginSession } from '../api/types';
import type { SignInRequest } from '../agent/conversation-service';
import { explain } from '../agent/command-result';
import type { SignIn } from '../messaging/protocol';
import type { Connection } from '../agent/state';

export interface LoggedIn {
  /** The account's host the Domain API named (`agentVep`). */
  origin: string;
  login: LoginSession;
  /** A bot's keys, which its Chat Agent API requests are signed with. */
  apiKeys?: ApiKeys;
}

export async function logIn(client: LivePersonClient, input: SignInRequest): Promise<{ ok: true; value: LoggedIn } | { ok: false; error: string }> {
  const domain = await client.domain.lookup({ csdsUrl: input.csdsUrl, accountId: input.accountId, service: 'agentVep' });
  if (!domain.ok) return { ok: false, error: explain('Could not find the account’s LivePerson domain', domain.error) };
  const origin = domain.value;
  const address = { origin, accountId: input.accountId, username: input.username };
  const apiKeys = 'appKey' in input ? { appKey: input.appKey, secret: input.secret, accessToken: input.accessToken, accessTokenSecret: input.accessTokenSecret } : undefined;
  const login = apiKeys
    ? await client.login.withApiKey({ ...address, ...apiKeys })
    : await client.login.withPassword({ ...address, password: (input as SignIn).password });
  if (!login.ok) {
    const error =
      login.error.kind === 'auth-expired'
        ? apiKeys
          ? 'LivePerson refused that user name or API key.'
          : 'LivePerson refused that user name or password.'
        : explain('Could not sign in', login.error);
    return { ok: false, error };
  }
  return { ok: true, value: { origin, login: login.value, ...(apiKeys ? { apiKeys } : {}) } };
}

/** The connection's fields that every protocol fills from the login alike. */
export function connectionFromLogin(input: SignInRequest, { login }: LoggedIn, now: number) {
  return {
    csdsUrl: input.csdsUrl,
    accountId: input.accountId,
    bearer: login.bearer,
    csrf: login.csrf,
    sessionTtlMs: login.sessionTtlMs,
    loginAt: now,
    refreshedAt: now,
    userId: login.userId,
    loginName: login.loginName,
  } satisfies Partial<Connection>;
}
