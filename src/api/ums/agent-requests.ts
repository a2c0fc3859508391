/**
 * The Messaging requests an agent needs, one typed function each (docs/reference/messaging.md §5).
 * Request types are sent in the `.ams.…` spelling LivePerson's own agent client uses.
 */
import { z } from 'zod';
import type { Result } from '../types';
import type { UmsConnection } from './connection';
import { messagingEventsSchema, type MessagingEvent } from './frames';

export type AgentAvailability = 'ONLINE' | 'AWAY' | 'BACK_SOON' | 'OFFLINE' | 'OCCUPIED';

type Conn = Pick<UmsConnection, 'request'>;

async function call<T>(conn: Conn, type: string, body: unknown, schema: z.ZodType<T>): Promise<Result<T>> {
  const r = await conn.request(type, body);
  if (!r.ok) return r;
  const parsed = schema.safeParse(r.value.body);
  if (!parsed.success) {
    return { ok: false, error: { kind: 'bad-response', message: `LivePerson's answer to ${type} has an unexpected shape`, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
  }
  return { ok: true, value: parsed.data };
}

const anything = z.unknown().transform(() => undefined);
const subscription = z.object({ subscriptionId: z.string() }).transform((b) => b.subscriptionId);
const sequence = z
  .object({ sequence: z.number().optional() })
  .optional()
  .transform((b) => b?.sequence ?? 0);

/** The agent's own ids: `userId` is the `{account}.{user}` form routing and AAM use. */
export const getOwnProfile = (conn: Conn) => call(conn, '.ams.userprofile.GetUserProfile', {}, z.looseObject({ userId: z.string() }));

/** A consumer's profile (names, SDEs) by their participant id. */
export const getConsumerProfile = (conn: Conn, consumerId: string) => call(conn, '.ams.userprofile.GetUserProfile', { userId: consumerId }, z.unknown());

/** The server clock; also the keep-alive browsers must use. */
export const getClock = (conn: Conn) => call(conn, '.GetClock', {}, z.object({ currentTime: z.number() }).transform((b) => b.currentTime));

/**
 * Online / Away / Back soon (and Offline, Occupied). `description` carries an away reason's text
 * (inferred from `AgentStateNotification`'s `description`; see the reference).
 */
export const setAgentState = (conn: Conn, p: { availability: AgentAvailability; agentUserId?: string; description?: string }) =>
  call(conn, '.ams.routing.SetAgentState', { channels: ['MESSAGING'], availability: p.availability, ...(p.agentUserId ? { agentUserId: p.agentUserId } : {}), ...(p.description ? { description: p.description } : {}) }, anything);

export const subscribeAgentState = (conn: Conn, p: { accountId: string; agentUserId: string }) =>
  call(conn, '.ams.routing.SubscribeAgentsState', { brandId: p.accountId, agentId: p.agentUserId }, subscription);

/** Rings arrive as `rings` notifications; the first one right after the answer holds what is ringing now. */
export const subscribeRoutingTasks = (conn: Conn, p: { accountId: string; agentUserId: string }) =>
  call(conn, '.ams.routing.SubscribeRoutingTasks', { brandId: p.accountId, agentId: p.agentUserId, channelType: 'MESSAGING' }, subscription);

export const acceptRing = (conn: Conn, ringId: string) => call(conn, '.ams.routing.UpdateRingState', { ringId, ringState: 'ACCEPTED' }, anything);
export const rejectRing = (conn: Conn, ringId: string) => call(conn, '.ams.routing.UpdateRingState', { ringId, ringState: 'REJECTED' }, anything);

/**
 * Conversations' metadata (`conversations` notifications). The conversations that already match
 * arrive at once — again on every resubscribe, so readers must be idempotent.
 */
export const subscribeConversations = (conn: Conn, filter: { agentIds?: string[]; convState?: Array<'OPEN' | 'CLOSE'>; minLastUpdatedTime?: number } = {}) =>
  call(conn, '.ams.aam.SubscribeExConversations', filter, subscription);

export const unsubscribeConversations = (conn: Conn, subscriptionId: string) => call(conn, '.ams.aam.UnsubscribeExConversations', { subscriptionId }, anything);

/** Publishes a line; answers its sequence in the conversation. */
export const publishText = (conn: Conn, conversationId: string, message: string, opts: { agentsOnly?: boolean } = {}) =>
  call(
    conn,
    '.ams.ms.PublishEvent',
    { dialogId: conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message }, ...(opts.agentsOnly ? { messageAudience: 'AGENTS_AND_MANAGERS' } : {}) },
    sequence,
  );

/** Structured content (a card), sent as LivePerson's agent SDK does: `{type:"RichContentEvent", content}`. */
export const publishRichContent = (conn: Conn, conversationId: string, content: Record<string, unknown>) =>
  call(conn, '.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'RichContentEvent', content } }, sequence);

/** Delivery (ACCEPT) or read (READ) receipts for the consumer's events, by sequence. */
export const publishReceipt = (conn: Conn, conversationId: string, status: 'ACCEPT' | 'READ', sequences: number[]) =>
  call(conn, '.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'AcceptStatusEvent', status, sequenceList: sequences } }, sequence);

/** Typing (`COMPOSING`), stopped typing (`PAUSE`), or present (`ACTIVE`). */
export const publishChatState = (conn: Conn, conversationId: string, chatState: 'COMPOSING' | 'PAUSE' | 'ACTIVE' | 'INACTIVE' | 'GONE') =>
  call(conn, '.ams.ms.PublishEvent', { dialogId: conversationId, event: { type: 'ChatStateEvent', chatState } }, anything);

/** The history from `fromSequence` on (inclusive), oldest first. */
export const queryMessages = (conn: Conn, conversationId: string, fromSequence = 0, maxQuantity?: number): Promise<Result<MessagingEvent[]>> =>
  call(conn, '.ams.ms.QueryMessages', { dialogId: conversationId, fromSeq: fromSequence, newerThanSequence: fromSequence, ...(maxQuantity ? { maxQuantity } : {}) }, messagingEventsSchema);

const updateFields = (conn: Conn, conversationId: string, conversationField: Array<Record<string, unknown>>) =>
  call(conn, '.ams.cm.UpdateConversationField', { conversationId, conversationField }, anything);

export const closeConversation = (conn: Conn, conversationId: string) =>
  updateFields(conn, conversationId, [{ field: 'ConversationStateField', conversationState: 'CLOSE' }]);

/** Back to the queue: the agent leaves, routing rings someone else. */
export const backToQueue = (conn: Conn, conversationId: string, agentUserId?: string) =>
  updateFields(conn, conversationId, [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', ...(agentUserId ? { userId: agentUserId } : {}) }]);

/** Transfer to a skill: remove the assigned agent and change the skill in one request (as LivePerson requires). */
export const transferToSkill = (conn: Conn, conversationId: string, skillId: string, agentUserId?: string) =>
  updateFields(conn, conversationId, [
    { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', ...(agentUserId ? { userId: agentUserId } : {}) },
    { field: 'Skill', type: 'UPDATE', skill: skillId },
  ]);

/** Transfer to an agent: they become a SUGGESTED assigned agent and are rung; the skill goes with it. */
export const transferToAgent = (conn: Conn, conversationId: string, p: { toAgentUserId: string; skillId: string; agentUserId?: string }) =>
  updateFields(conn, conversationId, [
    { field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', ...(p.agentUserId ? { userId: p.agentUserId } : {}) },
    { field: 'ParticipantsChange', type: 'SUGGEST', userId: p.toAgentUserId, role: 'ASSIGNED_AGENT' },
    { field: 'Skill', type: 'UPDATE', skill: p.skillId },
  ]);
