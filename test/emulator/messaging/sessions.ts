/**
 * One open UMS socket (an agent's or a consumer's), its subscriptions, and the notifications the
 * store's changes turn into. Request handling lives in agent-api.ts / consumer-api.ts.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Consumer, Conversation, MessagingAgent, MessagingStore, StoreEvent } from './conversations';
import { oldAgentId } from './conversations';
import { conversationResult, notify, ringChange } from './frames';

export interface ExConversationsFilter {
  agentIds?: string[];
  convState?: string[];
  minLastUpdatedTime?: number;
}

type Subscription =
  | { kind: 'routing' }
  | { kind: 'agents-state' }
  | { kind: 'ex-conversations'; filter: ExConversationsFilter; sent: Set<string> }
  | { kind: 'messaging-events'; dialogId: string };

export class Session {
  readonly subscriptions = new Map<string, Subscription>();
  agent?: MessagingAgent;
  consumer?: Consumer;

  constructor(
    readonly ws: WebSocket,
    readonly side: 'agent' | 'consumer',
    readonly bearer?: string,
  ) {}

  subscribe(sub: Subscription): string {
    const id = randomUUID();
    this.subscriptions.set(id, sub);
    return id;
  }

  has(kind: Subscription['kind']): boolean {
    for (const sub of this.subscriptions.values()) if (sub.kind === kind) return true;
    return false;
  }
}

/** Does a conversation belong in an ExConversations subscription? */
function matches(store: MessagingStore, session: Session, filter: ExConversationsFilter, c: Conversation): boolean {
  if (filter.convState && filter.convState.length > 0 && !filter.convState.includes(c.state)) return false;
  if (filter.minLastUpdatedTime && c.metaDataLastUpdateTs < filter.minLastUpdatedTime) return false;
  if (session.side === 'consumer') return c.consumerId === session.consumer?.id;
  if (!filter.agentIds || filter.agentIds.length === 0) return true;
  const wanted = new Set(filter.agentIds.map((id) => store.resolveAgent(id)).filter(Boolean));
  return c.participants.some((p) => p.role !== 'CONSUMER' && wanted.has(store.resolveAgent(p.id)));
}

const exType = (s: Session) => (s.side === 'agent' ? '.ams.aam.ExConversationChangeNotification' : 'cqm.ExConversationChangeNotification');

/** The existing conversations a new ExConversations subscription gets at once (again on a resubscribe). */
export function sendExisting(store: MessagingStore, session: Session, subscriptionId: string): void {
  const sub = session.subscriptions.get(subscriptionId);
  if (sub?.kind !== 'ex-conversations') return;
  const changes = [...store.conversations.values()]
    .filter((c) => matches(store, session, sub.filter, c))
    .map((c) => {
      sub.sent.add(c.id);
      return { type: 'UPSERT', result: conversationResult(store, c) };
    });
  notify(session.ws, exType(session), { subscriptionId, changes });
}

/** Turns one store change into the notifications each open session should get. */
export function fanOut(store: MessagingStore, sessions: Iterable<Session>, event: StoreEvent): void {
  for (const session of sessions) {
    for (const [subscriptionId, sub] of session.subscriptions) {
      if (event.kind === 'conversation' && sub.kind === 'ex-conversations') {
        const c = event.conversation;
        if (matches(store, session, sub.filter, c)) {
          sub.sent.add(c.id);
          notify(session.ws, exType(session), { subscriptionId, changes: [{ type: 'UPSERT', result: conversationResult(store, c) }] });
        } else if (sub.sent.has(c.id)) {
          sub.sent.delete(c.id);
          // A conversation that just closed is reported closed; one that left the agent is deleted from their list.
          const type = c.state === 'CLOSE' ? 'UPSERT' : 'DELETE';
          notify(session.ws, exType(session), { subscriptionId, changes: [{ type, result: conversationResult(store, c) }] });
        }
      }
      if (event.kind === 'ring' && sub.kind === 'routing' && session.agent?.userId === event.ring.agentUserId) {
        notify(session.ws, '.ams.routing.RoutingTaskNotification', { subscriptionId, changes: [ringChange(store, event.ring)] });
      }
      if (event.kind === 'agent-state' && sub.kind === 'agents-state' && session.agent?.userId === event.userId) {
        const { availability, description } = store.stateOf(event.userId);
        notify(session.ws, '.ams.routing.AgentStateNotification', {
          subscriptionId,
          changes: [{ type: 'UPSERT', result: { agentUserId: oldAgentId(store.opts.accountId, event.userId), channels: ['MESSAGING'], availability, description } }],
        });
      }
      if (
        event.kind === 'message' &&
        sub.kind === 'messaging-events' &&
        session.side === 'consumer' &&
        sub.dialogId === event.conversation.id &&
        event.change.messageAudience !== 'AGENTS_AND_MANAGERS'
      ) {
        notify(session.ws, 'ms.MessagingEventNotification', { subscriptionId, changes: [withoutAudience(event.change)] });
      }
    }
    // Agents need no subscription for content: being a participant is enough (UMS v2).
    if (event.kind === 'message' && session.side === 'agent' && session.agent && store.isAgentParticipant(event.conversation, session.agent.userId)) {
      notify(session.ws, '.ams.ms.OnlineEventDistribution', event.change);
    }
  }
}

function withoutAudience<T extends { messageAudience?: string }>(change: T): Omit<T, 'messageAudience'> {
  const { messageAudience: _omit, ...rest } = change;
  return rest;
}
