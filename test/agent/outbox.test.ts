/**
 * The outbox against the emulator with targeted faults on the line POST: a lost answer is
 * reconciled instead of resent, a dropped request is resent, 5xx waits for the retry delay (a
 * movable clock instead of real waiting), a 4xx fails for good with Retry and Discard, and a line
 * caught mid-request by a worker stop arrives exactly once; an expired login is refreshed, or the
 * line waits for its backoff while it cannot be. A journal of state writes, line POSTs
 * and pushed views shows what a line waits on before its POST leaves.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentRuntime } from '../../src/agent/runtime';
import type { AgentState } from '../../src/agent/state';
import type { AgentView } from '../../src/messaging/view';
import type { FaultKind } from '../emulator/faults';
import { Visitor } from '../emulator/visitor';
import { emulatedRuntimes, memoryStore } from './support';

const WAIT = { timeout: 8_000, interval: 25 };

/** In order: a state write (a copy), a line POST leaving or answered, a view pushed (its line texts). */
type JournalEntry =
  | { kind: 'save'; state: AgentState }
  | { kind: 'post' | 'answer'; text: string }
  | { kind: 'view'; texts: string[] };

const viewTexts = (view: AgentView) => view.chats.flatMap((chat) => chat.lines.map((line) => line.text));
const outboxEntry = (state: AgentState, text: string) => state.chats.flatMap((chat) => chat.outbox).find((entry) => entry.text === text);

