/** The protocol factory: the account's choice at sign-in, then the connection's protocol for every call (a restarted worker included). */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import type { Connection } from '../../src/agent/state';
import { conversationService, type ProtocolChoice } from '../../src/conversation/factory';
import { startEmulator, type Emulator } from '../emulator/server';

describe('conversationService (the protocol factory)', () => {
  let emulator: Emulator;
  let choice: ProtocolChoice;
  const opened: Array<[ReturnType<typeof conversationService>, Connection]> = [];
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(async () => {
    for (const [service, connection] of opened.splice(0)) await service.signOut(connection);
    await emulator.close();
  });

  const signIn = async () => {
    const service = conversationService({ client: createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }), allowLoopback: true, protocol: async () => choice });
    const result = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' }, 1);
    if (!result.ok) throw new Error(result.error);
    opened.push([service, result.value.connection]);
    return { service, connection: result.value.connection };
  };

  it('signs in with the protocol chosen for the account, and keeps to the connection’s protocol afterwards', async () => {
    choice = 'chat';
    const chat = await signIn();
    expect(chat.connection.protocol).toBeUndefined();
    expect(chat.connection.sessionUrl).toContain('/agentSession/');
    choice = 'messaging';
    const messaging = await signIn();
    expect(messaging.connection.protocol).toBe('messaging');
    // The setting changing later does not move a signed-in connection to the other protocol.
    choice = 'chat';
    expect((await messaging.service.setPresence(messaging.connection, 'Back soon', 'Lunch')).ok).toBe(true);
    expect(await messaging.service.presence(messaging.connection)).toEqual({ ok: true, value: 'Back soon' });
    expect(messaging.connection.wire).toEqual({ availability: 'Back soon', awayReason: 'Lunch' });
    // The Chat Agent API has no Back soon: a readable refusal.
    expect(await chat.service.setPresence(chat.connection, 'Back soon')).toMatchObject({ ok: false, error: { message: expect.stringContaining('Back soon') } });
  });

  it('offers what only one protocol has (Messaging’s away reasons), answering a readable refusal on the other', async () => {
    choice = 'messaging';
    const messaging = await signIn();
    expect(typeof messaging.service.awayReasons).toBe('function');
    expect(await messaging.service.awayReasons!(messaging.connection)).toEqual({ ok: true, value: ['Lunch', 'Coffee', 'Coaching'] });
    choice = 'chat';
    const chat = await signIn();
    expect(await chat.service.awayReasons!(chat.connection)).toMatchObject({ ok: false, error: { status: 501 } });
  });
});
