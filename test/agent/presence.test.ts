/**
 * Presence rules ("never Online and deaf") and drain mode: the pure rules, the guard on a fake
 * clock (idle, the last panel closing with a grace period for reloads, drain completion), and the
 * runtime against the emulator over real HTTP (drain mode end to end, surviving a worker restart;
 * Away when LivePerson stops answering).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  canRing,
  DRAIN_DONE_REASON,
  drainIsDone,
  idleAwayReason,
  PANEL_GONE_GRACE_MS,
  PANEL_GONE_REASON,
  PresenceGuard,
  SESSION_LOST_AFTER_MS,
  sessionIsLost,
  type PresenceTarget,
} from '../../src/agent/presence';
import type { AgentRuntime } from '../../src/agent/runtime';
import type { CommandResult } from '../../src/messaging/protocol';
import { emptyView, type AgentView, type ChatView } from '../../src/messaging/view';
import { Visitor } from '../emulator/visitor';
import { emulatedRuntimes, quiet } from './support';

const WAIT = { timeout: 10_000, interval: 25 };

const chat = (id: string, state: string): ChatView => ({ id, state, visitorName: 'V', visitorTyping: false, lines: [] });

function signedIn(availability: string | null, extra: Partial<AgentView> = {}): AgentView {
  return { ...emptyView, auth: { status: 'signed-in', agentName: 'Alex', accountId: '12345678' }, availability, ...extra };
}

describe('presence rules', () => {
  it('counts Online and Occupied as able to ring, and nothing while signed out', () => {
    expect(canRing(signedIn('Online'))).toBe(true);
    expect(canRing(signedIn('Occupied'))).toBe(true);
    expect(canRing(signedIn('Away'))).toBe(false);
    expect(canRing({ ...emptyView, availability: 'Online' })).toBe(false);
  });

  it('sends an Online agent Away when the computer is idle or locked, and says why', () => {
    const settings = { awayWhenIdle: true, idleSeconds: 300 };
    expect(idleAwayReason('locked', signedIn('Online'), settings)).toMatch(/computer was locked/);
    expect(idleAwayReason('idle', signedIn('Occupied'), settings)).toMatch(/for 5 minutes/);
    expect(idleAwayReason('idle', signedIn('Online'), { awayWhenIdle: true, idleSeconds: 30 })).toMatch(/for 30 seconds/);
    expect(idleAwayReason('active', signedIn('Online'), settings)).toBeUndefined();
    expect(idleAwayReason('idle', signedIn('Away'), settings)).toBeUndefined();
    expect(idleAwayReason('locked', signedIn('Online'), { awayWhenIdle: false, idleSeconds: 300 })).toBeUndefined();
  });

  it('ends drain mode once no chat is open (ended chats waiting for their survey do not count)', () => {
    const draining = { draining: true };
    expect(drainIsDone(signedIn('Occupied', { presence: draining, chats: [chat('1', 'chatting')] }))).toBe(false);
    expect(drainIsDone(signedIn('Occupied', { presence: draining, chats: [chat('1', 'ended')] }))).toBe(true);
    expect(drainIsDone(signedIn('Occupied', { presence: { draining: false }, chats: [] }))).toBe(false);
  });

  it('counts the session as lost after repeated failures and no successful poll for the ring-away window', () => {
    const t0 = 1_000_000;
    expect(sessionIsLost({ lastPollAt: t0, consecutiveFailures: 5 }, 0, t0 + SESSION_LOST_AFTER_MS - 1)).toBe(false);
    expect(sessionIsLost({ lastPollAt: t0, consecutiveFailures: 1 }, 0, t0 + 60_000)).toBe(false);
    expect(sessionIsLost({ lastPollAt: t0, consecutiveFailures: 2 }, 0, t0 + SESSION_LOST_AFTER_MS)).toBe(true);
    // Never polled: counted from the sign-in.
    expect(sessionIsLost({ consecutiveFailures: 2 }, t0, t0 + SESSION_LOST_AFTER_MS)).toBe(true);
  });
});

/** A stand-in runtime for the guard: holds a view, records the Aways it is asked for. */
class FakeTarget implements PresenceTarget {
  current: AgentView = signedIn('Online');
  readonly aways: string[] = [];
  private readonly listeners = new Set<(view: AgentView) => void>();
  view(): AgentView {
    return this.current;
  }
  subscribe(listener: (view: AgentView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(view: AgentView): void {
    this.current = view;
    for (const listener of this.listeners) listener(view);
  }
  async goAway(reason: string): Promise<CommandResult> {
    this.aways.push(reason);
    this.push({ ...this.current, availability: 'Away', presence: { draining: false, awayNotice: { reason, at: Date.now() } } });
    return { ok: true };
  }
}

describe('PresenceGuard on a fake clock', () => {
  let target: FakeTarget;
  let guard: PresenceGuard;
  beforeEach(() => {
    vi.useFakeTimers();
    target = new FakeTarget();
    guard = new PresenceGuard({ target, settings: async () => ({ awayWhenIdle: true, idleSeconds: 60 }), log: quiet });
  });
  afterEach(() => vi.useRealTimers());

  it('sets the agent Away when the last panel is gone past the grace period, not for a reload', async () => {
    guard.panelsChanged(2);
    guard.panelsChanged(1);
    guard.panelsChanged(0); // a reload…
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS - 100);
    guard.panelsChanged(1); // …comes back in time
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS * 2);
    expect(target.aways).toEqual([]);

    guard.panelsChanged(0);
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS - 1);
    expect(target.aways).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(target.aways).toEqual([PANEL_GONE_REASON]);
  });

