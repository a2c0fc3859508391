/**
 * Reply-due in the background: the badge counts red chats (after rings, before the open chats),
 * a wait gone red is announced once while the agent is elsewhere, and never again after a worker
 * restart (the keys live in storage.session); a new wait after an answer is announced again.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_COLORS, badgeFor } from '../../src/agent/alerts';
import { ANNOUNCED_KEY, keysToKeep, replyDueMessage, wireReplyDue } from '../../src/agent/reply-due-alerts';
import { emptyView, type AgentView, type ChatView, type LineView } from '../../src/messaging/view';
import { ManualClock } from './manual-clock';

const T0 = Date.UTC(2026, 11, 6, 22, 0, 0);
const line = (id: string, source: LineView['source'], at: number): LineView => ({
  id, source, by: source, text: `line ${id}`, textType: 'plain', time: new Date(at).toISOString(), clock: '22:00',
});
const chat = (id: string, lines: LineView[], visitorName = 'Dana'): ChatView => ({ id, state: 'chatting', visitorName, visitorTyping: false, lines });
const view = (chats: ChatView[]): AgentView => ({ ...emptyView, version: 1, auth: { status: 'signed-in' }, availability: 'Online', chats });

function start(clock: ManualClock, onPanel = false) {
  let listener: ((v: AgentView) => void) | undefined;
  const alerts = { red: 0, announced: [] as string[], setReplyDueRed: (n: number) => void (alerts.red = n), announceReplyDue: async (m: string) => void alerts.announced.push(m) };
  wireReplyDue({
    runtime: { subscribe: (l) => (listener = l) },
    alerts,
    agentIsOnAPanel: async () => onPanel,
    log: { warn: () => {} },
    clock,
  });
  return { alerts, push: (v: AgentView) => listener!(v) };
}

beforeEach(() => fakeBrowser.reset());

describe('reply-due alerts in the background', () => {
  it('puts the red count on the badge after rings, before the unhealthy mark and the open chats', () => {
    const signedIn = view([chat('1', [])]);
    expect(badgeFor(signedIn, 2)).toMatchObject({ text: '2', color: '#b3261e' });
    expect(badgeFor(signedIn, 2).title).toContain('2 chats waiting too long');
    expect(badgeFor({ ...signedIn, ringing: { count: 1, since: 1 } }, 2)).toMatchObject({ text: '1', color: BADGE_COLORS.ringing });
    expect(badgeFor(signedIn, 0)).toMatchObject({ text: '1', color: BADGE_COLORS.chats });
  });

  it('announces a wait once when it goes red, and a restarted worker does not announce it again', async () => {
    const clock = new ManualClock(T0 + 10_000);
    const first = start(clock);
    const waiting = view([chat('c1', [line('1', 'visitor', T0)]), chat('c2', [line('2', 'visitor', T0), line('3', 'agent', T0 + 1000)], 'Luis')]);
    await vi.waitFor(() => expect(fakeBrowser.storage.session).toBeDefined());
    first.push(waiting);
    await new Promise((r) => setTimeout(r, 20));
    first.push(waiting); // the settings were read: the watch has the chats
    await vi.waitFor(() => expect(first.alerts.red).toBe(0));
    clock.advanceTo(T0 + 61_000);
    await vi.waitFor(() => expect(first.alerts.red).toBe(1));
    expect(first.alerts.announced).toEqual(['Dana has waited 1:00 for an answer.']);
    expect((await fakeBrowser.storage.session.get(ANNOUNCED_KEY))[ANNOUNCED_KEY]).toEqual([`c1@${T0}`]);

    // The worker restarts: same session storage, same chats.
    const second = start(clock);
    await new Promise((r) => setTimeout(r, 20));
    second.push(waiting);
    await vi.waitFor(() => expect(second.alerts.red).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(second.alerts.announced).toEqual([]);

    // Answered, then a new line waits: a new wait, announced again once red.
    const answered = view([chat('c1', [line('1', 'visitor', T0), line('4', 'agent', T0 + 62_000), line('5', 'visitor', T0 + 63_000)])]);
    second.push(answered);
    await vi.waitFor(() => expect(second.alerts.red).toBe(0));
    clock.advanceTo(T0 + 124_000);
    await vi.waitFor(() => expect(second.alerts.announced).toEqual(['Dana has waited 1:00 for an answer.']));
  });

  it('counts but does not notify while the agent has a panel in front of them', async () => {
    const clock = new ManualClock(T0 + 70_000);
    const app = start(clock, true);
    await new Promise((r) => setTimeout(r, 20));
    app.push(view([chat('c1', [line('1', 'visitor', T0)])]));
    await vi.waitFor(() => expect(app.alerts.red).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(app.alerts.announced).toEqual([]);
    // Seen there: not announced later either.
    expect((await fakeBrowser.storage.session.get(ANNOUNCED_KEY))[ANNOUNCED_KEY]).toEqual([`c1@${T0}`]);
  });

  it('keeps the keys of chats not in the view (a worker not yet restored), bounded', () => {
    expect(keysToKeep(['a@1', 'b@2'], ['b@3'], new Set(['b']))).toEqual(['a@1', 'b@3']);
    expect(keysToKeep(Array.from({ length: 300 }, (_, i) => `x${i}@1`), [], new Set()).length).toBe(200);
    expect(replyDueMessage([{ chatId: 'z', level: 'red', waitedMs: 75_000 }], new Map())).toBe('A visitor has waited 1:15 for an answer.');
  });
});
