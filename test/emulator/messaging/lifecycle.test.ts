/**
 * Messaging rules beyond the happy path: conversations outlive the agent's socket, idle sockets
 * close unless kept alive, bearers expire, rings pass on, transfers to a skill or an agent, and
 * the consumer must authenticate. Requests are documented frames (test/fixtures/ums).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { Emulator } from '../server';
import { Consumer } from './consumer';
import { UmsSocket } from './socket';
import { ACCOUNT, emulator, fill, fixture, onlineAgent, ringsOf, waitForRing } from './support';

const doc = fixture('agent-getting-started.json');
const sdk = fixture('sdk-readme-examples.json');
let e: Emulator | undefined;
const sockets: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await e?.close();
  e = undefined;
});

async function accepted(emu: Emulator) {
  const agent = await onlineAgent(emu);
  sockets.push(agent.socket);
  const consumer = await Consumer.start({ baseUrl: emu.baseUrl });
  sockets.push(consumer.socket);
  const convId = await consumer.requestConversation();
  await agent.socket.request(fill(doc.updateRingState.req, { RING_ID: await waitForRing(agent.socket, convId) }));
  return { agent, consumer, convId };
}

const state = async (emu: Emulator) =>
  (await (await fetch(`${emu.baseUrl}/sandbox/messaging/state`)).json()) as {
    agents: Array<{ userId: string; availability: string; sockets: number }>;
    conversations: Array<{ id: string; state: string; participants: Array<{ id: string; role: string; state: string }> }>;
  };

describe('UMS lifecycle', () => {
  it('keeps a conversation and what the consumer said while the agent was disconnected', async () => {
    e = await emulator();
    const { agent, consumer, convId } = await accepted(e);
    await consumer.say('before the drop');
    const drop = await fetch(`${e.baseUrl}/sandbox/messaging/drop-agent-sockets`, { method: 'POST' });
    expect(drop.status).toBe(200);
    await agent.socket.waitClosed();
    await consumer.say('while away 1');
    await consumer.say('while away 2');
    const s = await state(e);
    expect(s.agents.find((a) => a.userId === '1001')).toMatchObject({ availability: 'OFFLINE', sockets: 0 });
    expect(s.conversations.find((c) => c.id === convId)).toMatchObject({ state: 'OPEN', participants: expect.arrayContaining([{ id: agent.pid, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }]) });

    // Same bearer, new socket: the conversation is still the agent's, and the missed lines are there from the next sequence.
    const again = await UmsSocket.open(agent.socket.ws.url);
    sockets.push(again);
    const sub = await again.request({ type: '.ams.aam.SubscribeExConversations', body: { agentIds: [agent.oldId], convState: ['OPEN'] } });
    expect(sub.code).toBe(200);
    const list = await again.waitFor((f) => f.kind === 'notification');
    expect(JSON.stringify(list.body)).toContain(convId);
    const missed = await again.request({ type: '.ams.ms.QueryMessages', body: { dialogId: convId, fromSeq: 1 } });
    expect((missed.body as Array<{ sequence: number; event: { message: string } }>).map((c) => [c.sequence, c.event.message])).toEqual([
      [1, 'while away 1'],
      [2, 'while away 2'],
    ]);
  });

  it('closes a socket that stays silent, not one kept alive with GetClock', async () => {
    e = await emulator({ messaging: { idleTimeoutMs: 1_000 } }); // wide margins: the machine may be loaded
    const quiet = await onlineAgent(e);
    const busy = await onlineAgent(e, 'agent2');
    sockets.push(quiet.socket, busy.socket);
    const clock = fixture('consumer-window-api.json').getClock;
    const timer = setInterval(() => busy.socket.send({ ...clock, id: String(Math.random()) }), 200);
    try {
      expect((await quiet.socket.waitClosed(5_000)).code).toBe(1000);
      await new Promise((r) => setTimeout(r, 500));
      expect(busy.socket.closed).toBeUndefined();
      const resp = busy.socket.frames.find((f) => f.kind === 'resp' && f.type === '.GetClock$Response');
      expect(resp?.body).toEqual({ currentTime: expect.any(Number) });
      expect(Object.keys(resp!.body as object)).toEqual(Object.keys(sdk.getClockResponseBody));
    } finally {
      clearInterval(timer);
    }
  });

  it('answers 401 and closes with 4401 once the bearer has expired', async () => {
    e = await emulator();
    const agent = await onlineAgent(e);
    sockets.push(agent.socket);
    await fetch(`${e.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    const resp = await agent.socket.request({ kind: 'req', type: '.GetClock' });
    expect(resp.code).toBe(401);
    expect((await agent.socket.waitClosed()).code).toBe(4401);
  });

  it('passes a rejected ring to another agent', async () => {
    e = await emulator();
    const a1 = await onlineAgent(e);
    const a2 = await onlineAgent(e, 'agent2');
    sockets.push(a1.socket, a2.socket);
    const consumer = await Consumer.start({ baseUrl: e.baseUrl });
    sockets.push(consumer.socket);
    const convId = await consumer.requestConversation();
    const [first, second] = ringsOf(a1.socket).some((r) => r.conversationId === convId) ? [a1, a2] : [a2, a1];
    const ringId = await waitForRing(first.socket, convId);
    const reject = await first.socket.request({ kind: 'req', type: '.ams.routing.UpdateRingState', body: { ringId, ringState: 'REJECTED' } });
    expect(reject.code).toBe(202);
    await waitForRing(second.socket, convId);
  });

  it('transfers to a skill (documented frame): the agent loses the conversation, the skill’s agent is rung', async () => {
    e = await emulator();
    const { agent, convId } = await accepted(e);
    const colleague = await onlineAgent(e, 'agent2'); // Support (skill 2)
    sockets.push(colleague.socket);
    const frame = fill(doc.transferToSkill.req, {});
    frame.body.conversationId = convId;
    frame.body.conversationField[0].userId = agent.oldId;
    frame.body.conversationField[1].skill = '2';
    const mark = agent.socket.frames.length;
    expect((await agent.socket.request(frame)).code).toBe(200);
    await waitForRing(colleague.socket, convId);
    const gone = await agent.socket.waitFor((f) => /ExConversationChangeNotification$/.test(String(f.type)) && JSON.stringify(f.body).includes('"DELETE"'), 5_000, mark);
    expect(JSON.stringify(gone.body)).toContain(convId);
  });

  it('transfers to an agent (SDK fields): the colleague is SUGGESTED, then rung, then ACTIVE', async () => {
    e = await emulator();
    const { agent, convId } = await accepted(e);
    const colleague = await onlineAgent(e, 'agent2');
    sockets.push(colleague.socket);
    const fields = fill(sdk.transferToAgentFields, { SUGGESTED_AGENT_ID: colleague.oldId, SKILL_ID: '2' });
    expect((await agent.socket.request({ kind: 'req', type: '.ams.cm.UpdateConversationField', body: { conversationId: convId, conversationField: fields } })).code).toBe(200);
    const ringId = await waitForRing(colleague.socket, convId);
    expect((await state(e)).conversations.find((c) => c.id === convId)?.participants).toContainEqual({ id: colleague.pid, role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
    await colleague.socket.request({ kind: 'req', type: '.ams.routing.UpdateRingState', body: { ringId, ringState: 'ACCEPTED' } });
    expect((await state(e)).conversations.find((c) => c.id === convId)?.participants).toContainEqual({ id: colleague.pid, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  });

  it('refuses a consumer’s requests before InitConnection, and a bad jwt', async () => {
    e = await emulator();
    const url = `ws://127.0.0.1:${e.port}/ws_api/account/${ACCOUNT}/messaging/consumer?v=3`;
    const raw = await UmsSocket.open(url);
    sockets.push(raw);
    expect((await raw.request({ kind: 'req', id: 1, type: 'cm.ConsumerRequestConversation' })).code).toBe(401);
    const init = fixture('consumer-window-api.json').initConnection;
    expect((await raw.request(fill(init, { JWT: 'forged' }))).code).toBe(401);
    expect((await raw.waitClosed()).code).toBe(4401);
  });

  it('lets the consumer close; the agent hears it as a CLOSE change', async () => {
    e = await emulator();
    const { agent, consumer, convId } = await accepted(e);
    const mark = agent.socket.frames.length;
    await consumer.closeConversation();
    const change = await agent.socket.waitFor((f) => /ExConversationChangeNotification$/.test(String(f.type)), 5_000, mark);
    expect(change.body).toMatchObject({ changes: [{ type: 'UPSERT', result: { convId, conversationDetails: { state: 'CLOSE', closeReason: 'CONSUMER' } } }] });
  });

  it('takes the documented `Authorization: jwt` header on the consumer upgrade (wscat form)', async () => {
    e = await emulator();
    const res = await fetch(`${e.baseUrl}/api/account/${ACCOUNT}/signup`, { method: 'POST' });
    const { jwt } = (await res.json()) as { jwt: string };
    const ws = new NodeWebSocket(`ws://127.0.0.1:${e.port}/ws_api/account/${ACCOUNT}/messaging/consumer?v=3`, { headers: { Authorization: `jwt ${jwt}` } });
    sockets.push({ close: () => ws.close() });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answer = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send(JSON.stringify(fixture('consumer-window-api.json').requestConversation.req));
    expect(await answer).toMatchObject({ kind: 'resp', reqId: '1', code: 200, type: 'cm.RequestConversationResponse', body: { conversationId: expect.any(String) } });
    const forged = new NodeWebSocket(`ws://127.0.0.1:${e.port}/ws_api/account/${ACCOUNT}/messaging/consumer?v=3`, { headers: { Authorization: 'jwt forged' } });
    await expect(new Promise((resolve, reject) => forged.once('open', resolve).once('unexpected-response', (_req, r) => reject(new Error(String(r.statusCode)))))).rejects.toThrow('401');
  });

  it('rings only an ONLINE agent, and repeats a waiting ring on a routing resubscribe', async () => {
    e = await emulator();
    const agent = await onlineAgent(e);
    sockets.push(agent.socket);
    await agent.socket.request({ kind: 'req', type: '.ams.routing.SetAgentState', body: { channels: ['MESSAGING'], agentUserId: agent.oldId, availability: 'AWAY', description: 'Lunch' } });
    const consumer = await Consumer.start({ baseUrl: e.baseUrl });
    sockets.push(consumer.socket);
    const convId = await consumer.requestConversation();
    await new Promise((r) => setTimeout(r, 200));
    expect(ringsOf(agent.socket).some((r) => r.conversationId === convId)).toBe(false);
    await agent.socket.request({ kind: 'req', type: '.ams.routing.SetAgentState', body: { channels: ['MESSAGING'], agentUserId: agent.oldId, availability: 'ONLINE' } });
    const ringId = await waitForRing(agent.socket, convId);
    const again = await agent.socket.request(fill(doc.subscribeRoutingTasks.req, { ACCOUNT, USER_ID: agent.oldId }));
    const subscriptionId = (again.body as { subscriptionId: string }).subscriptionId;
    const repeat = await agent.socket.waitFor((f) => f.kind === 'notification' && (f.body as { subscriptionId?: string }).subscriptionId === subscriptionId);
    expect(JSON.stringify(repeat.body)).toContain(ringId);
  });
});
