/**
 * The poll loop on its own, on a clock the test moves, with a conversation service the test
 * answers for (what LivePerson says is tested against the emulator: recovery.test.ts,
 * runtime.test.ts): pacing start to start, backoff by the retry policy, a crash that does not stop
 * the loop, offline turns, and the early return when LivePerson answers again.
 */
import { describe, expect, it, vi } from 'vitest';
import { AgentStore } from '../../src/agent/agent-store';
import { ConnectionLifecycle } from '../../src/agent/connection';
import type { ConversationService } from '../../src/agent/conversation-service';
import { Poller } from '../../src/agent/poller';
import type { Connection } from '../../src/agent/state';
import { ManualClock } from './manual-clock';
import { memoryStore, quiet } from './support';

const INTERVAL = 2_000;
const unavailable = { ok: false as const, error: { kind: 'http' as const, status: 503, message: 'Service Unavailable' } };

function setUp(service: Partial<ConversationService>, { offline = false, goAway = async () => ({ ok: true }) }: { offline?: boolean; goAway?: () => Promise<{ ok: boolean }> } = {}) {
  const clock = new ManualClock(1_000_000);
  const store = new AgentStore(memoryStore());
  store.state.connection = { origin: 'https://va.example', sessionUrl: 's1', refreshedAt: clock.now(), loginAt: clock.now() } as Connection;
  store.state.availability = 'Away';
  const full = service as ConversationService;
  const connection = new ConnectionLifecycle({ store, service: full, log: quiet, now: () => clock.now(), stopPolling: () => poller.cancel() });
  const poller: Poller = new Poller({
    store,
    service: full,
    connection,
    clock,
    log: quiet,
    pollIntervalMs: async () => INTERVAL,
    isOffline: () => offline,
    flushOutbox: () => {},
    goAway,
  });
  /** Runs the due cycle to its end; answers the delay to the next. */
  const cycle = async (): Promise<number> => {
    clock.advanceTo(poller.nextCycleAt!);
    await vi.waitFor(() => expect(poller.nextCycleAt).toBeDefined());
    return poller.nextCycleAt! - clock.now();
  };
  return { clock, store, poller, cycle };
}

describe('Poller', () => {
  it('spaces cycles start to start: a slow cycle does not push the next one back', async () => {
    let clockRef: ManualClock;
    const { poller, cycle, clock } = setUp({
      incomingWork: async () => {
        clockRef.advanceBy(500); // the request took half a second
        return { ok: true, value: { ringing: 0 } };
      },
    });
    clockRef = clock;
    poller.schedule(0);
    expect(await cycle()).toBe(INTERVAL - 500);
  });

  it('backs off 5, 10, 15 s, then the slow retry, and starts over after a good cycle', async () => {
    let failing = true;
    const { poller, cycle, store } = setUp({ incomingWork: async () => (failing ? unavailable : { ok: true, value: { ringing: 0 } }) });
    poller.schedule(0);
    const delays = [await cycle(), await cycle(), await cycle(), await cycle()];
    const bases = [5_000, 10_000, 15_000, 120_000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(bases[i]! * 0.9 - 1);
      expect(delay).toBeLessThanOrEqual(bases[i]! * 1.1 + 1);
    });
    expect(store.state.health.consecutiveFailures).toBe(4);
    failing = false;
    expect(await cycle()).toBe(INTERVAL);
    expect(store.state.health.consecutiveFailures).toBe(0);
    expect(store.state.health.problem).toBeUndefined();
  });

  it('comes back within one interval when another call is answered during a backoff, and not while healthy', async () => {
    const { poller, cycle, clock } = setUp({ incomingWork: async () => unavailable });
    poller.schedule(0);
    for (let i = 0; i < 4; i++) await cycle();
    expect(poller.nextCycleAt! - clock.now()).toBeGreaterThan(100_000);
    clock.advanceBy(3_000);
    poller.heard();
    expect(poller.nextCycleAt).toBe(clock.now() + INTERVAL);

    const healthy = setUp({ incomingWork: async () => ({ ok: true, value: { ringing: 0 } }) });
    healthy.poller.schedule(0);
    await healthy.cycle();
    const due = healthy.poller.nextCycleAt;
    healthy.poller.heard();
    expect(healthy.poller.nextCycleAt).toBe(due);
  });

  it('counts an answer that comes while a failing cycle finishes, but not one from before its failure', async () => {
    let poller: Poller | undefined;
    // Before the failure: the cycle's own request then failed, so the outage goes on.
    const before = setUp({
      incomingWork: async () => {
        poller!.heard();
        return unavailable;
      },
    });
    poller = before.poller;
    before.poller.schedule(0);
    for (let i = 0; i < 4; i++) await before.cycle();
    expect(before.poller.nextCycleAt! - before.clock.now()).toBeGreaterThan(100_000);

    // After it (here: the automatic Away that "never Online and deaf" sets is answered).
    const after = setUp(
      { incomingWork: async () => unavailable },
      {
        goAway: async () => {
          poller!.heard();
          return { ok: true };
        },
      },
    );
    poller = after.poller;
    after.store.state.availability = 'Online';
    after.store.state.connection!.loginAt = after.clock.now() - 60_000;
    after.poller.schedule(0);
    await after.cycle(); // one failure: not lost yet
    const delay = await after.cycle(); // two failures and a minute without a poll: Away, answered
    expect(delay).toBe(INTERVAL);
  });

  it('survives a crash in a cycle: says so, and tries again 5 s later', async () => {
    const { poller, cycle, store } = setUp({
      incomingWork: async () => {
        throw new Error('a bug');
      },
    });
    poller.schedule(0);
    expect(await cycle()).toBe(5_000);
    expect(store.state.health.problem).toMatch(/internal error/);
  });

  it('calls nothing while the browser is offline, and keeps its turn', async () => {
    const incomingWork = vi.fn(async () => ({ ok: true as const, value: { ringing: 0 } }));
    const { poller, cycle } = setUp({ incomingWork }, { offline: true });
    poller.schedule(0);
    expect(await cycle()).toBe(INTERVAL);
    expect(incomingWork).not.toHaveBeenCalled();
  });

  it('a push protocol’s wake runs a cycle now, not at the interval; a wake during a cycle runs one right after it', async () => {
    let cycles = 0;
    let release: (() => void) | undefined;
    const { poller, clock } = setUp({
      incomingWork: async () => {
        cycles += 1;
        if (cycles === 2) await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, value: { ringing: 0 } };
      },
    });
    poller.schedule(INTERVAL);
    poller.wake();
    expect(poller.nextCycleAt).toBe(clock.now());
    clock.advanceBy(0);
    await vi.waitFor(() => expect(cycles).toBe(1));
    await vi.waitFor(() => expect(poller.nextCycleAt).toBe(clock.now() + INTERVAL));
    poller.wake();
    clock.advanceBy(0);
    await vi.waitFor(() => expect(release).toBeDefined());
    poller.wake(); // news while the cycle is out
    release!();
    await vi.waitFor(() => expect(poller.nextCycleAt).toBe(clock.now()));
  });
});
