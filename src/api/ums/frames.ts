/**
 * What the Messaging agent socket (LivePerson's UMS) sends us, read tolerantly and normalised once
 * (docs/reference/messaging.md §3–§5): one frame type spelled several ways (`.ams.ms.X`, `ms.X`,
 * `cqm.X`/`aam.X`, any case); absent optional parts; lists of one as a bare object; participants as
 * an array of `{id, role}` (the documented schema) or as `{ROLE: [ids]}` with `participantsPId`
 * (the v2 wire, as LivePerson's own SDK reads it).
 */
import { z } from 'zod';
import { idish, listOf } from '../quirks';

/** One canonical, case-insensitive name for a request, response or notification type. */
export function canonicalType(type: string): string {
  return type
    .replace(/^\./, '')
    .replace(/^ams\./, '')
    .replace(/^cqm\./, 'aam.')
    .replace(/^up\./, 'userprofile.')
    .toLowerCase();
}

export const responseFrameSchema = z.object({
  kind: z.literal('resp'),
  reqId: idish,
  code: z.coerce.number(),
  type: z.string().optional(),
  body: z.unknown().optional(),
});
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

export const notificationFrameSchema = z.object({
  kind: z.literal('notification'),
  type: z.string(),
  body: z.unknown().optional(),
});

// ---- messaging events ----------------------------------------------------------------------

const rawEventSchema = z.looseObject({ type: z.string() });

const messagingChangeSchema = z.object({
  sequence: z.number().optional(),
  originatorId: z.string().optional(),
  originatorPId: z.string().optional(),
  originatorMetadata: z.object({ id: z.string().optional(), role: z.string().optional() }).optional(),
  serverTimestamp: z.number().optional(),
  event: rawEventSchema,
  dialogId: z.string().optional(),
  conversationId: z.string().optional(),
  /** `AGENTS_AND_MANAGERS`: a private message the consumer never sees (see `publishText`). */
  messageAudience: z.string().optional().catch(undefined),
});

export type MessagingContent =
  | { type: 'text'; contentType: string; message: string }
  /** Structured content: rendered by a sanitizing renderer only, never as HTML. */
  | { type: 'rich'; content: unknown }
  | { type: 'receipt'; status: string; sequences: number[] }
  | { type: 'chat-state'; state: string }
  | { type: 'other'; eventType: string };

export interface MessagingEvent {
  conversationId: string;
  /** Absent (or 0) for chat states, which LivePerson does not keep in the history. */
  sequence?: number;
  /** The originator's participant id (PID) when known, else the id the frame carried. */
  originatorId?: string;
  /** The "old" `{account}.{user}` id an agent's own lines carry in `originatorId`. */
  originatorOldId?: string;
  role?: string;
  serverTimestamp?: number;
  /** A private message: seen by agents and managers only, never by the consumer. */
  agentsOnly?: boolean;
  content: MessagingContent;
}

function content(event: z.infer<typeof rawEventSchema>): MessagingContent {
  const e = event as Record<string, unknown>;
  switch (event.type) {
    case 'ContentEvent':
      return typeof e.message === 'string'
        ? { type: 'text', contentType: typeof e.contentType === 'string' ? e.contentType : 'text/plain', message: e.message }
        : { type: 'other', eventType: event.type };
    case 'RichContentEvent':
      // The schema names the card `message`; the SDK's examples and payloads name it `content`.
      return { type: 'rich', content: e.content ?? e.message };
    case 'AcceptStatusEvent':
      return {
        type: 'receipt',
        status: String(e.status ?? ''),
        sequences: (Array.isArray(e.sequenceList) ? e.sequenceList : [e.sequenceList]).filter((n): n is number => typeof n === 'number'),
      };
    case 'ChatStateEvent':
      return { type: 'chat-state', state: String(e.chatState ?? '') };
    default:
      return { type: 'other', eventType: event.type };
  }
}

const AGENTS_ONLY = 'AGENTS_AND_MANAGERS';

