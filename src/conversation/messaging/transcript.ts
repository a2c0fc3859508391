/**
 * What the Messaging socket told us about each conversation, held until the core reads it: events
 * keyed by sequence (a resubscribe or a history replay doubles nothing), the consumer's typing,
 * the conversation's state and names. Read in the seam's terms (ChatEvent, ChatInfo): a sequence
 * is the event id, so the core's cursor (`lastEventId`) is "the last sequence seen" and a history
 * query resumes from it (docs/reference/messaging.md §4.3, §6).
 */
import type { ChatEvent, ChatInfo, ChatLineEvent, ChatSnapshot } from '../../agent/conversation-service';
import type { ConversationMeta, MessagingEvent } from '../../api/ums';

/** Bound on what is kept per conversation (a hostile or buggy server cannot exhaust the worker). */
export const MAX_EVENTS_PER_CONVERSATION = 2_000;
/** Bound on the conversations followed (LivePerson sends up to 1000 on subscribe). */
export const MAX_CONVERSATIONS = 1_000;

const AGENT_ROLES = new Set(['ASSIGNED_AGENT', 'AGENT', 'MANAGER', 'READER', 'AGENT_MANAGER']);

export interface ConversationRecord {
  id: string;
  events: Map<number, ChatEvent>;
  meta?: ConversationMeta;
  consumerName?: string;
  consumerTyping: boolean;
  /** The history was read on the current socket (after a drop, a query from the cursor comes first). */
  synced: boolean;
  /** Left this agent (transferred) or closed. */
  gone?: 'closed' | 'left';
  /** Consumer lines already answered with a READ receipt. */
  readUpTo: number;
  /** The highest sequence the consumer's own READ receipts cover (the agent's lines they read). */
  consumerReadUpTo: number;
}

export const chatUrlOf = (conversationId: string): string => `messaging:conversation/${encodeURIComponent(conversationId)}`;

export class Transcripts {
  private readonly byId = new Map<string, ConversationRecord>();

  get(id: string): ConversationRecord {
    let record = this.byId.get(id);
    if (!record) {
      if (this.byId.size >= MAX_CONVERSATIONS) {
        // Forget the oldest closed conversation first, else the oldest.
        const victim = [...this.byId.values()].find((r) => r.gone) ?? this.byId.values().next().value!;
        this.byId.delete(victim.id);
      }
      record = { id, events: new Map(), consumerTyping: false, synced: false, readUpTo: -1, consumerReadUpTo: -1 };
      this.byId.set(id, record);
    }
    return record;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): ConversationRecord[] {
    return [...this.byId.values()];
  }

  /** A new socket: every conversation's history must be read again from its cursor. */
  unsync(): void {
    for (const record of this.byId.values()) record.synced = false;
  }

  clear(): void {
    this.byId.clear();
  }

  /** Adds events (from a notification or the history); chat states only move the typing flag. */
  addEvents(events: readonly MessagingEvent[], agentName: string): void {
    for (const event of events) {
      const record = this.get(event.conversationId);
      if (event.content.type === 'chat-state') {
        if (isConsumer(event, record)) record.consumerTyping = event.content.state === 'COMPOSING';
        continue;
      }
      if (event.sequence === undefined || record.events.has(event.sequence)) continue;
      const chatEvent = toChatEvent(event, record, agentName);
      if (!chatEvent) continue;
      if (chatEvent.type === 'line' && isConsumer(event, record)) record.consumerTyping = false;
      // The consumer read the agent's lines up to these sequences (AcceptStatusEvent READ, reference §4.3).
      if (event.content.type === 'receipt' && event.content.status === 'READ' && isConsumer(event, record) && event.content.sequences.length > 0) {
        record.consumerReadUpTo = Math.max(record.consumerReadUpTo, ...event.content.sequences);
      }
      record.events.set(event.sequence, chatEvent);
      if (record.events.size > MAX_EVENTS_PER_CONVERSATION) record.events.delete(Math.min(...record.events.keys()));
    }
  }

