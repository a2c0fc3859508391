/**
 * The requests an agent sends over `…/messaging/brand/{bearer}` (docs/reference/messaging.md §5).
 * Each answers `{kind:"resp", reqId, code, type, body}`; errors answer a status code and a string body.
 */
import { type Availability, MessagingStore, StoreError, oldAgentId, type Role } from './conversations';
import { canonicalType, notify, respond, ringChange } from './frames';
import { type ExConversationsFilter, sendExisting, type Session } from './sessions';

const AVAILABILITIES: Availability[] = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED'];
const STRING_RESP = '.ReqBody$StringResp';
const SUBSCRIBE_RESP = '.ams.GenericSubscribe$Response';

type Body = Record<string, unknown>;

const asList = <T>(value: T | T[] | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function handleAgentRequest(store: MessagingStore, session: Session, frame: Body): void {
  const agent = session.agent!;
  const ws = session.ws;
  const id = frame.id;
  const type = canonicalType(String(frame.type ?? ''));
  const body = (frame.body && typeof frame.body === 'object' ? frame.body : {}) as Body;
  const me = { pid: store.pidOf(agent.userId), oldId: oldAgentId(store.opts.accountId, agent.userId) };

  switch (type) {
    case 'GetClock':
      return respond(ws, id, 200, '.GetClock$Response', { currentTime: Date.now() });
    case 'KeepAlive':
      return respond(ws, id, 200, STRING_RESP, 'OK');

    case 'userprofile.GetUserProfile': {
      if (!isString(body.userId)) return respond(ws, id, 200, '.ams.userprofile.GetUserProfile$Response', { userId: me.oldId });
      const consumer = store.consumers.get(body.userId);
      if (!consumer) throw new StoreError(404, `No consumer ${body.userId}`);
      const profile: Body = { userId: consumer.id };
      if (consumer.firstName) profile.firstName = consumer.firstName;
      if (consumer.lastName) profile.lastName = consumer.lastName;
      return respond(ws, id, 200, '.ams.userprofile.GetUserProfile$Response', profile);
    }

    case 'routing.SetAgentState': {
      const availability = body.availability as Availability;
      if (!AVAILABILITIES.includes(availability)) throw new StoreError(400, `Unknown availability ${String(body.availability)}`);
      store.setState(agent.userId, availability, typeof body.description === 'string' ? body.description : '');
      return respond(ws, id, 202, STRING_RESP, 'Agent state updated successfully');
    }
    case 'routing.SubscribeAgentsState': {
      const subscriptionId = session.subscribe({ kind: 'agents-state' });
      respond(ws, id, 200, SUBSCRIBE_RESP, { subscriptionId });
      const { availability, description } = store.stateOf(agent.userId);
      return notify(ws, '.ams.routing.AgentStateNotification', {
        subscriptionId,
        changes: [{ type: 'UPSERT', result: { agentUserId: me.oldId, channels: ['MESSAGING'], availability, description } }],
      });
    }
    case 'routing.SubscribeRoutingTasks': {
      const subscriptionId = session.subscribe({ kind: 'routing' });
      respond(ws, id, 200, SUBSCRIBE_RESP, { subscriptionId });
      // As documented: a first notification with no changes; then (our design) any ring still waiting for this agent.
      const waiting = [...store.conversations.values()].flatMap((c) => (c.ring?.state === 'WAITING' && c.ring.agentUserId === agent.userId ? [c.ring] : []));
      notify(ws, '.ams.routing.RoutingTaskNotification', { subscriptionId, changes: waiting.map((r) => ringChange(store, r)) });
      store.setRoutable(agent.userId, true);
      return;
    }
    case 'routing.UpdateRingState': {
      const ringState = body.ringState;
      if (!isString(body.ringId) || (ringState !== 'ACCEPTED' && ringState !== 'REJECTED')) throw new StoreError(400, 'ringId and ringState (ACCEPTED or REJECTED) are required');
      store.answerRing(agent.userId, body.ringId, ringState);
      return respond(ws, id, 202, STRING_RESP, 'Ring state updated successfully');
    }

    case 'aam.SubscribeExConversations': {
      const filter: ExConversationsFilter = {
        agentIds: body.agentIds ? asList(body.agentIds as string | string[]).map(String) : undefined,
        convState: body.convState ? asList(body.convState as string | string[]).map(String) : undefined,
        minLastUpdatedTime: typeof body.minLastUpdatedTime === 'number' ? body.minLastUpdatedTime : undefined,
      };
      const subscriptionId = session.subscribe({ kind: 'ex-conversations', filter, sent: new Set() });
      respond(ws, id, 200, '.ams.aam.SubscribeExConversations$Response', { subscriptionId });
      return sendExisting(store, session, subscriptionId);
    }
    case 'aam.UnsubscribeExConversations': {
      if (!isString(body.subscriptionId) || !session.subscriptions.delete(body.subscriptionId)) throw new StoreError(404, 'Unknown subscriptionId');
      return respond(ws, id, 200, STRING_RESP, 'OK');
    }

    case 'ms.PublishEvent': {
      const c = store.get(String(body.dialogId ?? body.conversationId ?? ''));
      if (!store.isAgentParticipant(c, agent.userId)) throw new StoreError(403, 'The agent is not a participant of this conversation');
      const event = checkEvent(body.event);
      const role = c.participants.find((p) => p.id === me.pid)?.role ?? 'ASSIGNED_AGENT';
      const sequence = store.publish(c, { ...me, role }, event, isString(body.messageAudience) ? body.messageAudience : undefined);
      return respond(ws, id, 200, '.ams.ms.PublishEvent$Response', { sequence });
    }
    case 'ms.QueryMessages':
    case 'ms.SubscribeMessagingEvents': {
      const c = store.get(String(body.dialogId ?? ''));
      const from = Number(body.fromSeq ?? body.newerThanSequence ?? 0) || 0;
      const max = typeof body.maxQuantity === 'number' ? body.maxQuantity : Infinity;
      const changes = c.events.filter((e) => e.sequence >= from).slice(0, max);
      if (type === 'ms.QueryMessages') return respond(ws, id, 200, '.ams.ms.QueryMessages$Response', changes);
      // The agent schema's SubscribeMessagingEvents: existing events at once; new ones come as OnlineEventDistribution.
      const subscriptionId = session.subscribe({ kind: 'messaging-events', dialogId: c.id });
      respond(ws, id, 200, 'GenericSubscribeResponse', { subscriptionId });
      return notify(ws, 'ms.MessagingEventNotification', { subscriptionId, changes });
    }

    case 'cm.UpdateConversationField':
      return updateConversationField(store, session, id, body);

    default:
      throw new StoreError(400, `Unsupported request type ${String(frame.type)}`);
  }
}

/** A publishable event, checked against its documented schema; stored as documented. */
export function checkEvent(value: unknown): Record<string, unknown> {
  const event = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  switch (event.type) {
    case 'ContentEvent':
      if (typeof event.message !== 'string') throw new StoreError(400, 'A ContentEvent needs a message');
      return { type: 'ContentEvent', contentType: typeof event.contentType === 'string' ? event.contentType : 'text/plain', message: event.message };
    case 'RichContentEvent':
      // LivePerson's schema names the card `message`; its SDK's examples send `content`. Both are kept as sent.
      if (typeof (event.content ?? event.message) !== 'object') throw new StoreError(400, 'A RichContentEvent needs content');
      return event;
    case 'AcceptStatusEvent':
      if (!['ACCEPT', 'READ', 'ACCESS', 'NACK', 'ACTION'].includes(String(event.status)) || !Array.isArray(event.sequenceList)) {
        throw new StoreError(400, 'An AcceptStatusEvent needs a status and a sequenceList');
      }
      return { type: 'AcceptStatusEvent', status: event.status, sequenceList: event.sequenceList };
    case 'ChatStateEvent':
      if (!['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE'].includes(String(event.chatState))) throw new StoreError(400, 'Unknown chatState');
      return { type: 'ChatStateEvent', chatState: event.chatState };
    default:
      throw new StoreError(400, `Unsupported event type ${String(event.type)}`);
  }
}

function updateConversationField(store: MessagingStore, session: Session, id: unknown, body: Body): void {
  const agent = session.agent!;
  const c = store.get(String(body.conversationId ?? ''));
  const fields = asList(body.conversationField as Body | Body[]);
  if (fields.length === 0) throw new StoreError(400, 'conversationField is required');
  const participant = store.isAgentParticipant(c, agent.userId);
  let message = 'OK';
  for (const field of fields) {
    switch (field.field) {
      case 'ConversationStateField':
        if (field.conversationState !== 'CLOSE') throw new StoreError(400, 'Only CLOSE is a valid conversationState');
        if (!participant) throw new StoreError(403, 'Only a participant may close the conversation');
        store.close(c, 'AGENT');
        break;
      case 'DialogChange': {
        const dialog = (field.dialog ?? {}) as Body;
        if (dialog.state !== 'CLOSE') throw new StoreError(400, 'Only closing a dialog is supported');
        if (!participant) throw new StoreError(403, 'Only a participant may close the dialog');
        store.close(c, 'AGENT'); // one dialog per conversation here: closing it closes the conversation
        break;
      }
      case 'ParticipantsChange': {
        const role = field.role as Role;
        const target = isString(field.userId) ? store.resolveAgent(field.userId) : agent.userId;
        if (!target) throw new StoreError(400, `Unknown agent ${String(field.userId)}`);
        if (field.type === 'ADD' && ['MANAGER', 'READER', 'ASSIGNED_AGENT'].includes(role)) {
          store.addParticipant(c, target, role);
          message = 'OK Agent added successfully';
        } else if (field.type === 'REMOVE' && role === 'ASSIGNED_AGENT') {
          if (!participant) throw new StoreError(403, 'In order to transfer the conversation, the caller must be a participant');
          store.removeAssigned(c, isString(field.userId) ? target : undefined);
          message = 'OK Agent removed successfully';
        } else if (field.type === 'SUGGEST' && role === 'ASSIGNED_AGENT' && isString(field.userId)) {
          store.suggest(c, target);
        } else {
          throw new StoreError(400, `Unsupported ParticipantsChange ${String(field.type)} ${String(role)}`);
        }
        break;
      }
      case 'Skill':
        if (!isString(field.skill)) throw new StoreError(400, 'Skill needs a skill id');
        store.setSkill(c, field.skill);
        break;
      case 'TTRField':
      case 'ManualETTR':
        break; // accepted, not modelled
      default:
        throw new StoreError(400, `Unsupported conversation field ${String(field.field)}`);
    }
  }
  store.settle();
  respond(session.ws, id, 200, STRING_RESP, message);
}