function toEvent(change: z.infer<typeof messagingChangeSchema>, dialogId?: string): MessagingEvent | undefined {
  const conversationId = change.dialogId ?? change.conversationId ?? dialogId;
  if (!conversationId) return undefined;
  const pid = change.originatorMetadata?.id ?? change.originatorPId;
  const oldId = change.originatorPId && change.originatorId !== change.originatorPId ? change.originatorId : undefined;
  return {
    conversationId,
    sequence: change.sequence,
    originatorId: pid ?? change.originatorId,
    originatorOldId: oldId,
    role: change.originatorMetadata?.role,
    serverTimestamp: change.serverTimestamp,
    // Read on the change, or on the event as a bot's payload places it (our reading: reference §4.3).
    ...(change.messageAudience === AGENTS_ONLY || (change.event as { messageAudience?: unknown }).messageAudience === AGENTS_ONLY ? { agentsOnly: true } : {}),
    content: content(change.event),
  };
}

export const messagingEventsSchema = listOf(messagingChangeSchema).transform((changes) => changes.map((c) => toEvent(c)).filter((e): e is MessagingEvent => !!e));

/** `OnlineEventDistribution` (one change) or `MessagingEventNotification` (`{dialogId?, changes}`). */
const changesBodySchema = z.object({ dialogId: z.string().optional(), changes: listOf(messagingChangeSchema) }).transform((b) => b.changes.map((c) => toEvent(c, b.dialogId)));
const singleChangeSchema = messagingChangeSchema.transform((c) => [toEvent(c)]);
const messagesBodySchema = z.unknown().transform((body) =>
  (body && typeof body === 'object' && 'changes' in body ? changesBodySchema : singleChangeSchema).parse(body),
);

// ---- conversations metadata -----------------------------------------------------------------

const participantsSchema = z.union([
  listOf(z.object({ id: z.string(), role: z.string() })),
  z.record(z.string(), listOf(z.string())).transform((byRole) => Object.entries(byRole).flatMap(([role, ids]) => ids.map((id) => ({ id, role })))),
]);

const conversationDetailsSchema = z.object({
  participants: participantsSchema.optional(),
  participantsPId: z.record(z.string(), listOf(z.string())).optional(),
  dialogs: listOf(z.object({ dialogId: z.string().optional(), participantsDetails: listOf(z.object({ id: z.string(), role: z.string(), state: z.string().optional() })) })).optional(),
  state: z.string(),
  closeReason: z.string().optional(),
  startTs: z.number().optional(),
  endTs: z.number().optional(),
  metaDataLastUpdateTs: z.number().optional(),
  skillId: idish.optional(),
});

export interface ConversationParticipant {
  id: string;
  role: string;
  /** `SUGGESTED`: transferred to this agent, not yet accepted. */
  state: 'ACTIVE' | 'SUGGESTED';
}

export interface ConversationMeta {
  conversationId: string;
  state: 'OPEN' | 'CLOSE' | string;
  closeReason?: string;
  skillId?: string;
  startTs?: number;
  endTs?: number;
  /** For ordering: LivePerson does not guarantee the order of these notifications. */
  updatedAt?: number;
  participants: ConversationParticipant[];
  consumerId?: string;
  lastContent?: MessagingEvent;
}

function participantsOf(d: z.infer<typeof conversationDetailsSchema>): ConversationParticipant[] {
  // `participantsPId` holds PIDs where `participants` holds old ids (the v2 wire): prefer the PIDs.
  const base: Array<{ id: string; role: string }> = d.participantsPId
    ? Object.entries(d.participantsPId).flatMap(([role, ids]) => ids.map((id) => ({ id, role })))
    : (d.participants ?? []);
  const result: ConversationParticipant[] = base.map((p) => ({ ...p, state: 'ACTIVE' }));
  for (const dialog of d.dialogs ?? []) {
    for (const p of dialog.participantsDetails) {
      if (p.state === 'SUGGESTED' && !result.some((r) => r.id === p.id && r.role === p.role)) result.push({ id: p.id, role: p.role, state: 'SUGGESTED' });
    }
  }
  return result;
}

const conversationChangeSchema = z
  .object({
    type: z.string(),
    result: z.object({ convId: z.string(), conversationDetails: conversationDetailsSchema, lastContentEventNotification: messagingChangeSchema.optional() }),
  })
  .transform(({ type, result }) => {
    const d = result.conversationDetails;
    const participants = participantsOf(d);
    const meta: ConversationMeta = {
      conversationId: result.convId,
      state: d.state,
      closeReason: d.closeReason,
      skillId: d.skillId,
      startTs: d.startTs,
      endTs: d.endTs,
      updatedAt: d.metaDataLastUpdateTs,
      participants,
      consumerId: participants.find((p) => p.role === 'CONSUMER')?.id,
      lastContent: result.lastContentEventNotification ? toEvent(result.lastContentEventNotification, result.convId) : undefined,
    };
    return { type: type === 'DELETE' ? ('DELETE' as const) : ('UPSERT' as const), conversation: meta };
  });

