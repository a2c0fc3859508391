/** Fault injection and the request log, over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const ACCOUNT = '12345678';

async function login(base: string): Promise<Response> {
  return fetch(`${base}/api/account/${ACCOUNT}/login?v=1.3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
  });
}

describe('emulator request log', () => {
  it('records every request with its side, status and fault', async () => {
    emulator = await startEmulator({ port: 0 });
    const base = emulator.baseUrl;
    const mark = emulator.requests.mark();
    await fetch(`${base}/api/account/${ACCOUNT}/service/agentVep/baseURI.json?version=1.0`);
    await login(base);
    await fetch(`${base}/api/account/${ACCOUNT}/agentSession/123?v=1&NC=true`);
    const answer = (await (await fetch(`${base}/sandbox/requests?since=${mark}`)).json()) as { requests: Array<{ side: string; status: number; path: string }> };
    // The query itself is recorded too (side `sandbox`).
    expect(answer.requests.map((r) => [r.side, r.status])).toEqual([
      ['domain', 200],
      ['login', 200],
      ['agent', 401],
      ['sandbox', 0],
    ]);
    expect(answer.requests[0]!.path).toBe(`/api/account/${ACCOUNT}/service/agentVep/baseURI`);
    expect(emulator.requests.list({ since: mark, side: 'agent' })).toHaveLength(1);
  });
});

describe('emulator fault injection', () => {
  it('refuses a bad plan with a readable 400', async () => {
    emulator = await startEmulator({ port: 0 });
    const response = await fetch(`${emulator.baseUrl}/sandbox/faults`, { method: 'PUT', body: JSON.stringify({ rate: 2, kinds: ['teapot'] }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Bad fault plan/);
  });

  it('answers 503 and 429 with Retry-After without applying the request', async () => {
    emulator = await startEmulator({ port: 0, faults: { rate: 1, kinds: ['503'], sides: ['login'], latencyMs: 0, retryAfterSeconds: 3 } });
    const failed = await login(emulator.baseUrl);
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { responseStatus: string } }).error.responseStatus).toBe('SERVICE_UNAVAILABLE');
    await fetch(`${emulator.baseUrl}/sandbox/faults`, { method: 'PUT', body: JSON.stringify({ rate: 1, kinds: ['429'], sides: ['login'], retryAfterSeconds: 3 }) });
    const limited = await login(emulator.baseUrl);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const status = (await (await fetch(`${emulator.baseUrl}/sandbox/faults`)).json()) as { injected: { total: number } };
    expect(status.injected.total).toBe(1);
  });

  it('drops connections, and loses responses after applying the request', async () => {
    emulator = await startEmulator({ port: 0, faults: { rate: 1, kinds: ['drop'], sides: ['login'], latencyMs: 0, retryAfterSeconds: 1 } });
    await expect(login(emulator.baseUrl)).rejects.toThrow();
    const before = (await (await fetch(`${emulator.baseUrl}/sandbox/state`)).json()) as object;
    expect(before).toBeTruthy();

    emulator.faults.set({ rate: 1, kinds: ['lost-response'], sides: ['agent'], latencyMs: 0, retryAfterSeconds: 1 });
    const logged = (await (await login(emulator.baseUrl)).json()) as { bearer: string };
    const started = fetch(`${emulator.baseUrl}/api/account/${ACCOUNT}/agentSession?v=1&NC=true`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${logged.bearer}`, 'Content-Type': 'application/json' },
      body: '{"loginData":""}',
    });
    await expect(started).rejects.toThrow();
    // The session was created even though its answer was lost.
    const state = (await (await fetch(`${emulator.baseUrl}/sandbox/state`)).json()) as { agentSessions: unknown[] };
    expect(state.agentSessions).toHaveLength(1);
    const recorded = emulator.requests.list({ side: 'agent' });
    expect(recorded.at(-1)).toMatchObject({ fault: 'lost-response', status: 0 });
  });

  it('stops after maxFaults', async () => {
    emulator = await startEmulator({ port: 0, faults: { rate: 1, kinds: ['500'], sides: ['login'], latencyMs: 0, retryAfterSeconds: 1, maxFaults: 1 } });
    expect((await login(emulator.baseUrl)).status).toBe(500);
    expect((await login(emulator.baseUrl)).status).toBe(200);
  });
});
