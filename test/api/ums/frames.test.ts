/** The UMS wire client reads LivePerson's documented frames (test/fixtures/ums), in every spelling. */
import { describe, expect, it } from 'vitest';
import { canonicalType, readNotification, redactSocketUrl, umsAgentSocketUrl } from '../../../src/api/ums';
import { fixture } from '../../emulator/messaging/support';

const doc = fixture('agent-getting-started.json');
const consumerDoc = fixture('consumer-window-api.json');
const sdk = fixture('sdk-readme-examples.json');

describe('UMS frames', () => {
  it('treats the spellings of one type as one', () => {
    expect(canonicalType('.ams.ms.PublishEvent')).toBe(canonicalType('ms.PublishEvent'));
    expect(canonicalType('cqm.ExConversationChangeNotification')).toBe(canonicalType('.ams.aam.ExConversationChangeNotification'));
    expect(canonicalType('routing.routingTaskNotification')).toBe(canonicalType('.ams.routing.RoutingTaskNotification'));
    expect(canonicalType('up.GetUserProfile')).toBe(canonicalType('.ams.userprofile.GetUserProfile'));
  });

  it('reads a ring as the agent getting-started page prints it (conversation id inside ringsDetails)', () => {
    expect(readNotification(doc.ringNotification)).toEqual({
      kind: 'rings',
      subscriptionId: '36267a8d-adf9-4dd9-994c-e1fd73fc3735',
      rings: [
        {
          ringId: '57bc39d9-cad3-46c6-94a9-abd10be5b7c8_qa20971604_1475397157834',
          state: 'WAITING',
          conversationId: '57bc39d9-cad3-46c6-94a9-abd10be5b7c8',
          consumerId: '1f537b4e-6a74-441a-96b6-873109558499',
          skillId: '-1',
          expiresInMs: 72000,
          expiresAt: undefined,
        },
      ],
    });
    expect(readNotification(doc.subscribeRoutingTasks.firstNotification)).toMatchObject({ kind: 'rings', rings: [] });
  });

  it('reads a ring as the SDK documents it (conversation id in the result)', () => {
    const n = readNotification({ kind: 'notification', type: '.ams.routing.RoutingTaskNotification', body: sdk.routingTaskNotification });
    expect(n).toMatchObject({ kind: 'rings', rings: [{ state: 'ACCEPTED', conversationId: '41d33e78-9701-4edd-a569-01dfb6c0f40a', expiresAt: 1517000899442 }] });
  });

  it('reads a line from ms.OnlineEventDistribution (agent) and ms.MessagingEventNotification (consumer)', () => {
    expect(readNotification(fill(doc.consumerMessageNotification))).toEqual({
      kind: 'messages',
      events: [
        {
          conversationId: 'C1',
          sequence: 2,
          originatorId: '3b5b7ec6-2b0f-53af-9afd-11d4072c85a7',
          originatorOldId: undefined,
          role: undefined,
          serverTimestamp: 1470732437925,
          content: { type: 'text', contentType: 'text/plain', message: 'From consumer' },
        },
      ],
    });
    expect(readNotification(fill(consumerDoc.subscribeMessagingEvents.notification))).toMatchObject({
      kind: 'messages',
      events: [{ conversationId: 'C1', sequence: 0, originatorId: '734d9867-40e3-52b9-a401-07e877676d64', content: { type: 'text', message: 'message from the agent' } }],
    });
    expect(readNotification({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: sdk.messagingEventNotificationRead } })).toMatchObject({
      kind: 'messages',
      events: [{ sequence: 9, role: 'ASSIGNED_AGENT', content: { type: 'receipt', status: 'READ', sequences: [8] } }],
    });
  });

  it('reads conversation metadata with participants as a documented array', () => {
    const n = readNotification({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: sdk.exConversationChangeNotification });
    expect(n.kind).toBe('conversations');
    if (n.kind !== 'conversations') return;
    const c = n.changes[0]!;
    expect(c.type).toBe('UPSERT');
    expect(c.conversation).toMatchObject({
      conversationId: '220d3639-ae23-4c90-83e8-455e3bb2cf13',
      state: 'OPEN',
      skillId: '-1',
      consumerId: 'd51ce914-97ad-4544-a686-8335b61dcdf3',
      updatedAt: 1516999196220,
      participants: expect.arrayContaining([{ id: '393c6873-756d-54af-86e1-8795d57eba14', role: 'ASSIGNED_AGENT', state: 'ACTIVE' }]),
      lastContent: { sequence: 29, originatorOldId: '89476943.282467514', content: { type: 'rich' } },
    });
  });

  it('reads the v2 wire form: participants by role, PIDs in participantsPId, a SUGGESTED agent in the dialog', () => {
    // Inferred from LivePerson's node-agent-sdk (lib/Transformer.js reads these fields): not a documented example.
    const body = {
      subscriptionId: 's',
      changes: [
        {
          type: 'UPSERT',
          result: {
            convId: 'c',
            conversationDetails: {
              participants: { CONSUMER: ['consumer-pid'], ASSIGNED_AGENT: ['123.456'] },
              participantsPId: { CONSUMER: ['consumer-pid'], ASSIGNED_AGENT: ['agent-pid'] },
              dialogs: [{ dialogId: 'c', participantsDetails: [{ id: 'other-pid', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' }] }],
              state: 'OPEN',
              startTs: 1,
            },
          },
        },
      ],
    };
    const n = readNotification({ kind: 'notification', type: '.ams.aam.ExConversationChangeNotification', body });
    expect(n).toMatchObject({
      kind: 'conversations',
      changes: [
        {
          conversation: {
            consumerId: 'consumer-pid',
            participants: [
              { id: 'consumer-pid', role: 'CONSUMER', state: 'ACTIVE' },
              { id: 'agent-pid', role: 'ASSIGNED_AGENT', state: 'ACTIVE' },
              { id: 'other-pid', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' },
            ],
          },
        },
      ],
    });
  });

  it('reads agent states, and leaves unknown types as "other"', () => {
    expect(readNotification({ kind: 'notification', type: '.ams.routing.AgentStateNotification', body: sdk.agentStateNotification })).toEqual({
      kind: 'agent-state',
      subscriptionId: '5ebe7fcd-c59e-4fd2-a622-ec412a01a549',
      states: [{ availability: 'ONLINE', description: '' }],
    });
    expect(readNotification({ kind: 'notification', type: '.ams.something.New', body: {} })).toEqual({ kind: 'other', type: '.ams.something.New' });
  });
});

describe('UMS socket URL', () => {
  it('builds the documented wss URL from a CSDS origin, and never sends the bearer over plain ws to a non-loopback host', () => {
    expect(umsAgentSocketUrl({ origin: 'https://va.msg.liveperson.net', accountId: '123', bearer: 'b/x' })).toEqual({
      ok: true,
      value: 'wss://va.msg.liveperson.net/ws_api/account/123/messaging/brand/b%2Fx?v=2',
    });
    expect(umsAgentSocketUrl({ origin: 'http://va.msg.liveperson.net', accountId: '123', bearer: 'b' }).ok).toBe(false);
    expect(umsAgentSocketUrl({ origin: 'http://evil.example', accountId: '123', bearer: 'b', allowInsecureLoopback: true }).ok).toBe(false);
    expect(umsAgentSocketUrl({ origin: 'http://127.0.0.1:8090', accountId: '123', bearer: 'b', allowInsecureLoopback: true })).toEqual({
      ok: true,
      value: 'ws://127.0.0.1:8090/ws_api/account/123/messaging/brand/b?v=2',
    });
    expect(umsAgentSocketUrl({ origin: 'https://x', accountId: '1/../2', bearer: 'b' }).ok).toBe(false);
    expect(redactSocketUrl('wss://h/ws_api/account/1/messaging/brand/SECRET?v=2')).toBe('wss://h/ws_api/account/1/messaging/brand/…?v=2');
  });
});

function fill<T>(frame: T): T {
  return JSON.parse(JSON.stringify(frame).split('__YOUR_CONVERSATION_ID__').join('C1')) as T;
}
