/**
 * UMS frames as the emulator writes them: the request/response/notification envelope and the
 * documented bodies (docs/reference/messaging.md §3, §5).
 */
import type { WebSocket } from 'ws';
import type { Conversation, MessagingStore, Ring } from './conversations';

/**
 * LivePerson spells one request type several ways (`.ams.ms.PublishEvent`, `ms.PublishEvent`;
 * `cqm.` and `aam.`; `up.` and `userprofile.`). One canonical name per request.
 */
export function canonicalType(type: string): string {
  const bare = type.replace(/^\./, '').replace(/^ams\./, '');
  return bare.replace(/^cqm\./, 'aam.').replace(/^up\./, 'userprofile.');
}

export function send(ws: WebSocket, frame: Record<string, unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

export function respond(ws: WebSocket, reqId: unknown, code: number, type: string, body: unknown): void {
  // The server echoes the id as a string ("reqId":"4" for "id":4 in LivePerson's example).
  send(ws, { kind: 'resp', reqId: String(reqId), code, body, type });
}

export function notify(ws: WebSocket, type: string, body: unknown): void {
  send(ws, { kind: 'notification', body, type });
}

/** `ExConversationChangeNotification`'s `result`: the documented array of participants, plus dialogs. */
export function conversationResult(store: MessagingStore, c: Conversation): Record<string, unknown> {
  const last = c.events.findLast((e) => e.event.type === 'ContentEvent' || e.event.type === 'RichContentEvent');
  return {
    convId: c.id,
    conversationDetails: {
      skillId: c.skillId,
      brandId: store.opts.accountId,
      participants: c.participants.filter((p) => p.state === 'ACTIVE').map((p) => ({ id: p.id, role: p.role })),
      dialogs: [
        {
          dialogId: c.id,
          participantsDetails: c.participants.map((p) => ({ id: p.id, role: p.role, state: p.state })),
          dialogType: 'MAIN',
          channelType: 'MESSAGING',
          state: c.state,
          creationTs: c.startTs,
          ...(c.endTs ? { endTs: c.endTs } : {}),
          metaDataLastUpdateTs: c.metaDataLastUpdateTs,
        },
      ],
      state: c.state,
      stage: c.state,
      ...(c.closeReason ? { closeReason: c.closeReason } : {}),
      startTs: c.startTs,
      ...(c.endTs ? { endTs: c.endTs } : {}),
      metaDataLastUpdateTs: c.metaDataLastUpdateTs,
      firstConversation: false,
      ttr: { ttrType: 'NORMAL', value: 3600 },
    },
    ...(last ? { lastContentEventNotification: last } : {}),
  };
}

/** One `RoutingTaskNotification` change, as in LivePerson's documented example. */
export function ringChange(store: MessagingStore, ring: Ring): Record<string, unknown> {
  const c = store.conversations.get(ring.convId);
  return {
    type: 'UPSERT',
    result: {
      taskCompleted: ring.state !== 'WAITING',
      conversationId: ring.convId,
      consumerId: c?.consumerId,
      skillId: c?.skillId ?? '-1',
      ringsDetails: [
        {
          ringId: ring.ringId,
          ringExpirationTs: ring.expiresAt,
          ringState: ring.state,
          weight: ring.createdAt,
          ringExpiration: ring.expiresAt - ring.createdAt,
        },
      ],
    },
  };
}