  it('after a worker restart, sets the agent Away if the panel that was open does not come back', async () => {
    let had = false;
    const panelMemory = { hadPanel: async () => had, setHadPanel: async (value: boolean) => void (had = value) };
    const settings = async () => ({ awayWhenIdle: true, idleSeconds: 60 });
    const before = new PresenceGuard({ target, settings, log: quiet, panelMemory });
    before.panelsChanged(1);
    expect(had).toBe(true);
    // The worker stops; the tab is closed meanwhile; a new worker starts.
    const after = new PresenceGuard({ target, settings, log: quiet, panelMemory });
    await after.resumeAfterWorkerStart();
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS);
    expect(target.aways).toEqual([PANEL_GONE_REASON]);
    expect(had).toBe(false);

    // A panel that reconnects after the restart keeps the agent as they were.
    target.aways.length = 0;
    had = true;
    const again = new PresenceGuard({ target, settings, log: quiet, panelMemory });
    await again.resumeAfterWorkerStart();
    again.panelsChanged(1);
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS * 2);
    expect(target.aways).toEqual([]);
  });

  it('does nothing when no panel was ever there, or when the agent is Away already', async () => {
    guard.panelsChanged(0);
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS * 2);
    expect(target.aways).toEqual([]);
    target.push(signedIn('Away'));
    guard.panelsChanged(1);
    guard.panelsChanged(0);
    await vi.advanceTimersByTimeAsync(PANEL_GONE_GRACE_MS * 2);
    expect(target.aways).toEqual([]);
  });

  it('sets the agent Away when the computer locks, once', async () => {
    await guard.idleChanged('active');
    expect(target.aways).toEqual([]);
    await guard.idleChanged('locked');
    await guard.idleChanged('idle');
    expect(target.aways).toHaveLength(1);
    expect(target.aways[0]).toMatch(/locked/);
  });

  it('finishes drain mode when the last open chat ends, once', async () => {
    target.push(signedIn('Occupied', { presence: { draining: true }, chats: [chat('1', 'chatting'), chat('2', 'chatting')] }));
    target.push(signedIn('Occupied', { presence: { draining: true }, chats: [chat('1', 'ended'), chat('2', 'chatting')] }));
    expect(target.aways).toEqual([]);
    const done = signedIn('Occupied', { presence: { draining: true }, chats: [chat('1', 'ended'), chat('2', 'ended')] });
    // Views keep coming (polls) while the Away is on its way: one Away only.
    target.push(done);
    target.push(done);
    await vi.runAllTimersAsync();
    expect(target.aways).toEqual([DRAIN_DONE_REASON]);
  });
});


