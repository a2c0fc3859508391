/**
 * The background's state, kept whole in storage.session so a stopped and restarted service worker
 * continues exactly where it was (tokens included: storage.session stays trusted-contexts only).
 */
import type { ApiKeys, Visit } from '../api/types';
import type { AgentProfile } from '../messaging/view';
import type { LineView } from '../messaging/view';

/** A line as held: the view adds how the agent reads its time (src/agent/view.ts). */
export type StoredLine = Omit<LineView, 'clock'>;

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
  /** The protocol's session: `{origin}/api/account/{id}/agentSession/{sessionId}` (Chat), the socket's host (Messaging). */
  sessionUrl: string;
  /** Which protocol carries the conversations; absent means the Chat Agent API (state saved before Messaging). */
  protocol?: 'chat' | 'messaging';
  /** Opaque to the core: what an implementation keeps across worker restarts (Messaging: the state to register again). */
  wire?: Record<string, string>;
}

export interface OutboxEntry {
  localId: string;
  text: string;
  /** The same line as sanitized HTML (an HTML canned response), sent as such where the protocol carries HTML. */
  html?: string;
  /** pending: waiting to be (re)sent; sending: a request is in flight; failed: waits for the agent. */
  status: 'pending' | 'sending' | 'failed';
  /** A private note (ONLY_TO_REP). */
  private?: boolean;
  /** The highest event id held when the line was queued: once posted, its event id is higher. */
  afterEventId: number;
  attempts: number;
  /** When the current or last attempt started. */
  attemptStartedAt?: number;
  /** No attempt before this time (retry backoff). */
  notBefore?: number;
  /** When an attempt ended without proof either way (lost answer, 5xx): reconcile before resending. */
  unsureSince?: number;
  /** Why the last attempt failed, in one sentence. */
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
  /** An authenticated (SSO) visitor's participant id: the key to A21. */
  participantId?: string;
  startTime?: string;
  chatTimeout?: number;
  /** The skill the chat came in on, as the protocol tells it (an id, a name or both). */
  skillId?: string;
  skillName?: string;
  visitorTyping: boolean;
  /** The highest event id of the agent's lines the visitor has read (Messaging read receipts). */
  visitorReadUpTo?: number;
  /** Lines in event-id order; each event id appears once. */
  lines: StoredLine[];
  outbox: OutboxEntry[];
  /** The UI's ids of the last lines queued (bounded): a resent `sendLine` is not queued twice. */
  queuedClientIds?: string[];
  /** When the last successful read of this chat's events started (outbox reconciliation). */
  eventsReadAt?: number;
  /** What the agent has typed but not sent: survives reloads and panel remounts. */
  draft?: string;
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
  /** Drain mode and the safety net's last word (./presence.ts): kept here so a worker restart keeps them. */
  presence?: PresenceState;
}

export interface PresenceState {
  /** "Finish my chats, then go Away": Occupied (no new chats) until the last open chat ends. */
  draining?: { since: number };
  /** Why Agent Dock set the agent Away on its own (idle, locked, panel closed, session lost). */
  awayNotice?: { reason: string; at: number };
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
