/**
 * The earlier chats of a shown chat's visitor (issue #22), for the panel that shows that chat.
 * The panel names the chat and where it is in the list (offset, month window); the visitor id and
 * customer id come from the chat the background holds, never from the asking page, so a content
 * script reads the history of its own chats' visitors only. Engagement History lives on the
 * account's `engHistDomain` service (CSDS); it is called with the agent's bearer (or a bot's API
 * keys), pinned to that origin, refreshed once on a 401 (AgentRuntime.withLogin).
 */
import {
  ENGAGEMENT_HISTORY_SERVICE,
  MAX_PAGE_SIZE,
  type EngagementHistoryApi,
  type HistoryAddress,
  type HistoryPage,
} from '../api/engagement-history';
import type { RequestAuth } from '../api/http';
import type { Result } from '../api/types';
import { knownValues } from '../features/crm-record/known-values';
import type { HistorySearch, Refusal } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';
import { explain, fail } from '../agent/command-result';
import type { Connection } from '../agent/state';

type Login = Pick<Connection, 'csdsUrl' | 'accountId' | 'bearer' | 'apiKeys'>;

export interface ChatHistoryDeps {
  view(): AgentView;
  withLogin<T>(call: (login: Login) => Promise<Result<T>>): Promise<Result<T> | Refusal>;
  /** CSDS: the origin of one of the account's services. */
  lookup(p: { csdsUrl: string; accountId: string; service: string }): Promise<Result<string>>;
  history(auth: RequestAuth, address: HistoryAddress): EngagementHistoryApi;
  now(): number;
}

/** What the visitor of a chat is known by: its visitor id, and a signed-in visitor's customer id. */
export function historyKeys(chat: AgentView['chats'][number]): { visitorId?: string; customerId?: string } {
  const values = knownValues({ visitorId: chat.visitorId, facts: chat.visitor?.facts, preChatSurvey: chat.visitor?.preChatSurvey });
  return { visitorId: values.visitorId, customerId: values.customerId };
}

export function chatHistorySearch(deps: ChatHistoryDeps): (request: HistorySearch) => Promise<{ ok: true; page: HistoryPage } | Refusal> {
  // The service's origin per account; a failed lookup is asked again next time.
  const origins = new Map<string, string>();
  const originFor = async (login: Login): Promise<Result<string>> => {
    const key = `${login.csdsUrl}|${login.accountId}`;
    const known = origins.get(key);
    if (known) return { ok: true, value: known };
    const found = await deps.lookup({ csdsUrl: login.csdsUrl, accountId: login.accountId, service: ENGAGEMENT_HISTORY_SERVICE });
    if (found.ok) origins.set(key, found.value);
    return found;
  };
  return async (request) => {
    const chat = deps.view().chats.find((c) => c.id === request.chatId);
    if (!chat) return fail('Refused: this panel does not show that chat.');
    const keys = historyKeys(chat);
    if (request.kind === 'visitor' && !keys.visitorId) return fail('LivePerson named no visitor id for this chat.');
    if (request.kind === 'customer' && !keys.customerId) return fail('This visitor did not sign in: there is no customer id to search by.');
    const limit = Math.min(MAX_PAGE_SIZE, request.limit);
    const result = await deps.withLogin(async (login): Promise<Result<HistoryPage>> => {
      const origin = await originFor(login);
      if (!origin.ok) return origin;
      const auth: RequestAuth = { ...(login.apiKeys ? { apiKeys: login.apiKeys } : { bearer: login.bearer }), origin: origin.value };
      const api = deps.history(auth, { origin: origin.value, accountId: login.accountId });
      return request.kind === 'visitor'
        ? api.byVisitor({ visitorId: keys.visitorId!, now: deps.now(), offset: request.offset, limit })
        : api.byCustomerId({ customerId: keys.customerId!, from: request.from, to: request.to, offset: request.offset, limit });
    });
    if (!result.ok) return 'error' in result ? fail(explain('Could not load the previous chats', result.error)) : result;
    return { ok: true, page: result.value };
  };
}