// ---- routing ---------------------------------------------------------------------------------

export interface Ring {
  ringId: string;
  state: 'WAITING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED' | 'AUTO_ACCEPT' | string;
  conversationId?: string;
  consumerId?: string;
  skillId?: string;
  /** `ringExpiration`: how long the ring lasts, in ms (72000 in LivePerson's examples). */
  expiresInMs?: number;
  expiresAt?: number;
}

const routingBodySchema = z
  .object({
    subscriptionId: z.string().optional(),
    changes: listOf(
      z.object({
        type: z.string().optional(),
        result: z.object({
          conversationId: z.string().optional(),
          consumerId: z.string().optional(),
          skillId: idish.optional(),
          ringsDetails: listOf(
            z.object({
              ringId: z.string(),
              ringState: z.string(),
              ringExpiration: z.number().optional(),
              ringExpirationTs: z.number().optional(),
              convId: z.string().optional(),
              consumerId: z.string().optional(),
              skillId: idish.optional(),
            }),
          ),
        }),
      }),
    ),
  })
  .transform((b) => ({
    subscriptionId: b.subscriptionId,
    rings: b.changes.flatMap((c) =>
      c.result.ringsDetails.map(
        (r): Ring => ({
          ringId: r.ringId,
          state: r.ringState,
          conversationId: c.result.conversationId ?? r.convId,
          consumerId: c.result.consumerId ?? r.consumerId,
          skillId: c.result.skillId ?? r.skillId,
          expiresInMs: r.ringExpiration,
          expiresAt: r.ringExpirationTs,
        }),
      ),
    ),
  }));

const agentStateBodySchema = z.object({
  subscriptionId: z.string().optional(),
  changes: listOf(z.object({ type: z.string().optional(), result: z.object({ availability: z.string(), description: z.string().optional() }) })),
});

// ---- the notifications, typed ----------------------------------------------------------------

export type UmsNotification =
  | { kind: 'rings'; subscriptionId?: string; rings: Ring[] }
  | { kind: 'conversations'; subscriptionId?: string; changes: Array<{ type: 'UPSERT' | 'DELETE'; conversation: ConversationMeta }> }
  | { kind: 'messages'; events: MessagingEvent[] }
  | { kind: 'agent-state'; subscriptionId?: string; states: Array<{ availability: string; description?: string }> }
  /** A type we do not read (documented clients ignore what they do not know). */
  | { kind: 'other'; type: string };

const NOTIFICATIONS: Record<string, (body: unknown) => UmsNotification> = {
  'routing.routingtasknotification': (body) => ({ kind: 'rings', ...routingBodySchema.parse(body) }),
  'aam.exconversationchangenotification': (body) => {
    const b = z.object({ subscriptionId: z.string().optional(), changes: listOf(conversationChangeSchema) }).parse(body);
    return { kind: 'conversations', subscriptionId: b.subscriptionId, changes: b.changes };
  },
  'ms.onlineeventdistribution': (body) => ({ kind: 'messages', events: messagesBodySchema.parse(body).filter((e): e is MessagingEvent => !!e) }),
  'ms.messagingeventnotification': (body) => ({ kind: 'messages', events: messagesBodySchema.parse(body).filter((e): e is MessagingEvent => !!e) }),
  'routing.agentstatenotification': (body) => {
    const b = agentStateBodySchema.parse(body);
    return { kind: 'agent-state', subscriptionId: b.subscriptionId, states: b.changes.map((c) => c.result) };
  },
};

/** Reads one notification frame; throws a ZodError when a known type's body is malformed. */
export function readNotification(frame: z.infer<typeof notificationFrameSchema>): UmsNotification {
  const read = NOTIFICATIONS[canonicalType(frame.type)];
  return read ? read(frame.body) : { kind: 'other', type: frame.type };
}
