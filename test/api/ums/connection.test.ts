/**
 * The UMS wire client against the emulator's Messaging mode over a real WebSocket (Node's global,
 * the browser's API): the agent's whole flow, errors, keep-alive, and resuming after a drop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
  acceptRing,
  closeConversation,
  getClock,
  getOwnProfile,
  publishChatState,
  publishReceipt,
  publishRichContent,
  publishText,
  queryMessages,
  rejectRing,
  setAgentState,
  subscribeConversations,
  subscribeRoutingTasks,
  transferToSkill,
  UmsConnection,
  umsAgentSocketUrl,
  type MessagingEvent,
  type UmsNotification,
} from '../../../src/api/ums';
import { Consumer } from '../../emulator/messaging/consumer';
import { ACCOUNT, emulator, fixture, login } from '../../emulator/messaging/support';
import type { Emulator, EmulatorOptions } from '../../emulator/server';

let e: Emulator | undefined;
const closers: Array<() => void> = [];

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await e?.close();
  e = undefined;
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Signs in, finds asyncMessagingEnt through CSDS, opens the socket: what the worker will do. */
async function connect(emu: Emulator, username = 'agent1') {
  const { bearer, userId, userPid } = await login(emu, username);
  const csds = (await (await fetch(`${emu.baseUrl}/api/account/${ACCOUNT}/service/asyncMessagingEnt/baseURI.json?version=1.0`)).json()) as { baseURI: string };
  const url = unwrap(umsAgentSocketUrl({ origin: `http://${csds.baseURI}`, accountId: ACCOUNT, bearer, allowInsecureLoopback: true }));
  const conn = unwrap(await UmsConnection.open({ url, requestTimeoutMs: 3_000 }));
  closers.push(() => conn.close());
  const seen: UmsNotification[] = [];
  conn.onNotification((n) => seen.push(n));
  return { conn, seen, url, oldId: `${ACCOUNT}.${userId}`, pid: userPid };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const messages = (seen: UmsNotification[]): MessagingEvent[] => seen.flatMap((n) => (n.kind === 'messages' ? n.events : []));

async function online(emu: Emulator, username?: string) {
  const agent = await connect(emu, username);
  expect(unwrap(await getOwnProfile(agent.conn)).userId).toBe(agent.oldId);
  unwrap(await subscribeRoutingTasks(agent.conn, { accountId: ACCOUNT, agentUserId: agent.oldId }));
  unwrap(await subscribeConversations(agent.conn, { agentIds: [agent.oldId], convState: ['OPEN'] }));
  unwrap(await setAgentState(agent.conn, { availability: 'ONLINE', agentUserId: agent.oldId }));
  return agent;
}

async function ringFor(seen: UmsNotification[], conversationId: string) {
  return until(() => seen.flatMap((n) => (n.kind === 'rings' ? n.rings : [])).findLast((r) => r.conversationId === conversationId && r.state === 'WAITING'));
}

async function start(opts: EmulatorOptions = {}) {
  e = await emulator(opts);
  return e;
}

describe('UmsConnection against the emulator', () => {
  it('goes online, takes a ring, exchanges lines with receipts and typing, sends a card, closes', async () => {
    const emu = await start();
    const agent = await online(emu);
    const consumer = await Consumer.start({ baseUrl: emu.baseUrl, firstName: 'Dana' });
    closers.push(() => consumer.disconnect());
    const convId = await consumer.requestConversation();

    const ring = await ringFor(agent.seen, convId);
    expect(ring.expiresInMs).toBe(72_000);
    unwrap(await acceptRing(agent.conn, ring.ringId));
    const mine = await until(() =>
      agent.seen.flatMap((n) => (n.kind === 'conversations' ? n.changes : [])).find((c) => c.conversation.conversationId === convId && c.conversation.participants.some((p) => p.id === agent.pid && p.role === 'ASSIGNED_AGENT')),
    );
    expect(mine.conversation.consumerId).toBeTruthy();

    await consumer.say('Hello, my order is late');
    const line = await until(() => messages(agent.seen).find((m) => m.content.type === 'text'));
    expect(line).toMatchObject({ conversationId: convId, sequence: 0, role: 'CONSUMER', content: { message: 'Hello, my order is late' } });

    expect(unwrap(await publishReceipt(agent.conn, convId, 'READ', [0]))).toBe(1);
    await until(() => consumer.messages().find((m) => m.event.type === 'AcceptStatusEvent'));
    unwrap(await publishChatState(agent.conn, convId, 'COMPOSING'));
    await consumer.socket.waitFor((f) => JSON.stringify(f.body ?? '').includes('COMPOSING'));
    expect(unwrap(await publishText(agent.conn, convId, 'Let me check that for you'))).toBe(2);
    await consumer.waitForText('Let me check that for you');
    // The agent's own line comes back to it too, marked with its old id.
    expect(await until(() => messages(agent.seen).find((m) => m.sequence === 2))).toMatchObject({ originatorId: agent.pid, originatorOldId: agent.oldId, role: 'ASSIGNED_AGENT' });
    const card = { type: 'vertical', elements: [{ type: 'text', text: 'Order 42' }] };
    expect(unwrap(await publishRichContent(agent.conn, convId, card))).toBe(3);

    const history = unwrap(await queryMessages(agent.conn, convId, 0));
    expect(history.map((m) => [m.sequence, m.content.type])).toEqual([
      [0, 'text'],
      [1, 'receipt'],
      [2, 'text'],
      [3, 'rich'],
    ]);
    expect(history[3]!.content).toEqual({ type: 'rich', content: card });

    unwrap(await closeConversation(agent.conn, convId));
    await until(() =>
      agent.seen.flatMap((n) => (n.kind === 'conversations' ? n.changes : [])).find((c) => c.conversation.conversationId === convId && c.conversation.state === 'CLOSE'),
    );
  });

  it('answers readable errors: unknown conversation, a ring that is gone, a transfer by a non-participant', async () => {
    const emu = await start();
    const agent = await online(emu);
    // A refused upgrade (no live bearer): browsers report no status, so it reads as a network failure.
    const refused = await UmsConnection.open({ url: agent.url.replace(/brand\/[^?]+/, 'brand/not-a-bearer') });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(JSON.stringify(refused)).not.toContain('not-a-bearer');
    const missing = await publishText(agent.conn, 'no-such-conversation', 'hi');
    expect(missing).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
    expect(await rejectRing(agent.conn, 'no-such-ring')).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
    const consumer = await Consumer.start({ baseUrl: emu.baseUrl });
    closers.push(() => consumer.disconnect());
    const convId = await consumer.requestConversation();
    await ringFor(agent.seen, convId);
    expect(await transferToSkill(agent.conn, convId, '2')).toMatchObject({ ok: false, error: { kind: 'http', status: 403 } });
  });

  it('reports an expired bearer as auth-expired, on the pending request and on close (4401)', async () => {
    const emu = await start();
    const agent = await online(emu);
    const closed = new Promise<{ code: number; authExpired: boolean }>((resolve) => agent.conn.onClose(resolve));
    await fetch(`${emu.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    expect(await getClock(agent.conn)).toMatchObject({ ok: false, error: { kind: 'auth-expired' } });
    expect(await closed).toMatchObject({ code: 4401, authExpired: true });
    expect(agent.conn.isOpen).toBe(false);
    expect(await getClock(agent.conn)).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('keeps an idle socket open with GetClock through the scheduling hook; without it the server closes', async () => {
    const emu = await start({ messaging: { idleTimeoutMs: 1_200 } }); // wide margins: the machine may be loaded
    const kept = await connect(emu);
    const dropped = await connect(emu, 'agent2');
    const scheduled: number[] = [];
    const clocks: number[] = [];
    kept.conn.startKeepAlive({
      intervalMs: 200,
      onClock: (t) => clocks.push(t),
      schedule: (run, ms) => {
        scheduled.push(ms);
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      },
    });
    const droppedClose = new Promise<{ code: number; authExpired: boolean; byUs: boolean }>((resolve) => dropped.conn.onClose(resolve));
    expect(await droppedClose).toMatchObject({ code: 1000, authExpired: false, byUs: false });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(kept.conn.isOpen).toBe(true);
    expect(scheduled.length).toBeGreaterThan(3);
    expect(clocks.length).toBeGreaterThan(2);
  });

  it('resumes after a dropped socket from the last sequence: nothing lost, nothing doubled', async () => {
    const emu = await start();
    const first = await online(emu);
    const consumer = await Consumer.start({ baseUrl: emu.baseUrl });
    closers.push(() => consumer.disconnect());
    const convId = await consumer.requestConversation();
    unwrap(await acceptRing(first.conn, (await ringFor(first.seen, convId)).ringId));
    await consumer.say('one');
    await until(() => messages(first.seen).find((m) => m.sequence === 0));
    const transcript = new Map<number, MessagingEvent>();
    for (const m of messages(first.seen)) if (m.sequence !== undefined && m.conversationId === convId) transcript.set(m.sequence, m);

    const lost = new Promise((resolve) => first.conn.onClose(resolve));
    emu.messaging.dropAgentSockets();
    await lost;
    await consumer.say('two');
    await consumer.say('three');

    const again = await online(emu);
    // The subscription repeats what is already known (the conversation arrives again)…
    await until(() => again.seen.flatMap((n) => (n.kind === 'conversations' ? n.changes : [])).find((c) => c.conversation.conversationId === convId));
    // …and the history from the next sequence holds exactly what was missed.
    const lastSeen = Math.max(...transcript.keys());
    const missed = unwrap(await queryMessages(again.conn, convId, lastSeen + 1));
    expect(missed.map((m) => m.sequence)).toEqual([1, 2]);
    // Replaying from 0 (a careless resume) doubles nothing once keyed by sequence.
    for (const m of [...unwrap(await queryMessages(again.conn, convId, 0)), ...missed]) transcript.set(m.sequence!, m);
    expect([...transcript.values()].map((m) => (m.content.type === 'text' ? m.content.message : m.content.type))).toEqual(['one', 'two', 'three']);
  });
});

describe('UmsConnection against raw frames', () => {
  it('reads documented frames verbatim, skips what it cannot read, and times out a request nobody answers', async () => {
    const doc = fixture('agent-getting-started.json');
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    closers.push(() => wss.close());
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws) => {
      ws.send('not json');
      ws.send(JSON.stringify({ kind: 'notification', type: '.ams.routing.RoutingTaskNotification', body: { changes: [{ result: { ringsDetails: 'nonsense' } }] } }));
      ws.send(JSON.stringify({ kind: 'notification', type: '.ams.brand.NewThing', body: {} }));
      ws.send(JSON.stringify(JSON.parse(JSON.stringify(doc.consumerMessageNotification).split('__YOUR_CONVERSATION_ID__').join('C1'))));
      ws.send(JSON.stringify(doc.ringNotification));
      ws.on('message', (data) => {
        const req = JSON.parse(String(data)) as { id: string; type: string };
        // Answers GetClock with a numeric reqId (tolerated), never answers anything else.
        if (req.type === '.GetClock') ws.send(JSON.stringify({ kind: 'resp', reqId: Number(req.id), code: 200, type: '.GetClock$Response', body: { currentTime: 5 } }));
      });
    });
    const { port } = wss.address() as { port: number };
    const conn = unwrap(await UmsConnection.open({ url: `ws://127.0.0.1:${port}/`, requestTimeoutMs: 300 }));
    closers.push(() => conn.close());
    const seen: UmsNotification[] = [];
    conn.onNotification((n) => seen.push(n));
    await until(() => (seen.length >= 4 ? true : undefined));
    expect(seen.map((n) => n.kind)).toEqual(['other', 'other', 'messages', 'rings']);
    expect(unwrap(await getClock(conn))).toBe(5);
    expect(await publishText(conn, 'C1', 'hi')).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringContaining('in time') } });
  });
});
