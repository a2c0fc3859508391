/**
 * The conversation service over LivePerson Messaging (UMS, the agent's WebSocket API; reference:
 * docs/reference/messaging.md). Same Login Service and CSDS as the Chat Agent API; then one socket
 * per agent (./agent-socket.ts) whose notifications are buffered (./transcript.ts). The core's
 * calls are answered from that buffer — no request per poll — and `listen` lets the socket ask the
 * core for a cycle the moment something arrives.
 *
 * Exactly-once for the agent's lines (reference §6): UMS has no idempotency key. A publish whose
 * answer was lost marks the conversation unsynced; the core's outbox waits for a read of the
 * conversation after the attempt, and that read queries the history from the cursor first — the
 * line, if it landed, is there as the agent's own and confirms the queued entry instead of a resend.
 */
import type { ConversationService, Result, TransferSkill } from '../../agent/conversation-service';
import type { Connection } from '../../agent/state';
import { transferableSkills } from '../../api/skills';
import { reasonsFor } from '../../api/status-reasons';
import type { LivePersonClient } from '../../api/types';
import {
  acceptRing,
  closeConversation,
  getConsumerProfile,
  publishChatState,
  publishReceipt,
  publishText,
  queryMessages,
  setAgentState,
  transferToAgent,
  transferToSkill,
  type AgentAvailability,
} from '../../api/ums';
import { accountConfigReader, type AccountConfigReader } from './account-config';
import { AgentSocket, type AgentSocketOptions } from './agent-socket';
import { openMessagingConnection } from './sign-in';
import { chatUrlOf } from './transcript';

export interface MessagingServiceOptions {
  client: LivePersonClient;
  /** Sandbox and tests only: loopback hosts, and ws:// to them. */
  allowLoopback?: boolean;
  WebSocketImpl?: typeof WebSocket;
  requestTimeoutMs?: number;
  keepAliveMs?: number;
  log?: AgentSocketOptions['log'];
  /** Tests: the Account Configuration reader (skills, status reasons); by default over `client`. */
  accountConfig?: AccountConfigReader;
}

/** The product's availability words ↔ Messaging's agent states. */
const TO_STATE: Record<string, AgentAvailability> = { Online: 'ONLINE', Away: 'AWAY', 'Back soon': 'BACK_SOON', Occupied: 'OCCUPIED', Offline: 'OFFLINE' };
const FROM_STATE: Record<string, string> = { ONLINE: 'Online', AWAY: 'Away', BACK_SOON: 'Back soon', OCCUPIED: 'Occupied', OFFLINE: 'Offline' };

const unsupported = (what: string) => ({ ok: false as const, error: { kind: 'http' as const, status: 501, message: `${what} is not offered for LivePerson Messaging conversations` } });

export type MessagingConversationService = ConversationService & {
  /** Tests and the sandbox: the agent's socket, if one is held. */
  socketFor(connection: Connection): AgentSocket | undefined;
};