describe('outbox', () => {
  const h = emulatedRuntimes();
  let clockOffset: number;
  /** The browser's network: when false, every request fails as fetch does offline. */
  let networkUp: boolean;
  let journal: JournalEntry[];
  let pollEveryMs: number;
  /** The interval the poll loop read last, and the journal's length then. */
  let intervalRead: { ms: number; at: number } | undefined;
  const newRuntime = () => {
    const runtime = h.newRuntime({
      pollIntervalMs: async () => {
        intervalRead = { ms: pollEveryMs, at: journal.length };
        return pollEveryMs;
      },
      now: () => Date.now() + clockOffset,
    });
    runtime.subscribe((view) => journal.push({ kind: 'view', texts: viewTexts(view) }));
    return runtime;
  };

  /**
   * Polls once a minute from now on: returns once the first poll that read the new interval is
   * saved (polls never overlap, so no poll writes again for a minute).
   */
  async function pollRarely(): Promise<void> {
    pollEveryMs = 60_000;
    await vi.waitFor(() => {
      expect(intervalRead?.ms).toBe(60_000);
      expect(journal.slice(intervalRead!.at).some((entry) => entry.kind === 'save')).toBe(true);
    }, WAIT);
  }

  /**
   * From the journal entry `since` (taken when the command was given) to the next POST of the line
   * `text`: the writes and the views that hold the line, and what came right after that POST.
   */
  const beforePost = (text: string, since: number) => {
    const until = journal.findIndex((entry, index) => index >= since && entry.kind === 'post' && entry.text === text);
    if (until < 0) throw new Error(`No POST of ${JSON.stringify(text)} in the journal`);
    const about = journal.slice(since, until).filter((entry) =>
      entry.kind === 'save' ? !!outboxEntry(entry.state, text) : entry.kind === 'view' ? entry.texts.includes(text) : false,
    );
    return { about, next: journal[until + 1] };
  };

  beforeEach(() => {
    clockOffset = 0;
    networkUp = true;
    journal = [];
    pollEveryMs = 50;
    intervalRead = undefined;
    h.store = memoryStore((state) => journal.push({ kind: 'save', state: structuredClone(state) }));
    const jar = h.fetch;
    h.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const event = init?.method === 'POST' && typeof init.body === 'string' ? (JSON.parse(init.body) as { event?: { '@type'?: string; text?: string } }).event : undefined;
      const line = event?.['@type'] === 'line' ? event.text : undefined;
      if (line !== undefined) journal.push({ kind: 'post', text: line });
      const response = networkUp ? jar(input, init) : Promise.reject(new TypeError('Failed to fetch'));
      if (line !== undefined) void response.finally(() => journal.push({ kind: 'answer', text: line })).catch(() => {});
      return response;
    }) as typeof fetch;
  });

  async function chatting(runtime: AgentRuntime): Promise<{ chatId: string; visitor: Visitor }> {
    await h.signIn(runtime);
    await runtime.setAvailability('Online');
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Ola' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    return { chatId: runtime.view().chats[0]!.id, visitor };
  }

  /** The next line POST (only) gets this fault. */
  const faultNextLinePost = (kind: FaultKind) =>
    h.emulator.faults.set({ rate: 1, kinds: [kind], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 0, retryAfterSeconds: 1, maxFaults: 1 });

  const agentLines = (runtime: AgentRuntime) => runtime.view().chats[0]!.lines.filter((l) => l.source === 'agent');
  const summary = (runtime: AgentRuntime) => agentLines(runtime).map((l) => [l.text, l.delivery ?? 'sent']);
  const linesOnVisitorSide = async (visitor: Visitor, text: string) => {
    await visitor.poll();
    return visitor.lines().filter((l) => l.text === text).length;
  };

  it('saves a line once, already as being sent, before its POST leaves; the views follow the POST', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    await pollRarely(); // no poll's write in between
    const since = journal.length;
    expect(await runtime.sendLine(chatId, 'Right away.', false, 'ui-line-1')).toEqual({ ok: true });
    const { about, next } = beforePost('Right away.', since);
    // One write, and it already holds the attempt: a worker stopped after it reconciles the line
    // (never resends it blindly) and knows the UI's id (never queues it twice).
    expect(about.map((entry) => entry.kind)).toEqual(['save']);
    const write = about[0] as Extract<JournalEntry, { kind: 'save' }>;
    expect(outboxEntry(write.state, 'Right away.')).toMatchObject({ status: 'sending', attempts: 1 });
    expect(write.state.chats[0]!.queuedClientIds).toEqual(['ui-line-1']);
    // The tabs hear of the line once its request has left, not before.
    expect(next).toEqual({ kind: 'view', texts: expect.arrayContaining(['Right away.']) });
    expect(await linesOnVisitorSide(visitor, 'Right away.')).toBe(1);
  });

  it('saves a line typed while another is being sent at once, and sends it next', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    await pollRarely(); // no poll's write saves the second line for it
    h.emulator.faults.set({ rate: 1, kinds: ['latency'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 400, retryAfterSeconds: 1, maxFaults: 1 });
    const first = runtime.sendLine(chatId, 'first');
    await vi.waitFor(() => expect(journal).toContainEqual({ kind: 'post', text: 'first' }), WAIT);
    const second = runtime.sendLine(chatId, 'second');
    expect(await Promise.all([first, second])).toEqual([{ ok: true }, { ok: true }]);
    // Saved while the first was still out, not only when its turn came.
    const savedSecond = journal.findIndex((entry) => entry.kind === 'save' && outboxEntry(entry.state, 'second'));
    expect(savedSecond).toBeGreaterThan(-1);
    expect(savedSecond).toBeLessThan(journal.findIndex((entry) => entry.kind === 'answer' && entry.text === 'first'));
    expect(journal.findIndex((entry) => entry.kind === 'post' && entry.text === 'second')).toBeGreaterThan(
      journal.findIndex((entry) => entry.kind === 'answer' && entry.text === 'first'),
    );
    await visitor.waitFor((v) => v.lines().filter((l) => l.source === 'agent').length === 2);
    expect(visitor.lines().filter((l) => l.source === 'agent').map((l) => l.text)).toEqual(['first', 'second']);
    expect(summary(runtime)).toEqual([['first', 'sent'], ['second', 'sent']]);
  });

  it('reconciles a line whose answer was lost instead of sending it again', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    faultNextLinePost('lost-response');
    expect(await runtime.sendLine(chatId, 'Your refund is on its way.')).toEqual({ ok: true });
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['Your refund is on its way.', 'sent']]), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300)); // several more cycles: still once
    expect(agentLines(runtime)).toHaveLength(1);
    expect(await linesOnVisitorSide(visitor, 'Your refund is on its way.')).toBe(1);
    expect(h.emulator.requests.list({ side: 'agent' }).filter((r) => r.method === 'POST' && r.path.endsWith('/events'))).toHaveLength(1);
  });

  it('sends a dropped line again once the events show it never arrived', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    faultNextLinePost('drop');
    await runtime.sendLine(chatId, 'One moment please.');
    expect(agentLines(runtime)[0]).toMatchObject({ delivery: 'pending' });
    clockOffset += 6_000; // past the first retry delay (5 s ± 10 %)
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['One moment please.', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'One moment please.')).toBe(1);
  });

  it('waits for the retry delay after a 503, keeping later lines behind the first', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    faultNextLinePost('503');
    await runtime.sendLine(chatId, 'first');
    await runtime.sendLine(chatId, 'second');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agentLines(runtime).map((l) => [l.text, l.delivery])).toEqual([
      ['first', 'pending'],
      ['second', 'pending'],
    ]);
    expect(agentLines(runtime)[0]!.problem).toMatch(/503/);
    clockOffset += 6_000;
    await vi.waitFor(() => expect(agentLines(runtime).map((l) => [l.text, l.delivery])).toEqual([['first', undefined], ['second', undefined]]), WAIT);
    await visitor.waitFor((v) => v.lines().filter((l) => l.source === 'agent').length === 2);
    expect(visitor.lines().filter((l) => l.source === 'agent').map((l) => l.text)).toEqual(['first', 'second']);
  });

  it('marks a line failed on a permanent error; Retry sends it, Discard drops it', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    h.emulator.faults.set({ rate: 1, kinds: ['503'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 0, retryAfterSeconds: 1 });
    await runtime.sendLine(chatId, 'keep trying');
    for (let i = 0; i < 4; i++) {
      clockOffset += 20_000;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await vi.waitFor(() => expect(agentLines(runtime)[0]).toMatchObject({ text: 'keep trying', delivery: 'failed' }), WAIT);
    expect(agentLines(runtime)[0]!.problem).toMatch(/503/);
    h.emulator.faults.set(undefined);
    const localId = agentLines(runtime)[0]!.id.replace('pending:', '');
    const since = journal.length;
    expect(await runtime.retryLine(chatId, localId)).toEqual({ ok: true });
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['keep trying', 'sent']]), WAIT);
    // Retry too waits on one write, which already holds the new attempt.
    const retried = beforePost('keep trying', since).about;
    expect(retried.map((entry) => entry.kind)).toEqual(['save']);
    expect(outboxEntry((retried[0] as Extract<JournalEntry, { kind: 'save' }>).state, 'keep trying')).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await linesOnVisitorSide(visitor, 'keep trying')).toBe(1);

    await visitor.end();
    await vi.waitFor(() => expect(runtime.view().chats[0]!.state).toBe('ended'), WAIT);
    // An ended chat takes no lines: refused before it is queued.
    expect(await runtime.sendLine(chatId, 'too late')).toEqual({ ok: false, message: 'The chat has ended.' });
  });

  it('fails a line for good on a 4xx, and lets the agent discard it', async () => {
    const runtime = newRuntime();
    const { chatId } = await chatting(runtime);
    // A 409 (the chat ended under us) is not retried: end the chat behind the runtime's back.
    const chat = runtime.view().chats[0]!;
    expect(chat.state).toBe('chatting');
    const ended = await h.fetch(`${h.store.saved!.chats[0]!.chatUrl}/events?v=1&NC=true`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.store.saved!.connection!.bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: { '@type': 'state', state: 'ended' } }),
    });
    expect(ended.status).toBe(201);
    await runtime.sendLine(chatId, 'after the end');
    const failed = agentLines(runtime).find((l) => l.text === 'after the end');
    if (failed) {
      expect(failed).toMatchObject({ delivery: 'failed' });
      expect(failed.problem).toMatch(/409/);
      expect(await runtime.discardLine(chatId, failed.id.replace('pending:', ''))).toEqual({ ok: true });
      expect(agentLines(runtime).find((l) => l.text === 'after the end')).toBeUndefined();
    } else {
      // The poll saw the end first: the line was refused before it was queued.
      expect(runtime.view().chats[0]!.state).toBe('ended');
    }
  });

  it('delivers exactly once a line caught mid-request by a worker stop', async () => {
    const first = newRuntime();
    const { chatId, visitor } = await chatting(first);
    // The request is applied, but the worker is gone before the answer arrives.
    h.emulator.faults.set({ rate: 1, kinds: ['latency'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 400, retryAfterSeconds: 1, maxFaults: 1 });
    void first.sendLine(chatId, 'sent as the worker stopped');
    await vi.waitFor(() => expect(h.store.saved!.chats[0]!.outbox[0]).toMatchObject({ status: 'sending' }), WAIT);
    await first.stop();
    const second = newRuntime();
    await second.restore();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vi.waitFor(() => expect(summary(second)).toEqual([['sent as the worker stopped', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'sent as the worker stopped')).toBe(1);
  });

  it('queues once a line the UI sends again because the stopped worker never answered (same client id)', async () => {
    const first = newRuntime();
    const { chatId, visitor } = await chatting(first);
    // The first worker queued the line and may have sent it, then stopped before answering the UI.
    h.emulator.faults.set({ rate: 1, kinds: ['latency'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 400, retryAfterSeconds: 1, maxFaults: 1 });
    void first.sendLine(chatId, 'said once', false, 'ui-line-1');
    await vi.waitFor(() => expect(h.store.saved!.chats[0]!.outbox[0]).toMatchObject({ status: 'sending' }), WAIT);
    await first.stop();
    // The UI's resend reaches the next worker, which knows the id.
    const second = newRuntime();
    expect(await second.sendLine(chatId, 'said once', false, 'ui-line-1')).toEqual({ ok: true });
    expect(await second.sendLine(chatId, 'said once', false, 'ui-line-1')).toEqual({ ok: true });
    await vi.waitFor(() => expect(summary(second)).toEqual([['said once', 'sent']]), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300)); // several more cycles: still once
    expect(await linesOnVisitorSide(visitor, 'said once')).toBe(1);
    // A new line with the same text but its own id is a new line.
    expect(await second.sendLine(chatId, 'said once', false, 'ui-line-2')).toEqual({ ok: true });
    await vi.waitFor(async () => expect(await linesOnVisitorSide(visitor, 'said once')).toBe(2), WAIT);
  });

  it('resends to the new agent session a line whose request went to a session the poll loop replaced meanwhile', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    const oldSession = h.store.saved!.connection!.sessionUrl;
    // The line's request is slow; while it is out, the agent session expires and the poll loop
    // starts a new one. The old session then answers the line with a 404.
    h.emulator.faults.set({ rate: 1, kinds: ['latency'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 600, retryAfterSeconds: 1, maxFaults: 1 });
    const sent = runtime.sendLine(chatId, 'sent across a session restart');
    await vi.waitFor(() => expect(h.store.saved!.chats[0]!.outbox[0]).toMatchObject({ status: 'sending' }), WAIT);
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    await vi.waitFor(() => expect(h.store.saved!.connection!.sessionUrl).not.toBe(oldSession), WAIT);
    await sent;
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['sent across a session restart', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'sent across a session restart')).toBe(1);
  });

  it('refreshes the login when checking a lost session meets an expired bearer, and still delivers the line', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    await pollRarely();
    // The line's request is slow; while it is out, the agent session expires (so it gets a 404),
    // and the session check that follows finds the bearer expired (a 401).
    h.emulator.faults.set({ rate: 1, kinds: ['latency'], sides: ['agent'], methods: ['POST'], pathPattern: '/events$', latencyMs: 600, retryAfterSeconds: 1, maxFaults: 1 });
    const sent = runtime.sendLine(chatId, 'sent across an expired login');
    await vi.waitFor(() => expect(journal.some((entry) => entry.kind === 'post' && entry.text === 'sent across an expired login')).toBe(true), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 150)); // the POST has reached the emulator
    h.emulator.faults.set({ rate: 1, kinds: ['expire-bearer'], sides: ['agent'], methods: ['GET'], pathPattern: '/agentSession/[^/]+$', latencyMs: 0, retryAfterSeconds: 1, maxFaults: 1 });
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    await sent;
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['sent across an expired login', 'sent']]), WAIT);
    expect(h.emulator.faults.status().injected.total).toBe(1);
    expect(runtime.view().auth.status).toBe('signed-in');
    expect(await linesOnVisitorSide(visitor, 'sent across an expired login')).toBe(1);
  });

  it('retries with its backoff, not at once, a line whose expired login could not be refreshed for now', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    // The bearer expires, and the login service fails every refresh until the test lifts it.
    h.emulator.faults.set({ rate: 1, kinds: ['503'], sides: ['login'], pathPattern: '/refresh$', latencyMs: 0, retryAfterSeconds: 1 });
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    await runtime.sendLine(chatId, 'after the login service is back');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(journal.filter((entry) => entry.kind === 'post').map((entry) => (entry as { text: string }).text)).toEqual(['after the login service is back']);
    expect(summary(runtime)).toEqual([['after the login service is back', 'pending']]);
    expect(agentLines(runtime)[0]!.problem).toMatch(/503/);
    h.emulator.faults.set(undefined);
    clockOffset += 6_000;
    // The next poll refreshes the login and brings the line back.
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['after the login service is back', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'after the login service is back')).toBe(1);
  });

  it('sends to the new agent session when the chats it holds could not be read while it started', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    const oldSession = h.store.saved!.connection!.sessionUrl;
    // The session expires; when the poll loop starts a new one, reading the held chats fails once.
    h.emulator.faults.set({ rate: 1, kinds: ['500'], sides: ['agent'], methods: ['GET'], pathPattern: '/chatSessions$', latencyMs: 0, retryAfterSeconds: 1, maxFaults: 1 });
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    await vi.waitFor(() => expect(h.store.saved!.connection!.sessionUrl).not.toBe(oldSession), WAIT);
    expect(await runtime.sendLine(chatId, 'after a restart with no chat list')).toEqual({ ok: true });
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['after a restart with no chat list', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'after a restart with no chat list')).toBe(1);
  });

  it('resends, after the window in which it could still land, a line that a worker stop really lost', async () => {
    const first = newRuntime();
    const { chatId, visitor } = await chatting(first);
    // The worker stopped while the line was being sent, and the request never reached LivePerson.
    await first.stop();
    h.store.saved!.chats[0]!.outbox.push({ localId: 'x1', text: 'lost with the worker', status: 'sending', afterEventId: h.store.saved!.chats[0]!.lastEventId, attempts: 1, attemptStartedAt: Date.now() });
    const second = newRuntime();
    await second.restore();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(summary(second)).toEqual([['lost with the worker', 'pending']]); // not yet: it might still land
    clockOffset += 26_000;
    await vi.waitFor(() => expect(summary(second)).toEqual([['lost with the worker', 'sent']]), WAIT);
    expect(await linesOnVisitorSide(visitor, 'lost with the worker')).toBe(1);
    expect(second.view().chats[0]!.id).toBe(chatId);
  });

  it('keeps the draft of a chat across worker restarts, and clears it when the line is sent', async () => {
    const first = newRuntime();
    const { chatId } = await chatting(first);
    await first.saveDraft(chatId, 'half-written ans');
    await first.stop();
    const second = newRuntime();
    await second.restore();
    expect(second.view().chats[0]!.draft).toBe('half-written ans');
    await second.sendLine(chatId, 'half-written answer');
    expect(second.view().chats[0]!.draft).toBeUndefined();
  });

  it('goes quiet while the browser is offline, then polls and sends the queued line at once when it is back', async () => {
    const runtime = newRuntime();
    const { chatId, visitor } = await chatting(runtime);
    networkUp = false;
    await runtime.networkChanged(false);
    expect(runtime.view().health.problem).toMatch(/offline/i);
    // A request sent just before the network went may still land: let those arrive first.
    for (let mark = h.emulator.requests.mark(), i = 0; i < 20; i++, mark = h.emulator.requests.mark()) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (h.emulator.requests.list({ since: mark }).length === 0) break;
    }
    const mark = h.emulator.requests.mark();
    await runtime.sendLine(chatId, 'typed on the train');
    expect(summary(runtime)).toEqual([['typed on the train', 'pending']]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.emulator.requests.list({ since: mark })).toEqual([]); // and nothing reached the server anyway
    networkUp = true;
    await runtime.networkChanged(true);
    // No clock moved: the line goes on the online event, not after its 5 s backoff.
    await vi.waitFor(() => expect(summary(runtime)).toEqual([['typed on the train', 'sent']]), WAIT);
    expect(runtime.view().health.problem).toBeUndefined();
    expect(await linesOnVisitorSide(visitor, 'typed on the train')).toBe(1);
  });
});
