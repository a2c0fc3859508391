/**
 * The background's state, kept whole in storage.session so a stopped and restarted service worker
 * continues exactly where it was (tokens included: storage.session stays trusted-contexts only).
 */
import type { ApiKeys, Visit } from '../api/types';
import type { AgentProfile } from '../messaging/view';
import type { LineView } from '../messaging/view';

export interface Connection {
  csdsUrl: string;
  accountId: string;
  /** Origin of the agentVep service, where login and the Chat Agent API live. */
  origin: string;
  bearer: string;
  /** Bots: the API keys that sign every Chat Agent API request (kept in storage.session only). */
  apiKeys?: ApiKeys;
  csrf: string;
  sessionTtlMs: number;
  loginAt: number;
  refreshedAt: number;
  userId: string;
  agentName: string;
  loginName: string;
  /** `{origin}/api/account/{id}/agentSession/{sessionId}`. */
  sessionUrl: string;
}

export interface OutboxEntry {
  localId: string;
  text: string;
  status: 'pending' | 'failed';
  /** A private note (ONLY_TO_REP). */
  private?: boolean;
  /** Why it failed, in one sentence. */
  problem?: string;
}

export interface StoredChat {
  id: string;
  chatUrl: string;
  links: Record<string, string>;
  /** Highest event id merged so far: the A12 `fromEventIds` cursor. -1 before any. */
  lastEventId: number;
  state: string;
  visitorName: string;
  visitorId?: string;
  startTime?: string;
  chatTimeout?: number;
  visitorTyping: boolean;
  /** Lines in event-id order; each event id appears once. */
  lines: LineView[];
  outbox: OutboxEntry[];
  surveySubmitted?: boolean;
  /** Read once from the `visit-id` link when the chat arrives. */
  visitor?: Visit;
}

export interface AgentState {
  connection: Connection | null;
  availability: string | null;
  ringing: { count: number; since?: number; acceptUrl?: string };
  chats: StoredChat[];
  health: { lastPollAt?: number; problem?: string; consecutiveFailures: number };
  /** Name, skills and capacity from the agent information resource. */
  profile?: AgentProfile;
  /** Why the agent is signed out, shown in the popup. */
  signedOutReason?: string;
  signingIn: boolean;
}

export function initialState(): AgentState {
  return {
    connection: null,
    availability: null,
    ringing: { count: 0 },
    chats: [],
    health: { consecutiveFailures: 0 },
    signingIn: false,
  };
}

/** Where the state is kept between worker lifetimes. */
export interface StateStore {
  load(): Promise<AgentState | null>;
  save(state: AgentState): Promise<void>;
}
