/** The ticking clock signal: it moves while something reads it, and stands still (no interval) otherwise. */
import { effect } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { createTickingClock } from '../../../src/ui/state/clock';

function fakeIntervals() {
  const running = new Map<number, () => void>();
  let next = 1;
  return {
    running,
    setInterval: (callback: () => void) => {
      running.set(next, callback);
      return next++;
    },
    clearInterval: (handle: unknown) => void running.delete(handle as number),
    tick: () => [...running.values()].forEach((callback) => callback()),
  };
}

describe('createTickingClock', () => {
  it('ticks only while read, one interval for every reader, and shows a jump at once', () => {
    let time = 1000;
    const timers = fakeIntervals();
    const clock = createTickingClock({ now: () => time, periodMs: 1000, ...timers });
    expect(timers.running.size).toBe(0);

    const seenA: number[] = [];
    const seenB: number[] = [];
    const stopA = effect(() => void seenA.push(clock.now.value));
    const stopB = effect(() => void seenB.push(clock.now.value));
    expect(timers.running.size).toBe(1);
    time = 2000;
    timers.tick();
    expect(seenA).toEqual([1000, 2000]);
    expect(seenB).toEqual([1000, 2000]);

    time = 62_000;
    clock.jump();
    expect(seenA.at(-1)).toBe(62_000);

    stopA();
    stopB();
    expect(timers.running.size).toBe(0);
    time = 70_000;
    const stopC = effect(() => void seenA.push(clock.now.value));
    // A new reader starts from now, not from when the clock last moved.
    expect(seenA.at(-1)).toBe(70_000);
    stopC();
  });
});