  /** Conversation metadata: newer than what is held wins (LivePerson does not order these). */
  addMeta(change: { type: 'UPSERT' | 'DELETE'; conversation: ConversationMeta }): void {
    const meta = change.conversation;
    const record = this.get(meta.conversationId);
    if (change.type === 'DELETE') {
      record.gone = 'left';
      return;
    }
    if (record.meta?.updatedAt !== undefined && meta.updatedAt !== undefined && meta.updatedAt < record.meta.updatedAt) return;
    record.meta = meta;
    // In this agent's subscription, an open conversation is this agent's (again, after a transfer back).
    record.gone = meta.state === 'CLOSE' ? 'closed' : undefined;
  }

  /** The seam's snapshot: the events after the core's cursor, and what the conversation is now. */
  snapshot(id: string, afterSequence: number): ChatSnapshot {
    const record = this.get(id);
    const events = [...record.events.entries()]
      .filter(([seq]) => seq > afterSequence)
      .sort(([a], [b]) => a - b)
      // The consumer's name may be learnt after a line arrived (a new socket reads it again).
      .map(([, e]) => (e.type === 'line' && (e as ChatLineEvent).source === 'visitor' && record.consumerName ? { ...e, by: record.consumerName } : e));
    const info: ChatInfo = {
      state: record.gone ? 'ended' : 'chatting',
      visitorTyping: record.consumerTyping ? 'typing' : 'not-typing',
      extra: {},
      ...(record.consumerName ? { visitorName: record.consumerName } : {}),
      ...(record.meta?.consumerId ? { visitorId: record.meta.consumerId } : {}),
      ...(record.meta?.startTs ? { startTime: new Date(record.meta.startTs).toISOString() } : {}),
      // The conversation's skill is an id only (ExConversationChangeNotification's `skillId`,
      // docs/reference/messaging.md §4.2); UMS tells no skill names, the view names it from the agent's skills.
      ...(record.meta?.skillId ? { skillId: record.meta.skillId } : {}),
      ...(record.consumerReadUpTo >= 0 ? { visitorReadUpTo: record.consumerReadUpTo } : {}),
    };
    return { chatId: id, chatUrl: chatUrlOf(id), links: {}, events, info };
  }

  /** Consumer lines not yet answered with READ (the agent's panel now shows them). */
  unreadConsumerLines(id: string): number[] {
    const record = this.get(id);
    return [...record.events.values()].filter((e) => e.type === 'line' && (e as { source?: string }).source === 'visitor' && e.id > record.readUpTo).map((e) => e.id);
  }
}

function isConsumer(event: MessagingEvent, record: ConversationRecord): boolean {
  if (event.role) return event.role === 'CONSUMER';
  return !!record.meta?.consumerId && event.originatorId === record.meta.consumerId;
}

function toChatEvent(event: MessagingEvent, record: ConversationRecord, agentName: string): ChatEvent | undefined {
  const id = event.sequence!;
  const time = new Date(event.serverTimestamp ?? Date.now()).toISOString();
  const consumer = isConsumer(event, record);
  const source = consumer ? 'visitor' : event.originatorOldId || (event.role && AGENT_ROLES.has(event.role)) ? 'agent' : 'system';
  const by = consumer ? (record.consumerName ?? 'Consumer') : source === 'agent' ? agentName : 'LivePerson';
  const content = event.content;
  switch (content.type) {
    case 'text':
      // A private note (agents and managers only) is the seam's ONLY_TO_REP line: the outbox
      // recognises its own note in the history by text *and* privacy (exactly once, like public lines).
      return { type: 'line', id, time, text: content.message, textType: 'plain', by, source, ...(event.agentsOnly ? { subType: 'ONLY_TO_REP' as const } : {}) };
    case 'rich':
      // Structured content is rendered from data by the panel's card renderer, never as HTML.
      return { type: 'line', id, time, text: '', textType: 'rich-content', json: content.content, by, source };
    case 'receipt':
      return { type: 'receipt', id, time, raw: { status: content.status, sequences: content.sequences, by: source } };
    default:
      return { type: content.type === 'other' ? content.eventType : content.type, id, time, raw: {} };
  }
}
