/**
 * The LivePerson client's public contract: what the background runtime sees.
 * Responses are normalised here (links by rel, ids as numbers, lists as arrays), so nothing above
 * src/api/ ever deals with `@href` vs `href`, single-object lists or numbers sent as strings.
 */

export type ApiErrorKind =
  /** 401: bearer expired or revoked, bad csrf, logged out. Needs a refresh or a new login. */
  | 'auth-expired'
  /** 404 (or 403) on an agent session or chat: the session or chat no longer exists here. */
  | 'session-gone'
  /** 429: slow down; `retryAfterMs` from `Retry-After` when the server sent one. */
  | 'rate-limited'
  /** No HTTP answer: DNS, refused or dropped connection, timeout, offline. */
  | 'network'
  /** A 2xx whose body does not match the documented shape; `issues` holds the zod issues. */
  | 'bad-response'
  /** Any other non-2xx status (400, 409, 5xx, …). */
  | 'http';

export interface ApiError {
  kind: ApiErrorKind;
  /** One sentence a person can read, e.g. "LivePerson refused the password (401)." */
  message: string;
  status?: number;
  /** The request URL without credentials, for logs. */
  url?: string;
  retryAfterMs?: number;
  /** zod issues, formatted `path: message`, for `bad-response`. */
  issues?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type ChatAvailability = 'Online' | 'Away' | 'Occupied' | 'Offline';

export interface LoginSession {
  bearer: string;
  csrf: string;
  /** `sessionTTl`, parsed from its string form. */
  sessionTtlMs: number;
  userId: string;
  loginName: string;
  /** `csdsCollectionResponse.baseURIs` as service → origin (scheme + host). */
  serviceOrigins: Record<string, string>;
  serverTime?: number;
}

export interface AgentSessionRef {
  /** Absolute URL of `{base}/agentSession/{id}` from `agentSessionLocation`. */
  sessionUrl: string;
  sessionId: string;
}

export interface AgentSkill {
  id: string;
  name: string;
}

export interface AgentInfo {
  id: string;
  /** The best name LivePerson gave: `agentName`, else `displayName`, else `loginName`, else the id. */
  name: string;
  /** A7 `agentName`: the nickname visitors see (the name on the agent's own lines). */
  nickname?: string;
  /** A7 `displayName`: the name in agent lists. */
  displayName?: string;
  loginName?: string;
  /** -1 means unlimited. */
  maxChats: number;
  skills: AgentSkill[];
}

export interface Availability {
  chat: string;
  voice?: string;
}

export interface IncomingRequests {
  ringingCount: number;
  /** The href to POST to accept the next request; present only while ringing. */
  acceptUrl?: string;
}

export interface ChatRef {
  chatUrl: string;
  /** The chat session key: last path segment of the chat URL. */
  chatId: string;
}

export interface ChatSessionRef extends ChatRef {
  startTime?: number;
}

export type EventSource = 'visitor' | 'agent' | 'system';

export interface ChatLineEvent {
  type: 'line';
  id: number;
  time: string;
  text: string;
  textType: string;
  /** Display name of the author; key off `source`, not `by`. */
  by: string;
  source: EventSource | string;
  subType?: string;
  systemMessageId?: number;
  json?: unknown;
}

export interface ChatStateEvent {
  type: 'state';
  id: number;
  time: string;
  state: string;
}

export interface ChatOtherEvent {
  type: string;
  id: number;
  time: string;
  raw: Record<string, unknown>;
}

export type ChatEvent = ChatLineEvent | ChatStateEvent | ChatOtherEvent;

export interface ChatInfo {
  state?: string;
  chatSessionKey?: string;
  agentName?: string;
  agentId?: string;
  visitorId?: string;
  visitorName?: string;
  startTime?: string;
  lastUpdate?: string;
  duration?: number;
  chatTimeout?: number;
  visitorTyping?: string;
  agentTyping?: string;
  /** Only for authenticated (SSO) visitors: the key to A21, participant info. */
  participantId?: string;
  /**
   * The skill the chat came in on: `skillId` and `skillName` in the visitor side's info example
   * (retrieve-chat-information.md: `"skillName": "Sales", "skillId": 25975313`) and, every value a
   * string, in the Third-Party Bots capture of the agent side's info (reference §4.22).
   */
  skillId?: string;
  skillName?: string;
  /**
   * The highest event id of the agent's lines the visitor has read, where the protocol reports it
   * (Messaging's consumer `AcceptStatusEvent` READ); the Chat Agent API has no read receipts.
   */
  visitorReadUpTo?: number;
  /** Every other documented or undocumented scalar field, as sent. */
  extra: Record<string, unknown>;
}

export interface ChatSnapshot extends ChatRef {
  /** rel → absolute href, from `chat.link`. */
  links: Record<string, string>;
  events: ChatEvent[];
  /** The events `next` link (`{chat}/events?from=N`) when the response carried one. */
  nextUrl?: string;
  info?: ChatInfo;
}

export interface EventsPage {
  events: ChatEvent[];
  nextUrl?: string;
}

export interface ChatCursor {
  chatId: string;
  /** The last event id the caller already holds (A12 `fromEventIds`); -1 for none. */
  lastEventId: number;
}

export interface NewLine {
  text: string;
  textType?: 'plain' | 'html' | 'rich-content';
  subType?: 'REGULAR' | 'ONLY_TO_REP';
  json?: unknown;
}

export interface PostedEvent {
  eventUrl: string;
  eventId: number;
}

export interface TransferSkill {
  id: string;
  name: string;
  /** Agents online for the skill now, other than this one; absent where the protocol does not say (Messaging). */
  onlineAgents?: number;
}

/** A24: to a skill or to one agent, with an optional note only the receiving agent sees. */
export type TransferTarget = ({ skillId: string } | { agentId: string }) & { text?: string };

export interface Fact {
  label: string;
  value: string;
}

/** A21: an authenticated visitor, as labelled facts (the fields are the account's own). */
export interface ParticipantInfo {
  authenticated: boolean;
  facts: Fact[];
}

/** What the visit resource tells about the visitor. */
export interface Visit {
  facts: Fact[];
  preChatSurvey: Fact[];
  customVariables: Fact[];
  pages: Array<{ url: string; title?: string; time?: string }>;
}

export type SurveyQuestionType = 'dropdown' | 'radio' | 'checkbox' | 'text';

export interface SurveyQuestion {
  id: string;
  /** Other questions' entries reveal this one through `showLogicId`. */
  logicId: string;
  order: number;
  mandatory: boolean;
  type: SurveyQuestionType;
  label: string;
  entries: Array<{ value: string; checked: boolean; showLogicId?: string }>;
}

export interface AgentSurvey {
  id: string;
  header: string;
  questions: SurveyQuestion[];
}

export interface AvailableAgent {
  id: string;
  name: string;
  chatState: 'Offline' | 'Online' | 'Occupied' | 'Away';
  /** -1 = unlimited. */
  maxChats: number;
  skillIds: string[];
}

import type { ApiKeys } from './oauth1';
import type { AccountSkill, StatusReason } from './agent-config-types';

export type { AccountSkill, ApiKeys, StatusReason };

/**
 * Credentials for Chat Agent API calls: a bearer from Login (agents; the agent-session cookies
 * ride along in the browser's jar), or API keys that sign every request (bots; no cookies).
 */
/**
 * How an agent's requests authenticate, and where they may go: `origin` pins them to the agentVep
 * origin the Domain API (or the login answer) named for this account; a link to any other origin
 * is refused before the bearer or a signature leaves (./allow-list.ts is the outer bound).
 */
export type AgentAuth = ({ bearer: string } | { apiKeys: ApiKeys }) & { origin?: string };

export interface AccountAddress {
  /** Scheme + host (+ port) of the service, e.g. `https://va.agentvep.liveperson.net`. */
  origin: string;
  accountId: string;
}

/** What `createLivePersonClient()` (src/api/client.ts) returns. */
export interface LivePersonClient {
  domain: {
    /** CSDS lookup; `csdsUrl` is e.g. `https://api.liveperson.net`. Returns an origin. */
    lookup(p: { csdsUrl: string; accountId: string; service: string }): Promise<Result<string>>;
  };
  login: {
    withPassword(p: AccountAddress & { username: string; password: string }): Promise<Result<LoginSession>>;
    /** Application Login (bots): the API keys in the body, a bearer and csrf back. */
    withApiKey(p: AccountAddress & { username: string } & ApiKeys): Promise<Result<LoginSession>>;
    refresh(p: AccountAddress & { csrf: string }): Promise<Result<void>>;
    logout(p: AccountAddress & { csrf: string }): Promise<Result<void>>;
  };
  agent(auth: AgentAuth): AgentApi;
  /** Account Configuration API (CSDS `accountConfigReadOnly`): the account's predefined content. */
  accountConfig(auth: AgentAuth): AccountConfigApi & AgentConfigApi;
  /** Agent Metrics API (CSDS `msgHist`): the Messaging agents logged in now (./agent-metrics.ts). */
  agentMetrics(auth: AgentAuth): { getAgentStatus(p: AccountAddress & { status?: string[]; skillIds?: string[] }): Promise<Result<AvailableAgent[]>> };
}

export interface AgentApi {
  startSession(p: AccountAddress): Promise<Result<AgentSessionRef>>;
  getSessionLinks(sessionUrl: string): Promise<Result<Record<string, string>>>;
  getInfo(sessionUrl: string): Promise<Result<AgentInfo>>;
  getAvailability(sessionUrl: string): Promise<Result<Availability>>;
  setAvailability(sessionUrl: string, chat: ChatAvailability): Promise<Result<void>>;
  getIncoming(sessionUrl: string): Promise<Result<IncomingRequests>>;
  accept(acceptUrl: string): Promise<Result<ChatRef>>;
  getChatSessions(sessionUrl: string): Promise<Result<ChatSessionRef[]>>;
  getChat(chatUrl: string): Promise<Result<ChatSnapshot>>;
  getEvents(nextUrl: string): Promise<Result<EventsPage>>;
  /** A12: one request for every open chat. */
  getChats(sessionUrl: string, cursors: ChatCursor[]): Promise<Result<ChatSnapshot[]>>;
  addLine(eventsUrl: string, line: NewLine): Promise<Result<PostedEvent>>;
  endChat(eventsUrl: string): Promise<Result<void>>;
  getChatInfo(infoUrl: string): Promise<Result<ChatInfo>>;
  setAgentTyping(agentTypingUrl: string, typing: boolean): Promise<Result<void>>;
  /** A17 (`{chat}/info/visitorName`), A20 (`…/visitorTyping`), A18 (`…/agentTyping`). */
  getInfoField(fieldUrl: string, field: 'visitorName' | 'visitorTyping' | 'agentTyping'): Promise<Result<string>>;
  /** A21: what the account's identity provider says about an authenticated visitor. */
  getParticipantInfo(sessionUrl: string, participantId: string): Promise<Result<ParticipantInfo>>;
  getTransferOptions(transferUrl: string): Promise<Result<TransferSkill[]>>;
  transfer(transferUrl: string, target: TransferTarget): Promise<Result<void>>;
  getVisit(visitUrl: string): Promise<Result<Visit>>;
  getAgentSurvey(surveyUrl: string): Promise<Result<AgentSurvey>>;
  getAvailableAgents(sessionUrl: string, filter?: { skill?: string; chatState?: AvailableAgent['chatState'] }): Promise<Result<AvailableAgent[]>>;
  /** Free chat capacity; -1 = unlimited. */
  getAvailableSlots(sessionUrl: string, filter?: { skill?: string; agent?: string }): Promise<Result<number>>;
  /** Answers by question id (several for checkboxes). */
  submitAgentSurvey(surveyUrl: string, surveyId: string, answers: Record<string, string[]>): Promise<Result<void>>;
}

/** Predefined Content (canned responses) and its categories, as ./predefined-content.ts reads them. */
export interface PredefinedContentText {
  /** As sent, e.g. `en-US`, `en-us`, `he`. */
  lang: string;
  title: string;
  /** The message; may hold HTML (the API's `sanitize_data` flag exists for that reason). */
  msg: string;
  isDefault: boolean;
}

export interface PredefinedContentItem {
  id: string;
  deleted: boolean;
  enabled: boolean;
  /** 0 is text, the only documented value. */
  type: number;
  /** One entry per language. */
  texts: PredefinedContentText[];
  categoryIds: string[];
  /** Empty: for every skill. */
  skillIds: string[];
  hotkey?: { prefix: string; suffix: string };
}

export interface PredefinedCategory {
  id: string;
  name: string;
  deleted: boolean;
  order?: number;
}

export interface PredefinedContent {
  items: PredefinedContentItem[];
  /** `ac-revision`: changes whenever an administrator edits the library. */
  revision?: string;
  /** Items present in the answer that could not be read (logged by the caller, never shown). */
  unreadable: number;
}

export interface PredefinedCategories {
  categories: PredefinedCategory[];
  revision?: string;
}

export interface PredefinedContentQuery {
  /** Only these languages (the API's `lang`, comma separated). */
  langs?: string[];
  /** Only items for these skills (`skill_ids`). */
  skillIds?: string[];
  /** Deleted items too (`include_deleted`; off by default, as in the API). */
  includeDeleted?: boolean;
}

/** What `client.accountConfig(auth)` offers (./predefined-content.ts, bound in ./client.ts). */
export interface AccountConfigApi {
  getPredefinedContent(p: AccountAddress & PredefinedContentQuery): Promise<Result<PredefinedContent>>;
  getPredefinedCategories(p: AccountAddress & { includeDeleted?: boolean }): Promise<Result<PredefinedCategories>>;
}

/** The same service's skills and agent status reasons (`client.accountConfig(auth)` offers both interfaces). */
export interface AgentConfigApi {
  /** The Skills API (./skills.ts). */
  getSkills(p: AccountAddress): Promise<Result<AccountSkill[]>>;
  /** The Agent Status Reason API (./status-reasons.ts). */
  getStatusReasons(p: AccountAddress): Promise<Result<StatusReason[]>>;
}

