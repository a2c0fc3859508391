/**
 * The emulator's Messaging mode against LivePerson's documented frames: each request here is a
 * frame from test/fixtures/ums (the docs' placeholders filled in), each answer is checked against
 * the documented example's shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../server';
import { Consumer } from './consumer';
import { UmsSocket } from './socket';
import { ACCOUNT, agentSocket, agentSocketUrl, emulator, expectShape, fill, fixture, onlineAgent, waitForRing } from './support';

const doc = fixture('agent-getting-started.json');
const consumerDoc = fixture('consumer-window-api.json');
let e: Emulator | undefined;
const sockets: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await e?.close();
  e = undefined;
});

describe('UMS agent socket (docs: agent-int-getting-started)', () => {
  it('lists asyncMessagingEnt and idp in CSDS and the login answer', async () => {
    e = await emulator();
    const all = (await (await fetch(`${e.baseUrl}/csdr/account/${ACCOUNT}/service/baseURI.json?version=1.0`)).json()) as { baseURIs: Array<{ service: string }> };
    expect(all.baseURIs.map((b) => b.service)).toEqual(expect.arrayContaining(['asyncMessagingEnt', 'idp']));
  });

  it('refuses a socket whose path carries no live bearer, and takes one that does', async () => {
    e = await emulator();
    await expect(UmsSocket.open(await agentSocketUrl(e, 'not-a-bearer'))).rejects.toThrow(/failed/);
    const agent = await agentSocket(e);
    sockets.push(agent.socket);
    const resp = await agent.socket.request(doc.getUserProfile.req);
    expectShape(resp, doc.getUserProfile.resp);
    expect(resp).toMatchObject({ reqId: '2', code: 200, type: '.ams.userprofile.GetUserProfile$Response', body: { userId: agent.oldId } });
  });

  it('runs the documented flow: state, routing subscription, ring, accept, lines both ways, close', async () => {
    e = await emulator();
    const agent = await agentSocket(e);
    sockets.push(agent.socket);
    const state = await agent.socket.request(fill(doc.setAgentState.req, { USER_ID: agent.oldId }));
    expect(state).toEqual(doc.setAgentState.resp);
    const sub = await agent.socket.request(fill(doc.subscribeRoutingTasks.req, { ACCOUNT, USER_ID: agent.oldId }));
    expectShape(sub, doc.subscribeRoutingTasks.resp);
    expect(sub.type).toBe(doc.subscribeRoutingTasks.resp.type);
    const first = await agent.socket.waitFor((f) => f.kind === 'notification');
    expect(first).toEqual({ ...doc.subscribeRoutingTasks.firstNotification, body: { subscriptionId: (sub.body as { subscriptionId: string }).subscriptionId, changes: [] } });

    const consumer = await Consumer.start({ baseUrl: e.baseUrl, firstName: 'Dana' });
    sockets.push(consumer.socket);
    const convId = await consumer.requestConversation();
    const ringId = await waitForRing(agent.socket, convId);
    const ring = agent.socket.notifications(/RoutingTaskNotification$/).at(-1)!;
    expectShape(ring, { ...doc.ringNotification, body: { ...doc.ringNotification.body, changes: [{ type: 'UPSERT', result: { ringsDetails: [{ ringId: '', ringExpiration: 0, ringState: '' }] } }] } });
    expect(ring.type).toBe(doc.ringNotification.type);

    const accept = await agent.socket.request(fill(doc.updateRingState.req, { RING_ID: ringId }));
    expect(accept).toEqual(doc.updateRingState.resp);

    const mark = agent.socket.frames.length;
    await consumer.socket.request(fill(consumerDoc.publishText, { YOUR_CONVERSATION_ID: convId }));
    const line = await agent.socket.waitFor((f) => /OnlineEventDistribution$/.test(String(f.type)), 5_000, mark);
    expectShape(line, fill(doc.consumerMessageNotification, { YOUR_CONVERSATION_ID: convId }));
    expect(line.body).toMatchObject({ dialogId: convId, event: { type: 'ContentEvent', message: 'hi there', contentType: 'text/plain' } });

    const published = await agent.socket.request(fill(doc.publishText.req, { YOUR_CONVERSATION_ID: convId }));
    expect(published).toMatchObject({ code: 200, body: { sequence: 1 } });
    const heard = await consumer.waitForText('Response from agent');
    expectShape(consumer.socket.notifications(/MessagingEventNotification$/).at(-1), consumerDoc.subscribeMessagingEvents.notification);
    expect(heard).toMatchObject({ sequence: 1, role: 'ASSIGNED_AGENT' });

    const closed = await agent.socket.request(fill(doc.close.req, { CONVERSATION_ID: convId }));
    expect(closed.code).toBe(200);
    const state2 = (await (await fetch(`${e.baseUrl}/sandbox/messaging/state`)).json()) as { conversations: Array<{ id: string; state: string }> };
    expect(state2.conversations.find((c) => c.id === convId)?.state).toBe('CLOSE');
  });

  it('numbers stored events per conversation; chat states answer sequence 0 and stay out of history', async () => {
    e = await emulator();
    const agent = await onlineAgent(e);
    sockets.push(agent.socket);
    const consumer = await Consumer.start({ baseUrl: e.baseUrl });
    sockets.push(consumer.socket);
    const convId = await consumer.requestConversation();
    await agent.socket.request(fill(doc.updateRingState.req, { RING_ID: await waitForRing(agent.socket, convId) }));
    expect(await consumer.say('one')).toBe(0);
    expect(await consumer.say('two')).toBe(1);
    const typing = await agent.socket.request({ type: 'ms.PublishEvent', body: { dialogId: convId, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } } });
    expect(typing.body).toEqual({ sequence: 0 });
    const read = await agent.socket.request({ type: 'ms.PublishEvent', body: { dialogId: convId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0, 1] } } });
    expect(read.body).toEqual({ sequence: 2 });
    const history = await agent.socket.request({ type: '.ams.ms.QueryMessages', body: { dialogId: convId, fromSeq: 0 } });
    expect((history.body as Array<{ sequence: number; event: { type: string } }>).map((c) => [c.sequence, c.event.type])).toEqual([
      [0, 'ContentEvent'],
      [1, 'ContentEvent'],
      [2, 'AcceptStatusEvent'],
    ]);
    // The consumer sees the agent typing and the read receipt live.
    await consumer.socket.waitFor((f) => JSON.stringify(f.body ?? '').includes('COMPOSING'));
    await consumer.socket.waitFor((f) => JSON.stringify(f.body ?? '').includes('"READ"'));
  });

  it('sends existing conversations again on a resubscribe, and events again on a repeated query', async () => {
    e = await emulator();
    const agent = await onlineAgent(e);
    sockets.push(agent.socket);
    const consumer = await Consumer.start({ baseUrl: e.baseUrl });
    sockets.push(consumer.socket);
    const convId = await consumer.requestConversation();
    await agent.socket.request(fill(doc.updateRingState.req, { RING_ID: await waitForRing(agent.socket, convId) }));
    await consumer.say('hello');
    const before = agent.socket.notifications(/ExConversationChangeNotification$/).length;
    const again = await agent.socket.request({ type: 'cqm.SubscribeExConversations', body: { agentIds: [agent.oldId], convState: ['OPEN'] } });
    const subscriptionId = (again.body as { subscriptionId: string }).subscriptionId;
    const dup = await agent.socket.waitFor((f) => f.kind === 'notification' && (f.body as { subscriptionId?: string } | undefined)?.subscriptionId === subscriptionId);
    expect(agent.socket.notifications(/ExConversationChangeNotification$/).length).toBe(before + 1);
    expect(JSON.stringify(dup.body)).toContain(convId);
    const q1 = await agent.socket.request({ type: '.ams.ms.QueryMessages', body: { dialogId: convId, fromSeq: 0 } });
    const q2 = await agent.socket.request({ type: 'ms.SubscribeMessagingEvents', body: { dialogId: convId, fromSeq: 0 } });
    expect(q2.code).toBe(200);
    const replay = await agent.socket.waitFor((f) => f.type === 'ms.MessagingEventNotification');
    expect((replay.body as { changes: unknown[] }).changes).toEqual(q1.body);
  });
});
