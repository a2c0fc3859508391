/**
 * Issue 6 against the emulator over real HTTP:
 * - no credentials in logs, the password never stored (every save, every remembered account);
 * - LivePerson's Retry Policy as the runtime lives it: many calls failing at once do not turn into
 *   a storm, and `Retry-After` is honoured by the poll loop and by the outbox.
 */
import fetchCookie from 'fetch-cookie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { LOGIN_REFRESH_EVERY_MS, type AgentRuntime, type Logger } from '../../src/agent/runtime';
import { Visitor } from '../emulator/visitor';
import { emulatedRuntimes, memoryStore } from './support';

const WAIT = { timeout: 15_000, interval: 25 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('credentials and retries', () => {
  const h = emulatedRuntimes();
  let logs: string[];
  let saves: string[];
  let remembered: string[];

  const log: Logger = {
    info: (message, detail) => void logs.push(JSON.stringify([message, detail])),
    warn: (message, detail) => void logs.push(JSON.stringify([message, detail])),
  };
  let clockOffset = 0;
  const newRuntime = () =>
    h.newRuntime({
      // A cookie jar of its own per runtime.
      client: createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }),
      rememberAccount: async (account) => void remembered.push(JSON.stringify(account)),
      log,
      now: () => Date.now() + clockOffset,
    });
  const faults = (plan: unknown) => fetch(`${h.emulator.baseUrl}/sandbox/faults`, { method: plan ? 'PUT' : 'DELETE', body: plan ? JSON.stringify(plan) : undefined });
  const signIn = (runtime: AgentRuntime, password?: string) => h.signIn(runtime, password);

  /** Signs in, goes Online and accepts one chat per visitor name. */
  async function chatting(runtime: AgentRuntime, names: string[]): Promise<Array<{ chatId: string; visitor: Visitor }>> {
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const chats: Array<{ chatId: string; visitor: Visitor }> = [];
    for (const name of names) {
      const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name });
      await vi.waitFor(() => expect(runtime.view().ringing.count).toBeGreaterThan(0), WAIT);
      expect(await runtime.acceptChat()).toEqual({ ok: true });
      const chat = runtime.view().chats.find((c) => c.visitorName === name)!;
      chats.push({ chatId: chat.id, visitor });
    }
    return chats;
  }

  beforeEach(() => {
    logs = [];
    saves = [];
    remembered = [];
    h.store = memoryStore((state) => saves.push(JSON.stringify(state)));
    clockOffset = 0;
  });

  it('never logs a password, bearer, csrf or API secret, and never stores the password', async () => {
    const runtime = newRuntime();
    expect((await signIn(runtime, 'wrong-pass-123')).ok).toBe(false);
    const { chatId, visitor } = (await chatting(runtime, ['Dana']))[0]!;
    const secrets = new Set<string>(['agent1-pass', 'wrong-pass-123']);
    const collectTokens = () => {
      const connection = h.store.saved?.connection;
      if (connection?.bearer) secrets.add(connection.bearer);
      if (connection?.csrf) secrets.add(connection.csrf);
    };
    collectTokens();

    // Failures of every kind the runtime logs: server errors on polls and lines, an expired
    // bearer (refreshed) and a lost agent session (replaced).
    await faults({ rate: 1, kinds: ['500'], sides: ['agent'], maxFaults: 3 });
    expect(await runtime.sendLine(chatId, 'line through a 500')).toEqual({ ok: true });
    await vi.waitFor(() => expect(logs.join('\n')).toMatch(/Poll failed|A line was not sent/), WAIT);
    await faults(null);
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    await visitor.sendLine('after the expiries');
    await vi.waitFor(() => expect(runtime.view().chats[0]!.lines.map((l) => l.text)).toContain('after the expiries'), WAIT);
    collectTokens();
    await runtime.signOut();

    // A bot: its API secrets are kept (it signs every request) but never logged.
    const bot = newRuntime();
    expect(
      await bot.signIn({
        csdsUrl: h.emulator.baseUrl,
        accountId: '12345678',
        username: 'bot1',
        appKey: 'bot-app-key',
        secret: 'bot-secret',
        accessToken: 'bot-token',
        accessTokenSecret: 'bot-token-secret',
      }),
    ).toEqual({ ok: true });
    await faults({ rate: 1, kinds: ['503'], sides: ['agent'], maxFaults: 2 });
    await vi.waitFor(() => expect(logs.join('\n')).toMatch(/Poll failed/), WAIT);
    await bot.signOut();

    expect(secrets.size).toBeGreaterThanOrEqual(4); // the test saw real tokens
    expect(logs.length).toBeGreaterThan(3); // and real logs
    const logged = logs.join('\n');
    for (const secret of [...secrets, 'bot-secret', 'bot-token-secret']) expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/"(password|bearer|csrf|secret|accessTokenSecret)"/i);
    for (const state of saves) expect(state).not.toMatch(/agent1-pass|wrong-pass-123/);
    expect(remembered.length).toBeGreaterThan(0);
    for (const account of remembered) expect(account).not.toMatch(/pass|secret|bearer|csrf/i);
  });

  it('does not storm when every call fails at once: polls back off, each chat’s line is retried only after a good read', async () => {
    const runtime = newRuntime();
    const chats = await chatting(runtime, ['A', 'B', 'C']);
    await faults({ rate: 1, kinds: ['503'], sides: ['agent'] });
    const mark = h.emulator.requests.mark();
    await Promise.all(chats.map(({ chatId }, i) => runtime.sendLine(chatId, `line ${i} in the outage`)));
    await sleep(2_500);
    const during = h.emulator.requests.list({ since: mark, side: 'agent' });
    // At 50 ms a poll, a loop without backoff would have made ~50 calls; ours: the three lines'
    // first attempts and the poll (or two) that met the outage, then nothing until the backoff ends.
    expect(during.filter((r) => r.method === 'POST').length).toBe(3);
    expect(during.length).toBeLessThanOrEqual(6);
    await faults(null);
    for (const [i, { visitor }] of chats.entries()) {
      await visitor.waitFor((v) => v.lines().some((l) => l.text === `line ${i} in the outage`), 20_000);
      expect(visitor.lines().filter((l) => l.text === `line ${i} in the outage`)).toHaveLength(1);
    }
    expect(runtime.view().health.problem).toBeUndefined();
  }, 40_000);

  it('honours Retry-After: neither the poll loop nor the outbox calls again before it', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = (await chatting(runtime, ['Rae']))[0]!;
    const limited = (path: string) => h.emulator.requests.list({ side: 'agent' }).filter((r) => r.fault === '429' && new RegExp(path).test(r.path));

    await faults({ rate: 1, kinds: ['429'], sides: ['agent'], pathPattern: '/incomingRequests$', retryAfterSeconds: 3, maxFaults: 1 });
    await vi.waitFor(() => expect(limited('/incomingRequests$')).toHaveLength(1), WAIT);
    const polledAt = limited('/incomingRequests$')[0]!;
    await vi.waitFor(() => expect(h.emulator.requests.list({ since: polledAt.seq, side: 'agent' }).some((r) => r.path.endsWith('/incomingRequests'))).toBe(true), WAIT);
    const nextPoll = h.emulator.requests.list({ since: polledAt.seq, side: 'agent' }).find((r) => r.path.endsWith('/incomingRequests'))!;
    expect(nextPoll.at - polledAt.at).toBeGreaterThanOrEqual(3_000);

    await faults({ rate: 1, kinds: ['429'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', retryAfterSeconds: 3, maxFaults: 1 });
    expect(await runtime.sendLine(chatId, 'after a 429')).toEqual({ ok: true });
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'after a 429'), 20_000);
    const posts = h.emulator.requests.list({ side: 'agent' }).filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
    const refused = posts.findIndex((r) => r.fault === '429');
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(posts[refused + 1]!.at - posts[refused]!.at).toBeGreaterThanOrEqual(3_000);
    expect(visitor.lines().filter((l) => l.text === 'after a 429')).toHaveLength(1);
  }, 40_000);

  it('refreshes the login every 4 minutes (LivePerson: every 3–5), before the bearer can expire', async () => {
    const runtime = newRuntime();
    expect(await signIn(runtime)).toEqual({ ok: true });
    const refreshes = () => h.emulator.requests.list({ side: 'login' }).filter((r) => r.path.endsWith('/refresh'));
    await sleep(300); // several poll cycles at 50 ms
    expect(refreshes()).toHaveLength(0);
    clockOffset += LOGIN_REFRESH_EVERY_MS;
    await vi.waitFor(() => expect(refreshes().map((r) => r.status)).toEqual([200]), WAIT);
    await sleep(300);
    expect(refreshes()).toHaveLength(1); // once per 4 minutes, not once per cycle
    expect(h.store.saved!.connection!.refreshedAt).toBeGreaterThanOrEqual(Date.now() + clockOffset - 1_000);
    expect(runtime.view().auth.status).toBe('signed-in');
  });

  it('on a 401, refreshes the login once and retries the agent’s command, instead of failing it', async () => {
    const runtime = newRuntime();
    expect(await signIn(runtime)).toEqual({ ok: true });
    // The bearer expires just before the command's request: it meets a 401.
    const expireBefore = (method: 'PUT' | 'POST', pathPattern: string) => faults({ rate: 1, kinds: ['expire-bearer'], sides: ['agent'], methods: [method], pathPattern, maxFaults: 1 });
    await expireBefore('PUT', '/availability$');
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const refused = h.emulator.requests.list({ side: 'agent' }).filter((r) => r.path.endsWith('/availability') && r.method === 'POST');
    expect(refused.map((r) => r.status)).toEqual([401, 200]);
    expect(h.emulator.requests.list({ side: 'login' }).filter((r) => r.path.endsWith('/refresh')).map((r) => r.status)).toContain(200);

    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Ida' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    await expireBefore('POST', '/incomingRequests$');
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    expect(runtime.view().chats.map((c) => c.visitorName)).toEqual(['Ida']);
    expect(runtime.view().auth.status).toBe('signed-in');
  });
});
