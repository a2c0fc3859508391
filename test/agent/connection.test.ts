/**
 * The connection's lifecycle on its own, against the emulator over real HTTP: sign-in, one shared
 * login refresh for calls that meet a 401 together, one session restart at a time, sign-out.
 */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { AgentStore } from '../../src/agent/agent-store';
import { ConnectionLifecycle } from '../../src/agent/connection';
import { listenForAnswers } from '../../src/agent/conversation-service';
import { SIGNED_OUT_BY_AGENT } from '../../src/agent/presence';
import { chatAgentApiService } from '../../src/conversation/chat-agent-api/service';
import { startEmulator, type Emulator } from '../emulator/server';
import { memoryStore, quiet } from './support';

describe('ConnectionLifecycle', () => {
  let emulator: Emulator;
  let store: AgentStore;
  let lifecycle: ConnectionLifecycle;
  let pollingStopped: number;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    store = new AgentStore(memoryStore());
    pollingStopped = 0;
    const service = chatAgentApiService(createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }));
    lifecycle = new ConnectionLifecycle({ store, service: listenForAnswers(service, () => {}), log: quiet, now: Date.now, stopPolling: () => void pollingStopped++ });
    const signedIn = await lifecycle.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' });
    expect(signedIn).toEqual({ ok: true });
  });
  afterEach(() => emulator.close());

  const requests = (side: string, suffix: string) => emulator.requests.list({ side }).filter((r) => r.path.endsWith(suffix));

  it('holds the connection once signed in, and refuses a second sign-in', async () => {
    expect(store.state.connection?.accountId).toBe('12345678');
    expect(store.view().auth.status).toBe('signed-in');
    expect(await lifecycle.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' })).toEqual({
      ok: false,
      message: 'Already signed in. Sign out first to change account.',
    });
  });

  it('refreshes the login once for several calls that meet a 401 together, then retries each once', async () => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      return calls <= 3 ? { ok: false as const, error: { kind: 'auth-expired' as const, message: 'expired' } } : { ok: true as const, value: calls };
    };
    const results = await Promise.all([lifecycle.retriedAfterRefresh(call), lifecycle.retriedAfterRefresh(call), lifecycle.retriedAfterRefresh(call)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(requests('login', '/refresh').map((r) => r.status)).toEqual([200]);
  });

  it('restarts a lost agent session once, however many notice the loss', async () => {
    const connection = store.state.connection!;
    const old = connection.sessionUrl;
    await fetch(`${emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    const checks = await Promise.all([lifecycle.recoverIfSessionLost(connection, old), lifecycle.recoverIfSessionLost(connection, old), lifecycle.restartSessionOnce(connection)]);
    expect(checks).toEqual(['recovered', 'recovered', true]);
    expect(connection.sessionUrl).not.toBe(old);
    expect(emulator.requests.list({ side: 'agent' }).filter((r) => r.method === 'POST' && /\/agentSession$/.test(r.path))).toHaveLength(2); // sign-in, restart
  });

  it('signs out: stops polling, logs out, and says why', async () => {
    expect(await lifecycle.signOut()).toEqual({ ok: true });
    expect(pollingStopped).toBeGreaterThan(0);
    expect(requests('login', '/logout')).toHaveLength(1);
    expect(store.state.connection).toBeNull();
    expect(store.view().auth).toMatchObject({ status: 'signed-out', reason: SIGNED_OUT_BY_AGENT });
  });
});