describe('drain mode and the safety net against the emulator', () => {
  const h = emulatedRuntimes();
  let skewMs = 0;
  const newRuntime = () => {
    const runtime = h.newRuntime({ now: () => Date.now() + skewMs });
    new PresenceGuard({ target: runtime, settings: async () => ({ awayWhenIdle: true, idleSeconds: 60 }), log: quiet });
    return runtime;
  };
  const signIn = (runtime: AgentRuntime) => h.signIn(runtime);
  const availabilityAtLivePerson = async () => {
    const state = (await (await fetch(`${h.emulator.baseUrl}/sandbox/state`)).json()) as { agentSessions: Array<{ availability: string }> };
    return state.agentSessions.at(-1)?.availability;
  };
  beforeEach(() => {
    skewMs = 0;
  });

  it('with no open chat, goes Away at once', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    expect(await runtime.finishChatsThenAway()).toEqual({ ok: true });
    expect(runtime.view().availability).toBe('Away');
    expect(runtime.view().presence?.draining).toBe(false);
    expect(await availabilityAtLivePerson()).toBe('Away');
  });

  it('takes no new chat while open ones go on, survives a worker restart, and goes Away when the last one ends', async () => {
    const first = newRuntime();
    await signIn(first);
    await first.setAvailability('Online');
    const dana = await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Dana' });
    await vi.waitFor(() => expect(first.view().ringing.count).toBe(1), WAIT);
    expect(await first.acceptChat()).toEqual({ ok: true });

    expect(await first.finishChatsThenAway()).toEqual({ ok: true });
    expect(first.view()).toMatchObject({ availability: 'Occupied', presence: { draining: true } });
    expect(await availabilityAtLivePerson()).toBe('Occupied');

    // No new chat is routed to a draining agent.
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Marco' });
    const afterMarco = Date.now();
    await vi.waitFor(() => expect(first.view().health.lastPollAt).toBeGreaterThan(afterMarco), WAIT);
    expect(first.view().ringing.count).toBe(0);
    const sessions = ((await (await fetch(`${h.emulator.baseUrl}/sandbox/state`)).json()) as { agentSessions: Array<{ ringing: number }> }).agentSessions;
    expect(sessions.at(-1)?.ringing).toBe(0);
    const chatId = first.view().chats[0]!.id;
    expect(await first.sendLine(chatId, 'One more thing and I am done.')).toEqual({ ok: true });
    await dana.waitFor((v) => v.lines().some((l) => l.text === 'One more thing and I am done.'), 8_000);

    // The browser stops the worker; the next one keeps draining.
    await first.stop();
    const second = newRuntime();
    await second.restore();
    expect(second.view().presence?.draining).toBe(true);

    await dana.end();
    await vi.waitFor(() => expect(second.view().availability).toBe('Away'), WAIT);
    expect(second.view().presence).toEqual({ draining: false, awayNotice: { reason: DRAIN_DONE_REASON, at: expect.any(Number) } });
    expect(await availabilityAtLivePerson()).toBe('Away');
  });

  it('an explicit availability change ends drain mode', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Kim' });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), WAIT);
    await runtime.acceptChat();
    await runtime.finishChatsThenAway();
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    expect(runtime.view().presence).toEqual({ draining: false, awayNotice: undefined });
  });

  it('sets the agent Away, and says why, when LivePerson stops answering the polls', async () => {
    const runtime = newRuntime();
    await signIn(runtime);
    await runtime.setAvailability('Online');
    await vi.waitFor(() => expect(runtime.view().health.lastPollAt).toBeDefined(), WAIT);
    // Polls now fail (rate limited, retried after 1 s); availability changes still get through.
    h.emulator.faults.set({ rate: 1, kinds: ['429'], sides: ['agent'], methods: ['GET'], pathPattern: 'incomingRequests', latencyMs: 0, retryAfterSeconds: 0 });
    await vi.waitFor(() => expect(runtime.view().health.problem).toBeDefined(), WAIT);
    expect(runtime.view().availability).toBe('Online'); // one failure is not a lost session
    skewMs = SESSION_LOST_AFTER_MS; // the clock moves on while no poll succeeds
    await vi.waitFor(() => expect(runtime.view().availability).toBe('Away'), WAIT);
    expect(runtime.view().presence?.awayNotice?.reason).toMatch(/^Agent Dock lost contact with LivePerson \(.+\), so it set you Away/);
    expect(await availabilityAtLivePerson()).toBe('Away');
  });
});
