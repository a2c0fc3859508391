/**
 * The canned responses a panel offers: the account's Predefined Content (LivePerson's Account
 * Configuration API on the CSDS service `accountConfigReadOnly`, with the agent's own login), the
 * fleet's library (managed storage, policy key `cannedResponses`) and the agent's personal library
 * (storage.local), merged by src/features/canned-responses/merge.ts.
 *
 * The account's library is read with the agent's bearer (a bot's API keys), from the service's own
 * origin as CSDS names it; the client refuses any host that is not LivePerson's (loopback only in the
 * sandbox build). A 401 refreshes the login once, like every other call. The library is kept per
 * account for a few minutes and by its `ac-revision`: an unchanged revision keeps what was read.
 */
import type { AgentAuth, LivePersonClient, Result } from '../api/types';
import { ACCOUNT_CONFIG_SERVICE } from '../api/predefined-content';
import type { Connection } from '../agent/state';
import { loadAccountLibrary } from '../features/canned-responses/account-loader';
import { fleetResponses } from '../features/canned-responses/fleet-library';
import { mergeLibraries } from '../features/canned-responses/merge';
import { personalLibraryItem, personalResponses } from '../features/canned-responses/personal-library';
import type { CannedResponse } from '../features/canned-responses/response';
import type { CannedResponsesAnswer } from '../messaging/protocol';
import { readManagedPolicy } from '../settings/policy';

/** How long a read library serves before LivePerson is asked again (an administrator's edit shows within this). */
export const ACCOUNT_LIBRARY_TTL_MS = 5 * 60_000;

export interface CannedResponsesDeps {
  client: LivePersonClient;
  /** Runs a call with the signed-in agent's connection, refreshing the login once on a 401; undefined when signed out. */
  withConnection<T>(call: (connection: Connection) => Promise<Result<T>>): Promise<Result<T> | undefined>;
  /** The agent's languages, best first (the worker's `navigator.languages`). */
  languages(): readonly string[];
  readPersonal?: () => Promise<CannedResponse[]>;
  readFleet?: () => Promise<unknown>;
  now?: () => number;
  log?: { warn(message: string, details?: unknown): void };
}

interface CachedLibrary {
  account: string;
  revision?: string;
  responses: CannedResponse[];
  readAt: number;
}

const authOf = (connection: Connection, origin: string): AgentAuth => ({
  ...(connection.apiKeys ? { apiKeys: connection.apiKeys } : { bearer: connection.bearer }),
  origin,
});

export function cannedResponsesSource(deps: CannedResponsesDeps) {
  const now = deps.now ?? Date.now;
  const origins = new Map<string, string>();
  let cached: CachedLibrary | undefined;

  async function accountLibrary(): Promise<{ responses: CannedResponse[]; problem?: string }> {
    const answer = await deps.withConnection(async (connection) => {
      const account = `${connection.csdsUrl}|${connection.accountId}`;
      if (cached?.account === account && now() - cached.readAt < ACCOUNT_LIBRARY_TTL_MS) return { ok: true, value: cached };
      let origin = origins.get(account);
      if (!origin) {
        const found = await deps.client.domain.lookup({ csdsUrl: connection.csdsUrl, accountId: connection.accountId, service: ACCOUNT_CONFIG_SERVICE });
        if (!found.ok) return found;
        origins.set(account, (origin = found.value));
      }
      const loaded = await loadAccountLibrary(deps.client.accountConfig(authOf(connection, origin)), { origin, accountId: connection.accountId }, deps.languages());
      if (!loaded.ok) return loaded;
      for (const warning of loaded.value.warnings) deps.log?.warn(warning);
      // The same revision: what we hold is what LivePerson holds.
      const same = cached?.account === account && loaded.value.revision !== undefined && cached.revision === loaded.value.revision;
      cached = { account, revision: loaded.value.revision, responses: same ? cached!.responses : loaded.value.responses, readAt: now() };
      return { ok: true, value: cached };
    });
    if (!answer) return { responses: [] };
    if (answer.ok) return { responses: answer.value.responses };
    deps.log?.warn('Predefined content could not be read', { kind: answer.error.kind, status: answer.error.status, message: answer.error.message });
    // The last good library still serves through an outage.
    return { responses: cached?.responses ?? [], problem: `The account’s canned responses could not be loaded (${answer.error.message}).` };
  }

  return {
    async responses(): Promise<CannedResponsesAnswer> {
      const [account, personal, fleetPolicy] = await Promise.all([
        accountLibrary(),
        deps.readPersonal ? deps.readPersonal() : personalLibraryItem.getValue().then(personalResponses),
        deps.readFleet ? deps.readFleet() : readManagedPolicy().then((policy) => policy.cannedResponses),
      ]);
      const fleet = fleetResponses(fleetPolicy);
      const merged = mergeLibraries({ fleet: fleet.responses, account: account.responses, personal });
      return {
        ok: true,
        responses: merged.responses,
        problems: [...(account.problem ? [account.problem] : []), ...fleet.problems],
        clashes: merged.clashes.map((c) => `/${c.shortcut} stays with “${c.keptBy.title}” (${c.keptBy.source}); “${c.lostBy.title}” (${c.lostBy.source}) is listed without it.`),
      };
    },
  };
}

export type CannedResponsesSource = ReturnType<typeof cannedResponsesSource>;
