/**
 * What Messaging reads from LivePerson's Account Configuration service (CSDS `accountConfigReadOnly`)
 * beside the socket: the account's skills (transfer targets, src/api/skills.ts) and agent status
 * reasons (away reasons, src/api/status-reasons.ts). UMS itself lists neither (reference §5).
 * Read with the agent's own login (a bot's API keys), from the host CSDS names — which the client's
 * allow-list must accept like any other — and kept a few minutes per account: an administrator's
 * edit shows within that time, and a transfer form or the popup does not cost a request each.
 */
import type { Result } from '../../agent/conversation-service';
import type { Connection } from '../../agent/state';
import type { AccountSkill, AgentConfigApi, LivePersonClient, StatusReason } from '../../api/types';

export const ACCOUNT_CONFIG_SERVICE = 'accountConfigReadOnly';
export const ACCOUNT_CONFIG_TTL_MS = 5 * 60_000;

interface Cached<T> {
  account: string;
  at: number;
  value: T;
}

export function accountConfigReader(client: LivePersonClient, now: () => number = Date.now) {
  const origins = new Map<string, string>();
  const cache: { skills?: Cached<AccountSkill[]>; reasons?: Cached<StatusReason[]> } = {};

  async function read<T>(connection: Connection, key: keyof typeof cache, call: (api: AgentConfigApi, address: { origin: string; accountId: string }) => Promise<Result<T>>): Promise<Result<T>> {
    const account = `${connection.csdsUrl}|${connection.accountId}`;
    const held = cache[key] as Cached<T> | undefined;
    if (held?.account === account && now() - held.at < ACCOUNT_CONFIG_TTL_MS) return { ok: true, value: held.value };
    let origin = origins.get(account);
    if (!origin) {
      const found = await client.domain.lookup({ csdsUrl: connection.csdsUrl, accountId: connection.accountId, service: ACCOUNT_CONFIG_SERVICE });
      if (!found.ok) return found;
      origins.set(account, (origin = found.value));
    }
    const auth = connection.apiKeys ? { apiKeys: connection.apiKeys, origin } : { bearer: connection.bearer, origin };
    const answer = await call(client.accountConfig(auth), { origin, accountId: connection.accountId });
    if (answer.ok) (cache as Record<string, Cached<T>>)[key] = { account, at: now(), value: answer.value };
    return answer;
  }

  return {
    skills: (connection: Connection) => read(connection, 'skills', (api, address) => api.getSkills(address)),
    statusReasons: (connection: Connection) => read(connection, 'reasons', (api, address) => api.getStatusReasons(address)),
  };
}

export type AccountConfigReader = ReturnType<typeof accountConfigReader>;
