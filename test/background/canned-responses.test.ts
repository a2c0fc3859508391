/**
 * The background's canned responses against the emulator over HTTP: the account's Predefined
 * Content read with the agent's own login (found through CSDS `accountConfigReadOnly`), a 401
 * refreshing the login once, the library kept by revision, merged with the fleet's and the agent's.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { cannedResponsesSource } from '../../src/background/canned-responses';
import { emulatedRuntimes } from '../agent/support';

describe('canned responses in the background', () => {
  const h = emulatedRuntimes();

  const sourceFor = (runtime: ReturnType<typeof h.newRuntime>, extra: Partial<Parameters<typeof cannedResponsesSource>[0]> = {}) =>
    cannedResponsesSource({
      client: createLivePersonClient({ fetch: h.fetch, allowLoopback: true }),
      withConnection: (call) => runtime.withConnection(call),
      languages: () => ['en-US'],
      readPersonal: async () => [{ key: 'personal:1', source: 'personal', title: 'My sign-off', text: 'Cheers, {agentName}', format: 'plain', shortcut: 'bye', categories: [], skillIds: [] }],
      readFleet: async () => [{ id: 'hours', title: 'Opening hours', text: 'We answer 8–20 every day.', shortcut: 'hours' }, { title: '' }],
      ...extra,
    });

  it('merges the account’s library (read with the agent’s login) with the fleet’s and the personal one', async () => {
    const runtime = h.newRuntime();
    expect((await h.signIn(runtime)).ok).toBe(true);
    const answer = await sourceFor(runtime).responses();
    if (!answer.ok) throw new Error(answer.message);
    const titles = answer.responses.map((r) => `${r.source}:${r.title}`);
    expect(titles).toContain('account:Greeting');
    expect(titles).toContain('account:Reset password');
    expect(titles).not.toContain('account:Summer sale'); // deleted
    expect(titles).not.toContain('account:Holiday hours'); // disabled
    expect(titles).toContain('fleet:Opening hours');
    expect(titles).toContain('personal:My sign-off');
    expect(answer.responses.find((r) => r.title === 'Reset password')?.format).toBe('html');
    // The fleet's broken entry is dropped on its own, with a sentence naming it.
    expect(answer.problems[0]).toMatch(/^cannedResponses\[1\] title: /);
  });

  it('refreshes the login once on a 401 and reads again', async () => {
    const runtime = h.newRuntime();
    await h.signIn(runtime);
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    const answer = await sourceFor(runtime).responses();
    expect(answer.ok && answer.problems.filter((p) => p.includes('account'))).toEqual([]);
    expect(answer.ok && answer.responses.some((r) => r.source === 'account')).toBe(true);
  });

  it('keeps the library for a while, then asks again and keeps what it holds when the revision is unchanged', async () => {
    const runtime = h.newRuntime();
    await h.signIn(runtime);
    let now = 1_000_000;
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return h.fetch(input, init);
    };
    const source = sourceFor(runtime, { client: createLivePersonClient({ fetch: counting, allowLoopback: true }), now: () => now });
    const first = await source.responses();
    const reads = () => requests.filter((u) => u.includes('canned-responses')).length;
    expect(reads()).toBe(1);
    await source.responses();
    expect(reads()).toBe(1);
    now += 6 * 60_000;
    const later = await source.responses();
    expect(reads()).toBe(2);
    const accountOf = (a: typeof first) => (a.ok ? a.responses.filter((r) => r.source === 'account') : []);
    expect(accountOf(later)[0]).toBe(accountOf(first)[0]);
  });

  it('serves the fleet’s and the personal library when signed out, without calling LivePerson', async () => {
    const runtime = h.newRuntime();
    const lookup = vi.fn();
    const answer = await sourceFor(runtime, { client: { ...createLivePersonClient({ allowLoopback: true }), domain: { lookup } } }).responses();
    expect(lookup).not.toHaveBeenCalled();
    expect(answer.ok && answer.responses.map((r) => r.source).sort()).toEqual(['fleet', 'personal']);
  });
});