export function messagingService(opts: MessagingServiceOptions): MessagingConversationService {
  let current: AgentSocket | undefined;
  let wake: (() => void) | undefined;
  const config = opts.accountConfig ?? accountConfigReader(opts.client);

  /** The agent's socket for this connection: a new login (another bearer) replaces the old one. */
  const socketOf = (connection: Connection): AgentSocket => {
    if (current && current.bearer === connection.bearer && current.opts.origin === connection.sessionUrl) return current;
    current?.close();
    current = new AgentSocket({
      origin: connection.sessionUrl,
      accountId: connection.accountId,
      bearer: connection.bearer,
      agentName: connection.agentName,
      allowInsecureLoopback: !!opts.allowLoopback,
      WebSocketImpl: opts.WebSocketImpl,
      requestTimeoutMs: opts.requestTimeoutMs,
      keepAliveMs: opts.keepAliveMs,
      log: opts.log,
    });
    // After a worker restart the wanted state comes back from the stored connection.
    const wanted = connection.wire?.availability;
    if (wanted && TO_STATE[wanted]) current.desired = { availability: TO_STATE[wanted]!, description: connection.wire?.awayReason };
    if (wake) current.onWake(wake);
    return current;
  };

  const ready = async (connection: Connection) => socketOf(connection).ready();

  /** Reads a conversation's history from `fromSequence` into the buffer, once per socket. */
  const sync = async (connection: Connection, conversationId: string, fromSequence: number, force = false): Promise<Result<void>> => {
    const socket = socketOf(connection);
    const conn = await socket.ready();
    if (!conn.ok) return conn;
    const record = socket.transcripts.get(conversationId);
    if (record.synced && !force) return { ok: true, value: undefined };
    // The consumer's name first: the lines read next carry it.
    if (!record.consumerName && record.meta?.consumerId) {
      const profile = await getConsumerProfile(conn.value, record.meta.consumerId);
      if (profile.ok) record.consumerName = consumerName(profile.value);
    }
    const history = await queryMessages(conn.value, conversationId, Math.max(0, fromSequence));
    if (!history.ok) return history;
    socket.transcripts.addEvents(history.value, connection.agentName);
    record.synced = true;
    return { ok: true, value: undefined };
  };

  /**
   * Where a conversation of `skillId` may go: back to its own queue first, then the skills the
   * account's Skills API allows (`canTransfer`, `skillTransferList`). Without that list (an agent
   * may lack the permission to read it), back to the queue only.
   */
  const transferSkills = async (connection: Connection, skillId = '-1'): Promise<TransferSkill[]> => {
    const skills = await config.skills(connection);
    if (!skills.ok) opts.log?.('The account’s skills could not be read; transfer offers the queue only', { kind: skills.error.kind, status: skills.error.status });
    const all = skills.ok ? skills.value : [];
    const own = all.find((s) => s.id === skillId);
    const requeue = { id: skillId, name: own ? `Back to the queue (${own.name})` : 'Back to the queue' };
    const others = transferableSkills(all, skillId).filter((s) => s.id !== skillId);
    return [requeue, ...others.map((s) => ({ id: s.id, name: s.name }))];
  };

  /** READ receipts for the consumer lines the core now shows the agent (fire and forget). */
  const markRead = (socket: AgentSocket, conversationId: string) => {
    const unread = socket.transcripts.unreadConsumerLines(conversationId);
    if (unread.length === 0) return;
    const record = socket.transcripts.get(conversationId);
    record.readUpTo = Math.max(...unread);
    void socket.ready().then((conn) => (conn.ok ? publishReceipt(conn.value, conversationId, 'READ', unread) : undefined));
  };

  const service: MessagingConversationService = {
    socketFor: (connection) => (current && current.bearer === connection.bearer ? current : undefined),

    listen: (w) => {
      wake = w;
      current?.onWake(w);
    },

    signIn: async (request, now) => {
      const opened = await openMessagingConnection(opts.client, request, now, { allowLoopback: !!opts.allowLoopback });
      if (!opened.ok) return opened;
      const { connection, profile } = opened.value;
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return { ok: false, error: `Signed in, but the Messaging connection could not open: ${conn.error.message}` };
      // Continuity: conversations this agent already holds (long-lived; another device, a lost worker).
      const chats = [];
      for (const record of socket.transcripts.all().filter((r) => !r.gone)) {
        const synced = await sync(connection, record.id, 0, true);
        if (synced.ok) chats.push(socket.transcripts.snapshot(record.id, -1));
      }
      return { ok: true, value: { connection, profile, availability: FROM_STATE[socket.availability ?? 'OFFLINE'] ?? 'Offline', chats } };
    },
    signOut: async (connection) => {
      if (current?.bearer === connection.bearer) {
        current.close();
        current = undefined;
      }
      return opts.client.login.logout({ origin: connection.origin, accountId: connection.accountId, csrf: connection.csrf });
    },
    keepSignedIn: async (connection) => {
      const refreshed = await opts.client.login.refresh({ origin: connection.origin, accountId: connection.accountId, csrf: connection.csrf });
      if (refreshed.ok) socketOf(connection).renewed(connection.bearer);
      return refreshed;
    },
    newSession: async (connection) => {
      const conn = await ready(connection);
      return conn.ok ? { ok: true, value: connection.sessionUrl } : conn;
    },
    sessionAlive: async (connection) => {
      const conn = await ready(connection);
      return conn.ok ? { ok: true, value: true } : conn;
    },
    heldChats: async (connection) => {
      const conn = await ready(connection);
      if (!conn.ok) return conn;
      return { ok: true, value: socketOf(connection).transcripts.all().filter((r) => !r.gone).map((r) => ({ chatId: r.id, chatUrl: chatUrlOf(r.id) })) };
    },
    // A conversation's address does not depend on the socket.
    rehome: (chat) => {
      chat.chatUrl = chatUrlOf(chat.id);
    },

    presence: async (connection) => {
      const conn = await ready(connection);
      if (!conn.ok) return conn;
      return { ok: true, value: FROM_STATE[socketOf(connection).availability ?? 'OFFLINE'] ?? 'Offline' };
    },
    setPresence: async (connection, availability, reason) => {
      const state = TO_STATE[availability];
      if (!state) return { ok: false, error: { kind: 'http', status: 400, message: `Unknown availability ${availability}` } };
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      const description = state === 'AWAY' || state === 'BACK_SOON' ? reason : undefined;
      const set = await setAgentState(conn.value, { availability: state, agentUserId: socket.userId, description });
      if (!set.ok) return set;
      socket.desired = { availability: state, description };
      socket.availability = state;
      // Kept with the connection: a restarted worker registers the same state on its new socket.
      connection.wire = { ...connection.wire, availability, ...(description ? { awayReason: description } : {}) };
      if (!description) delete connection.wire.awayReason;
      return { ok: true, value: undefined };
    },
    // The account's reasons for Away (Agent Status Reason API), offered for Away and Back soon alike.
    awayReasons: async (connection) => {
      const reasons = await config.statusReasons(connection);
      return reasons.ok ? { ok: true, value: [...new Set(reasonsFor(reasons.value, 'Away').map((r) => r.text.slice(0, 80)))] } : reasons;
    },
    incomingWork: async (connection) => {
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      const now = Date.now();
      const waiting = [...socket.rings.values()].filter((r) => r.state === 'WAITING' && (r.expiresAt === undefined || r.expiresAt > now));
      for (const [id, ring] of socket.rings) if (ring.state !== 'WAITING' || (ring.expiresAt !== undefined && ring.expiresAt <= now)) socket.rings.delete(id);
      return { ok: true, value: { ringing: waiting.length, offer: waiting[0]?.ringId } };
    },
    accept: async (connection, offer) => {
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      const ring = socket.rings.get(offer);
      const accepted = await acceptRing(conn.value, offer);
      if (!accepted.ok) return accepted;
      socket.rings.delete(offer);
      const conversationId = ring?.conversationId ?? offer.split('_')[0]!;
      socket.transcripts.get(conversationId).gone = undefined;
      return { ok: true, value: { chatId: conversationId, chatUrl: chatUrlOf(conversationId) } };
    },

    chat: async (connection, ref) => {
      const synced = await sync(connection, ref.chatId, 0, true);
      if (!synced.ok) return synced;
      const socket = socketOf(connection);
      markRead(socket, ref.chatId);
      return { ok: true, value: socket.transcripts.snapshot(ref.chatId, -1) };
    },
    chatEvents: async (connection, chats) => {
      const socket = socketOf(connection);
      const snapshots = [];
      for (const chat of chats) {
        // On a new socket (a drop, a worker restart) the history from the cursor comes first.
        const synced = await sync(connection, chat.id, chat.lastEventId + 1);
        if (!synced.ok) return synced;
        snapshots.push(socket.transcripts.snapshot(chat.id, chat.lastEventId));
        markRead(socket, chat.id);
      }
      return { ok: true, value: snapshots };
    },
    sendLine: async (connection, chat, line) => {
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      // Always the words, never `line.html`: a Messaging ContentEvent's contentType has one valid
      // value, "text/plain" (developer-center pages/documents/data/messaging-consumer-history/methods/
      // conversation-content.md, "_event - ContentEvent_"; docs/reference/messaging.md §5, "text").
      const published = await publishText(conn.value, chat.id, line.text, { agentsOnly: line.private });
      if (!published.ok) {
        // The answer may be lost, not the line: the next read checks the history first.
        socket.transcripts.get(chat.id).synced = false;
        return published;
      }
      return { ok: true, value: { eventId: published.value } };
    },
    setTyping: async (connection, chat, typing) => {
      const conn = await ready(connection);
      if (!conn.ok) return conn;
      return publishChatState(conn.value, chat.id, typing ? 'COMPOSING' : 'PAUSE');
    },
    transferTargets: async (connection, chat) => {
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      return { ok: true, value: await transferSkills(connection, socket.transcripts.get(chat.id).meta?.skillId) };
    },
    transfer: async (connection, chat, target) => {
      const socket = socketOf(connection);
      const conn = await socket.ready();
      if (!conn.ok) return conn;
      const current = socket.transcripts.get(chat.id).meta?.skillId ?? '-1';
      if ('agentId' in target) {
        return transferToAgent(conn.value, chat.id, { toAgentUserId: messagingAgentId(connection.accountId, target.agentId), skillId: current });
      }
      // Only what the transfer form offers: the account's rules for this skill (a page cannot pick another).
      if (!(await transferSkills(connection, current)).some((s) => s.id === target.skillId)) {
        return { ok: false, error: { kind: 'http', status: 400, message: 'This conversation may not be transferred to that skill' } };
      }
      return transferToSkill(conn.value, chat.id, target.skillId);
    },
    end: async (connection, chat) => {
      const conn = await ready(connection);
      if (!conn.ok) return conn;
      return closeConversation(conn.value, chat.id);
    },
    survey: async () => unsupported('The agent survey'),
    submitSurvey: async () => unsupported('The agent survey'),
    visit: async () => undefined,
    visitorIdentity: async (connection, participantId) => {
      const conn = await ready(connection);
      if (!conn.ok) return conn;
      const profile = await getConsumerProfile(conn.value, participantId);
      if (!profile.ok) return profile;
      return { ok: true, value: { authenticated: false, facts: profileFacts(profile.value) } };
    },
    freeSlots: async () => ({ ok: true, value: -1 }),
    // Colleagues logged in to Messaging (Agent Metrics API). Unreadable (the page asks for API keys;
    // an account may refuse an agent's login): none to offer, logged — not a failure of the popup.
    colleagues: async (connection, filter) => {
      const agents = await config.agents(connection);
      if (!agents.ok) {
        opts.log?.('Colleagues could not be read; transfer to an agent is not offered', { kind: agents.error.kind, status: agents.error.status });
        return { ok: true, value: [] };
      }
      return { ok: true, value: filter?.chatState ? agents.value.filter((a) => a.chatState === filter.chatState) : agents.value };
    },
  };
  return service;
}

function consumerName(profile: unknown): string | undefined {
  const p = profile as { firstName?: unknown; lastName?: unknown } | undefined;
  const name = [p?.firstName, p?.lastName].filter((s): s is string => typeof s === 'string' && s.length > 0).join(' ');
  return name || undefined;
}

function profileFacts(profile: unknown): Array<{ label: string; value: string }> {
  if (!profile || typeof profile !== 'object') return [];
  return Object.entries(profile)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([label, value]) => ({ label, value: String(value) }));
}

/**
 * Messaging names an agent `{accountId}.{userId}` (routing, AAM, `GetUserProfile`'s
 * `"qa20971604.3836897210"`; reference §1); a bare user id (the Users API's, the Chat Agent API's)
 * is given the account.
 */
export function messagingAgentId(accountId: string, agentId: string): string {
  return agentId.includes('.') ? agentId : `${accountId}.${agentId}`;
}
