/**
 * Recovery within one interval (issue 20), against the emulator over real HTTP with its fault
 * injection, the poll loop on a clock the test moves:
 * - during an outage each failing poll follows LivePerson's retry policy (5, 10, 15 s, then the
 *   slow retry of about 2 minutes), and nothing is called while it waits;
 * - once LivePerson answers a call again (here: the agent's line), the open chat gets the visitor's
 *   lines within one poll interval of that answer, not at the end of the slow retry;
 * - a rate limit's Retry-After still holds the loop back, whatever else answers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentRuntime } from '../../src/agent/runtime';
import { RETRY_JITTER, SLOW_RETRY_MS } from '../../src/agent/retry-policy';
import { Visitor } from '../emulator/visitor';
import { ManualClock } from './manual-clock';
import { emulatedRuntimes } from './support';

const INTERVAL_MS = 2_000;
const WAIT = { timeout: 15_000, interval: 10 };

describe('recovery after an outage', () => {
  const h = emulatedRuntimes();
  let clock: ManualClock;
  let runtime: AgentRuntime;
  const faults = (plan: unknown) => fetch(`${h.emulator.baseUrl}/sandbox/faults`, { method: plan ? 'PUT' : 'DELETE', body: plan ? JSON.stringify(plan) : undefined });
  const agentRequests = (since: number) => h.emulator.requests.list({ since, side: 'agent' });

  /** Fires the next poll cycle and waits until it is over (the next one is scheduled). Answers the delay to it. */
  async function cycle(): Promise<number> {
    const due = runtime.nextPollAt();
    expect(due).toBeDefined();
    clock.advanceTo(due!);
    await vi.waitFor(() => expect(runtime.nextPollAt()).toBeDefined(), WAIT);
    return runtime.nextPollAt()! - clock.now();
  }

  beforeEach(async () => {
    clock = new ManualClock();
    runtime = h.newRuntime({ clock, pollIntervalMs: async () => INTERVAL_MS });
    expect(await h.signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
  });

  async function chatWith(name: string): Promise<{ chatId: string; visitor: Visitor }> {
    const visitor = await Visitor.start({ baseUrl: h.emulator.baseUrl, name });
    await vi.waitFor(async () => {
      await cycle();
      expect(runtime.view().ringing.count).toBeGreaterThan(0);
    }, WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    return { chatId: runtime.view().chats[0]!.id, visitor };
  }

  const near = (ms: number) => [Math.floor(ms * (1 - RETRY_JITTER)) - 50, Math.ceil(ms * (1 + RETRY_JITTER)) + 50] as const;

  it('brings the lines within one interval of the first answer after four failed polls, each failure paced by the retry policy', async () => {
    const { chatId, visitor } = await chatWith('Uma');
    await faults({ rate: 1, kinds: ['503'], sides: ['agent'] });
    // Four polls fail: LivePerson's 5, 10, 15 s, then the slow retry.
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) delays.push(await cycle());
    for (const [delay, base] of delays.map((d, i) => [d, [5_000, 10_000, 15_000, SLOW_RETRY_MS][i]!] as const)) {
      const [low, high] = near(base);
      expect(delay).toBeGreaterThanOrEqual(low);
      expect(delay).toBeLessThanOrEqual(high);
    }
    expect(runtime.view().health.problem).toMatch(/not answering/);

    // LivePerson is back; the visitor writes. The loop still waits out its slow retry: no call.
    await faults(null);
    await visitor.sendLine('hello? anyone there?');
    const mark = h.emulator.requests.mark();
    clock.advanceBy(10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(agentRequests(mark)).toHaveLength(0);
    expect(runtime.nextPollAt()! - clock.now()).toBeGreaterThan(near(SLOW_RETRY_MS)[0] - 10_000 - 100);

    // The agent's line is the first call LivePerson answers: from then on, one interval at most.
    expect(await runtime.sendLine(chatId, 'I am here')).toEqual({ ok: true });
    const answeredAt = clock.now();
    expect(runtime.nextPollAt()).toBeLessThanOrEqual(answeredAt + INTERVAL_MS);
    await cycle();
    expect(clock.now()).toBeLessThanOrEqual(answeredAt + INTERVAL_MS);
    const lines = runtime.view().chats[0]!.lines.map((l) => l.text);
    expect(lines).toContain('hello? anyone there?');
    expect(lines).toContain('I am here');
    expect(runtime.view().health.problem).toBeUndefined();
  }, 60_000);

  it('with no other call, the slow retry’s own poll is the first answer and brings the lines in that cycle', async () => {
    const { visitor } = await chatWith('Vic');
    await faults({ rate: 1, kinds: ['503'], sides: ['agent'] });
    for (let i = 0; i < 4; i++) await cycle();
    await faults(null);
    await visitor.sendLine('still there?');
    await cycle();
    expect(runtime.view().chats[0]!.lines.map((l) => l.text)).toContain('still there?');
  }, 60_000);

  it('keeps to a Retry-After even when another call is answered meanwhile', async () => {
    const { chatId } = await chatWith('Wes');
    await faults({ rate: 1, kinds: ['429'], sides: ['agent'], pathPattern: '/incomingRequests$', retryAfterSeconds: 30, maxFaults: 1 });
    const delay = await cycle();
    expect(delay).toBeGreaterThanOrEqual(30_000 - 100);
    await faults(null);
    expect(await runtime.sendLine(chatId, 'while rate-limited')).toEqual({ ok: true });
    expect(runtime.nextPollAt()! - clock.now()).toBeGreaterThanOrEqual(30_000 - 100);
  }, 60_000);
});
