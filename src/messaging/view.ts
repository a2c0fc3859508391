/**
 * The redacted picture of the agent's state that the background pushes to the popup, options page
 * and every panel. It never carries tokens, csrf, cookies or URLs with credentials.
 */

import type { Fact, Visit } from '../api/types';

export type { Fact };

export type AuthStatus = 'signed-out' | 'signing-in' | 'signed-in';

export interface LineView {
  /** Event id as a string, or `pending:<localId>` for a line not yet acknowledged. */
  id: string;
  source: 'visitor' | 'agent' | 'system';
  /** Display name of the author. */
  by: string;
  text: string;
  textType: 'plain' | 'html' | 'rich-content';
  /** Structured content for `rich-content` lines, rendered from data, never as HTML. */
  json?: unknown;
  time: string;
  /**
   * `time` as the agent reads it (`14:05`, `2:05 PM`), formatted by the background: the first
   * Intl formatter in a CRM page would cost that page ~50 ms of locale data (a long task).
   */
  clock: string;
  /** `ONLY_TO_REP`: visible to agents only. */
  private?: boolean;
  systemMessageId?: number;
  /** Outbox status of the agent's own lines (sending or waiting for a retry; failed for good). */
  delivery?: 'pending' | 'failed';
  /** Why the last attempt to send it failed. */
  problem?: string;
}

export type ChatState = 'waiting' | 'chatting' | 'ended' | string;

/** Device, IP, OS, browser, location, referrer, pre-chat answers, custom variables, pages. */
export type VisitorDetails = Visit;

export interface ChatView {
  id: string;
  state: ChatState;
  visitorName: string;
  visitorId?: string;
  startTime?: string;
  /** `startTime` as the agent reads it (see LineView.clock). */
  startClock?: string;
  /** Seconds of visitor inactivity before LivePerson ends the chat. */
  chatTimeout?: number;
  /**
   * The skill the chat came in on: its id and name as the protocol tells them, the name else from
   * the agent's own skills (A7). Absent when the chat has no skill (LivePerson's `-1`).
   */
  skill?: { id?: string; name?: string };
  visitorTyping: boolean;
  /** The agent's last line the visitor has read (Messaging read receipts): the panel marks it Read. */
  visitorReadLineId?: string;
  lines: LineView[];
  visitor?: VisitorDetails;
  /** Unsent text the agent typed in this chat (kept by the background across reloads). */
  draft?: string;
  /** After the chat ended: whether the agent survey is still to be filled in. */
  agentSurvey?: 'pending' | 'submitted' | 'none';
}

export interface AgentProfile {
  id: string;
  name: string;
  skills: Array<{ id: string; name: string }>;
  /** -1 = unlimited. */
  maxChats: number;
}

export interface AgentView {
  /** Increases on every change; UIs drop views older than the one they hold. */
  version: number;
  auth: {
    status: AuthStatus;
    accountId?: string;
    agentName?: string;
    /** 'bot' when signed in with an API key. */
    kind?: 'agent' | 'bot';
    /** Set when LivePerson Messaging carries the conversations (else the Chat Agent API). */
    protocol?: 'messaging';
    /** Why the agent is signed out or the last sign-in failed, in one sentence. */
    reason?: string;
  };
  agent?: AgentProfile;
  availability: string | null;
  ringing: { count: number; since?: number };
  chats: ChatView[];
  health: {
    lastPollAt?: number;
    /** The last failure a user should see, or undefined when healthy. */
    problem?: string;
    /** When the LivePerson login is next refreshed. */
    nextLoginRefreshAt?: number;
  };
  /** Drain mode and why Agent Dock set the agent Away on its own (src/agent/presence.ts). */
  presence?: { draining: boolean; awayNotice?: { reason: string; at: number } };
}

export const emptyView: AgentView = {
  version: 0,
  auth: { status: 'signed-out' },
  availability: null,
  ringing: { count: 0 },
  chats: [],
  health: {},
};

/**
 * Whether a UI still holds `emptyView`, the background's first view not having reached it yet: it
 * then says it is connecting, not "Signed out" to an agent who is signed in.
 */
export const awaitingFirstView = (view: AgentView): boolean => view === emptyView;
