/**
 * The consumer side (Messaging Window API, `…/messaging/consumer?v=3`): what tests and the sandbox's
 * visitor page drive conversations with (docs/reference/messaging.md §7).
 */
import { checkEvent } from './agent-api';
import type { MessagingStore } from './conversations';
import { StoreError } from './conversations';
import { canonicalType, notify, respond } from './frames';
import { sendExisting, type Session } from './sessions';

type Body = Record<string, unknown>;
const asList = <T>(value: T | T[] | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

export function handleConsumerRequest(store: MessagingStore, session: Session, frame: Body): void {
  const ws = session.ws;
  const id = frame.id;
  const type = canonicalType(String(frame.type ?? ''));
  const body = (frame.body && typeof frame.body === 'object' ? frame.body : {}) as Body;

  if (type === 'InitConnection') {
    // For clients that cannot set WebSocket headers (browsers): the JWT travels in a header object.
    const auth = asList(frame.headers as Body | Body[]).find((h) => h.type === '.ams.headers.ConsumerAuthentication');
    const consumer = typeof auth?.jwt === 'string' ? store.consumerByJwt(auth.jwt) : undefined;
    if (!consumer) {
      respond(ws, id, 401, STRING, 'Unauthorized');
      ws.close(4401, 'A fresh token is required');
      return;
    }
    session.consumer = consumer;
    return respond(ws, id, 200, STRING, 'OK');
  }
  if (type === 'GetClock') return respond(ws, id, 200, '.GetClock$Response', { currentTime: Date.now() });
  const consumer = session.consumer;
  if (!consumer) throw new StoreError(401, 'Authenticate first (Authorization: jwt … or InitConnection)');
  const me = { pid: consumer.id, oldId: consumer.id, role: 'CONSUMER' as const };

  switch (type) {
    case 'cm.ConsumerRequestConversation': {
      const c = store.requestConversation(consumer, typeof body.skillId === 'string' ? body.skillId : '-1');
      return respond(ws, id, 200, 'cm.RequestConversationResponse', { conversationId: c.id });
    }
    case 'aam.SubscribeExConversations': {
      const subscriptionId = session.subscribe({
        kind: 'ex-conversations',
        filter: { convState: body.convState ? asList(body.convState as string | string[]) : undefined },
        sent: new Set(),
      });
      respond(ws, id, 200, 'cqm.SubscribeExConversationsResponse', { subscriptionId });
      return sendExisting(store, session, subscriptionId);
    }
    case 'ms.SubscribeMessagingEvents': {
      const c = ownConversation(store, consumer.id, body.dialogId);
      const from = Number(body.fromSeq ?? 0) || 0;
      const subscriptionId = session.subscribe({ kind: 'messaging-events', dialogId: c.id });
      respond(ws, id, 200, 'GenericSubscribeResponse', { subscriptionId });
      const changes = c.events.filter((e) => e.sequence >= from && e.messageAudience !== 'AGENTS_AND_MANAGERS').map(({ messageAudience: _m, ...rest }) => rest);
      return notify(ws, 'ms.MessagingEventNotification', { subscriptionId, changes });
    }
    case 'ms.PublishEvent': {
      const c = ownConversation(store, consumer.id, body.dialogId);
      const event = checkEvent(body.event);
      if (event.type === 'RichContentEvent') throw new StoreError(400, 'Consumers do not send structured content');
      const sequence = store.publish(c, me, event);
      return respond(ws, id, 200, 'ms.PublishEventResponse', { sequence });
    }
    case 'cm.UpdateConversationField': {
      const c = ownConversation(store, consumer.id, body.conversationId);
      for (const field of asList(body.conversationField as Body | Body[])) {
        if (field.field === 'ConversationStateField' && field.conversationState === 'CLOSE') store.close(c, 'CONSUMER');
        else if (field.field !== 'CSATRate') throw new StoreError(400, `Unsupported conversation field ${String(field.field)}`);
      }
      return respond(ws, id, 200, STRING, 'OK');
    }
    default:
      throw new StoreError(400, `Unsupported request type ${String(frame.type)}`);
  }
}

const STRING = '.ReqBody$StringResp';

function ownConversation(store: MessagingStore, consumerId: string, convId: unknown) {
  const c = store.get(String(convId ?? ''));
  if (c.consumerId !== consumerId) throw new StoreError(403, 'Not this consumer’s conversation');
  return c;
}
