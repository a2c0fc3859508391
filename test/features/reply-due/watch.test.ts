/** The watch recomputes on changes and at the next level change only, on an injected clock. */
import { describe, expect, it } from 'vitest';
import type { ChatWait } from '../../../src/features/reply-due/waiting';
import { createReplyDueWatch, type Clock } from '../../../src/features/reply-due/watch';

/** A clock the test moves by hand. */
function manualClock(start: number) {
  let now = start;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    clock,
    pending: () => [...timers.values()].map((t) => t.at),
    advanceTo(time: number) {
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= time).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = time;
    },
  };
}

const T0 = Date.parse('2026-12-06T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('createReplyDueWatch', () => {
  it('turns a waiting chat amber then red exactly on time, with one timer at a time', () => {
    const time = manualClock(T0);
    const seen: ChatWait['level'][] = [];
    const watch = createReplyDueWatch({ clock: time.clock, thresholds: { amberSeconds: 30, redSeconds: 60 }, onWaits: (w) => seen.push(w[0]!.level) });
    watch.update([{ id: 'c', state: 'chatting', lines: [{ source: 'visitor', time: at(0) }] }]);
    expect(seen).toEqual(['waiting']);
    expect(time.pending()).toEqual([T0 + 30_000]);
    time.advanceTo(T0 + 29_999);
    expect(seen).toEqual(['waiting']);
    time.advanceTo(T0 + 30_000);
    expect(seen).toEqual(['waiting', 'amber']);
    expect(time.pending()).toEqual([T0 + 60_000]);
    time.advanceTo(T0 + 120_000);
    expect(seen).toEqual(['waiting', 'amber', 'red']);
    expect(time.pending()).toEqual([]);
  });

  it('stops the timer when the agent answers, and follows new thresholds', () => {
    const time = manualClock(T0);
    const seen: ChatWait['level'][] = [];
    const watch = createReplyDueWatch({ clock: time.clock, thresholds: { amberSeconds: 30, redSeconds: 60 }, onWaits: (w) => seen.push(w[0]!.level) });
    const waiting = { id: 'c', state: 'chatting', lines: [{ source: 'visitor', time: at(0) }] };
    watch.update([waiting]);
    time.advanceTo(T0 + 10_000);
    watch.setThresholds({ amberSeconds: 5, redSeconds: 20 });
    expect(seen.at(-1)).toBe('amber');
    expect(time.pending()).toEqual([T0 + 20_000]);
    watch.update([{ ...waiting, lines: [...waiting.lines, { source: 'agent', time: at(11) }] }]);
    expect(seen.at(-1)).toBe('answered');
    expect(time.pending()).toEqual([]);
  });

  it('sets no timer after it is disposed', () => {
    const time = manualClock(T0);
    const watch = createReplyDueWatch({ clock: time.clock, thresholds: { amberSeconds: 30, redSeconds: 60 }, onWaits: () => {} });
    watch.update([{ id: 'c', state: 'chatting', lines: [{ source: 'visitor', time: at(0) }] }]);
    watch.dispose();
    expect(time.pending()).toEqual([]);
    watch.update([{ id: 'c', state: 'chatting', lines: [{ source: 'visitor', time: at(0) }] }]);
    expect(time.pending()).toEqual([]);
  });
});
