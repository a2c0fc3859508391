/**
 * What Messaging reads from LivePerson's REST services beside the socket: from Account
 * Configuration (CSDS `accountConfigReadOnly`) the account's skills (transfer targets,
 * src/api/skills.ts) and agent status reasons (away reasons, src/api/status-reasons.ts); from the
 * Agent Metrics API (CSDS `msgHist`, src/api/agent-metrics.ts) the colleagues logged in now and
 * their states. UMS itself lists none of these (reference §5).
 * Read with the agent's own login (a bot's API keys), from the host CSDS names — which the client's
 * allow-list must accept like any other — and kept a few minutes per account: an administrator's
 * edit shows within that time, and a transfer form or the popup does not cost a request each.
 */
import type { Result } from '../../agent/conversation-service';
import type { Connection } from '../../agent/state';
import { AGENT_METRICS_SERVICE } from '../../api/agent-metrics';
import type { AccountSkill, AgentAuth, AgentConfigApi, AvailableAgent, LivePersonClient, StatusReason } from '../../api/types';

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

  /** The service's origin as CSDS names it for the account, with the connection's credentials for it. */
  async function where(connection: Connection, service: string): Promise<Result<{ auth: AgentAuth; address: { origin: string; accountId: string } }>> {
    const key = `${connection.csdsUrl}|${connection.accountId}|${service}`;
    let origin = origins.get(key);
    if (!origin) {
      const found = await client.domain.lookup({ csdsUrl: connection.csdsUrl, accountId: connection.accountId, service });
      if (!found.ok) return found;
      origins.set(key, (origin = found.value));
    }
    const auth = connection.apiKeys ? { apiKeys: connection.apiKeys, origin } : { bearer: connection.bearer, origin };
    return { ok: true, value: { auth, address: { origin, accountId: connection.accountId } } };
  }

  async function read<T>(connection: Connection, key: keyof typeof cache, call: (api: AgentConfigApi, address: { origin: string; accountId: string }) => Promise<Result<T>>): Promise<Result<T>> {
    const account = `${connection.csdsUrl}|${connection.accountId}`;
    const held = cache[key] as Cached<T> | undefined;
    if (held?.account === account && now() - held.at < ACCOUNT_CONFIG_TTL_MS) return { ok: true, value: held.value };
    const service = await where(connection, ACCOUNT_CONFIG_SERVICE);
    if (!service.ok) return service;
    const answer = await call(client.accountConfig(service.value.auth), service.value.address);
    if (answer.ok) (cache as Record<string, Cached<T>>)[key] = { account, at: now(), value: answer.value };
    return answer;
  }

  return {
    skills: (connection: Connection) => read(connection, 'skills', (api, address) => api.getSkills(address)),
    statusReasons: (connection: Connection) => read(connection, 'reasons', (api, address) => api.getStatusReasons(address)),
    /** Logged-in Messaging agents and their states now (never cached: states change by the minute). */
    agents: async (connection: Connection): Promise<Result<AvailableAgent[]>> => {
      const service = await where(connection, AGENT_METRICS_SERVICE);
      if (!service.ok) return service;
      return client.agentMetrics(service.value.auth).getAgentStatus(service.value.address);
    },
  };
}

export type AccountConfigReader = ReturnType<typeof accountConfigReader>;
