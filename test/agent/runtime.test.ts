/**
 * The background runtime against the running emulator over real HTTP: sign-in, ring, accept,
 * lines both ways exactly once, end, and a worker restart in the middle of a chat.
 */
import fetchCookie from 'fetch-cookie';
import { describe, expect, it, vi } from 'vitest';
import type { AgentRuntime } from '../../src/agent/runtime';
import { Visitor } from '../emulator/visitor';
import { emulatedRuntimes, memoryStore } from './support';

const WAIT = { timeout: 8_000, interval: 25 };


describe('AgentRuntime', () => {
  const h = emulatedRuntimes();
  const { newRuntime, signIn } = h;

  it('refuses a wrong password with a readable reason and stays signed out', async () => {
    const runtime = newRuntime();
    const result = await signIn(runtime, 'nope');
    expect(result).toEqual({ ok: false, message: 'LivePerson refused that user name or password.' });
    expect(runtime.view().auth).toMatchObject({ status: 'signed-out', reason: 'LivePerson refused that user name or password.' });
  });

  it('explains an unreachable LivePerson domain', async () => {
    const runtime = newRuntime();
    const result = await runtime.signIn({ csdsUrl: 'http://127.0.0.1:9', accountId: '12345678', username: 'agent1', password: 'x' });
    expect(result.ok).toBe(false);
    expect(runtime.view().auth.reason).toMatch(/Could not find the account’s LivePerson domain/);
  });

  it('names the chat’s skill in the view and sends an HTML response as one HTML line, shown once', async () => {
    const runtime = newRuntime();
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Dana', skill: 'Support' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    const chat = runtime.view().chats[0]!;
    expect(chat.skill).toEqual({ id: '2', name: 'Support' });

    const html = '<div dir="auto">Your code is <b>4711</b>.</div>';
    expect(await runtime.sendLine(chat.id, 'Your code is 4711.', false, undefined, html)).toEqual({ ok: true });
    await visitor.waitFor((v) => v.lines().some((l) => l.text === html && l.textType === 'html'), 8_000);
    await visitor.sendLine('Thanks');
    await vi.waitFor(() => expect(texts(runtime)).toContain('Thanks'), WAIT);
    const agentLines = runtime.view().chats[0]!.lines.filter((l) => l.source === 'agent');
    expect(agentLines.map((l) => [l.text, l.textType])).toEqual([[html, 'html']]);
  });

  it('takes a chat end to end and never shows a line twice', async () => {
    const runtime = newRuntime();
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(runtime.view().auth).toMatchObject({ status: 'signed-in', accountId: '12345678' });
    expect(JSON.stringify(runtime.view())).not.toMatch(/bearer|csrf/i);

    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    expect(runtime.view().availability).toBe('Online');

    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Dana' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    const chatId = runtime.view().chats[0]!.id;
    expect(runtime.view().chats[0]).toMatchObject({ state: 'chatting', visitorName: 'Dana' });

    await visitor.sendLine('Where is my order?');
    await vi.waitFor(() => expect(texts(runtime)).toContain('Where is my order?'), WAIT);
    expect(await runtime.sendLine(chatId, 'Checking now.')).toEqual({ ok: true });
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'Checking now.'), 8_000);
    await visitor.sendLine('Thanks');
    await vi.waitFor(() => expect(texts(runtime)).toContain('Thanks'), WAIT);

    const lines = runtime.view().chats[0]!.lines.filter((l) => l.source !== 'system');
    expect(lines.map((l) => [l.source, l.text])).toEqual([
      ['visitor', 'Where is my order?'],
      ['agent', 'Checking now.'],
      ['visitor', 'Thanks'],
    ]);
    const ids = runtime.view().chats[0]!.lines.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);

    expect(await runtime.endChat(chatId)).toEqual({ ok: true });
    await visitor.waitFor((v) => v.state() === 'ended', 8_000);
    expect(await runtime.closeChat(chatId)).toEqual({ ok: true });
    expect(runtime.view().chats).toEqual([]);

    expect(await runtime.signOut()).toEqual({ ok: true });
    expect(runtime.view().auth).toMatchObject({ status: 'signed-out', reason: 'You signed out.' });
  });

  it('refreshes the login once when the bearer expires, then goes on polling', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Kim' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(runtime.view().auth.status).toBe('signed-in');
  });

  it('signs out with a clear reason when the login cannot be refreshed', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    const session = h.store.saved!.connection!;
    const logout = await h.fetch(`${h.emulator.baseUrl}/api/account/12345678/logout`, { method: 'POST', body: JSON.stringify({ csrf: session.csrf }) });
    expect(logout.status).toBe(200);
    // Logged out elsewhere: the bearer is dead and refresh is refused.
    await vi.waitFor(() => expect(runtime.view().auth).toMatchObject({ status: 'signed-out', reason: 'Your LivePerson login expired. Sign in again.' }), WAIT);
  });

  it('starts a new agent session when the old one is lost, restores availability and keeps the chat', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Lee' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    await runtime.acceptChat();
    const chatId = runtime.view().chats[0]!.id;
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    await visitor.sendLine('still there?');
    await vi.waitFor(() => expect(texts(runtime)).toContain('still there?'), WAIT);
    expect(await runtime.sendLine(chatId, 'Yes!')).toEqual({ ok: true });
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'Yes!'), 8_000);
    const state = await (await fetch(`${h.emulator.baseUrl}/sandbox/state`)).json();
    expect(state.agentSessions).toEqual([expect.objectContaining({ availability: 'Online' })]);
  });

  it('shows what the identity provider says about an authenticated visitor (A21) first in the visitor details', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Dana', ssoKey: 'dana-sso' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    const facts = runtime.view().chats[0]!.visitor!.facts;
    expect(facts.slice(0, 2)).toEqual([
      { label: 'Authenticated', value: 'Yes' },
      { label: 'Authenticated name', value: 'Dana Whitfield' },
    ]);
    expect(facts).toEqual(expect.arrayContaining([{ label: 'Customer id', value: '88213' }, { label: 'Browser', value: expect.any(String) }]));
    // An anonymous visitor: no participant, nothing claimed.
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Anon' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    const anon = runtime.view().chats.find((c) => c.visitorName === 'Anon')!;
    expect(anon.visitor!.facts.map((f) => f.label)).not.toContain('Authenticated');
  });

  it('polls every open chat with one multi-chat request per cycle, plus one for incoming requests', async () => {
    const requests: string[] = [];
    const jar = h.fetch;
    h.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return jar(input, init);
    }) as typeof fetch;
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    for (const name of ['A', 'B', 'C']) {
      await Visitor.start({ baseUrl: h.emulator.baseUrl, name });
      await vi.waitFor(() => expect(runtime.view().ringing.count).toBeGreaterThan(0), WAIT);
      expect(await runtime.acceptChat()).toEqual({ ok: true });
    }
    await vi.waitFor(() => expect(runtime.view().chats).toHaveLength(3), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the last visit read settle
    requests.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const incoming = requests.filter((r) => r.endsWith('/incomingRequests')).length;
    const multi = requests.filter((r) => /\/agentSession\/\d+\/chat$/.test(r)).length;
    expect(incoming).toBeGreaterThanOrEqual(3);
    expect(Math.abs(incoming - multi)).toBeLessThanOrEqual(1);
    expect(requests.filter((r) => !r.endsWith('/incomingRequests') && !/\/chat$/.test(r))).toEqual([]);
  });

  it('takes the held chats over on a second device (a second sign-in while the first is active)', async () => {
    const first = newRuntime();
    await signIn(first);
    await first.setAvailability('Online');
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Pat' });
    await vi.waitFor(() => expect(first.view().ringing.count).toBe(1), WAIT);
    await first.acceptChat();
    await visitor.sendLine('hello from before');
    await vi.waitFor(() => expect(texts(first)).toContain('hello from before'), WAIT);
    await first.stop();

    // Another profile: its own storage and cookie jar.
    h.store = memoryStore();
    h.fetch = fetchCookie(fetch) as typeof fetch;
    const second = newRuntime();
    expect(await signIn(second)).toEqual({ ok: true });
    expect(second.view().chats.map((c) => c.visitorName)).toEqual(['Pat']);
    expect(texts(second)).toContain('hello from before');
    await visitor.sendLine('and after');
    await vi.waitFor(() => expect(texts(second)).toContain('and after'), WAIT);
  });

  it('continues after the worker is stopped mid-chat, without losing or repeating a line', async () => {
    const first = newRuntime();
    await signIn(first);
    await first.setAvailability('Online');
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Sam' });
    await vi.waitFor(() => expect(first.view().ringing.count).toBe(1), WAIT);
    await first.acceptChat();
    await visitor.sendLine('one');
    await vi.waitFor(() => expect(texts(first)).toContain('one'), WAIT);

    await first.stop(); // the browser stops the worker
    await visitor.sendLine('two'); // written while no worker runs

    const second = newRuntime(); // a new worker lifetime with the same storage.session
    await second.restore();
    await vi.waitFor(() => expect(texts(second)).toContain('two'), WAIT);
    await visitor.sendLine('three');
    await vi.waitFor(() => expect(texts(second)).toContain('three'), WAIT);
    expect(texts(second).filter((t) => ['one', 'two', 'three'].includes(t))).toEqual(['one', 'two', 'three']);
  });
});

function texts(runtime: AgentRuntime): string[] {
  return runtime.view().chats.flatMap((c) => c.lines.map((l) => l.text));
}
