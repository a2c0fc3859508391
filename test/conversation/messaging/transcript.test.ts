/**
 * The Messaging buffer (src/conversation/messaging/transcript.ts) in the seam's terms: a private
 * message (`messageAudience: AGENTS_AND_MANAGERS`) is the agent's ONLY_TO_REP line; the consumer's
 * READ receipts — and only theirs — become the snapshot's `visitorReadUpTo`.
 */
import { describe, expect, it } from 'vitest';
import { messagingEventsSchema } from '../../../src/api/ums/frames';
import { Transcripts } from '../../../src/conversation/messaging/transcript';

const CONV = 'conv-1';
const CONSUMER = 'consumer-pid';
const AGENT = 'agent-pid';

const change = (sequence: number, role: string, event: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  sequence,
  originatorId: role === 'CONSUMER' ? CONSUMER : '12345678.1001',
  originatorPId: role === 'CONSUMER' ? CONSUMER : AGENT,
  originatorMetadata: { id: role === 'CONSUMER' ? CONSUMER : AGENT, role },
  serverTimestamp: 1_765_000_000_000 + sequence,
  dialogId: CONV,
  event,
  ...extra,
});

function transcriptOf(changes: unknown[]): Transcripts {
  const transcripts = new Transcripts();
  transcripts.addEvents(messagingEventsSchema.parse(changes), 'Alex');
  return transcripts;
}

describe('the Messaging transcript', () => {
  it('reads a private message as the agent’s private (ONLY_TO_REP) line, on the change or inside the event', () => {
    const t = transcriptOf([
      change(0, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'public' }),
      change(1, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'note' }, { messageAudience: 'AGENTS_AND_MANAGERS' }),
      change(2, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'note 2', messageAudience: 'AGENTS_AND_MANAGERS' }),
      change(3, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'odd' }, { messageAudience: 42 }),
    ]);
    const lines = t.snapshot(CONV, -1).events.map((e) => [e.id, (e as { subType?: string }).subType]);
    expect(lines).toEqual([[0, undefined], [1, 'ONLY_TO_REP'], [2, 'ONLY_TO_REP'], [3, undefined]]);
  });

  it('takes the consumer’s READ receipts (not ACCEPT, not an agent’s) as how far they read, never backwards', () => {
    const t = transcriptOf([
      change(0, 'CONSUMER', { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' }),
      change(1, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' }),
      change(2, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'more' }),
      change(3, 'CONSUMER', { type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [1, 2] }),
      change(4, 'ASSIGNED_AGENT', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] }),
    ]);
    expect(t.snapshot(CONV, -1).info?.visitorReadUpTo).toBeUndefined();
    t.addEvents(messagingEventsSchema.parse([change(5, 'CONSUMER', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [2, 1] })]), 'Alex');
    expect(t.snapshot(CONV, -1).info?.visitorReadUpTo).toBe(2);
    // A late receipt for an earlier line does not unread the later one.
    t.addEvents(messagingEventsSchema.parse([change(6, 'CONSUMER', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: 1 })]), 'Alex');
    expect(t.snapshot(CONV, 4).info?.visitorReadUpTo).toBe(2);
  });
});
