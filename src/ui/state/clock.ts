/**
 * A clock as a signal: its value is "now" (ms), moving on once a period while something reads it
 * and standing still otherwise. One interval for every timer on screen instead of one per
 * component, and none at all while the panel shows nothing that counts (a collapsed panel, no
 * waiting chat): the signal's `watched`/`unwatched` start and stop it.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';

export interface TickingClock {
  /** Read it to be redrawn every period. */
  now: ReadonlySignal<number>;
  /** The time jumped (the e2e build's test clock): show the new time at once. */
  jump(): void;
}

export function createTickingClock(options: {
  now(): number;
  periodMs: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}): TickingClock {
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  let timer: unknown;
  const now = signal(options.now(), {
    watched() {
      now.value = options.now();
      timer = every(() => (now.value = options.now()), options.periodMs);
    },
    unwatched() {
      stop(timer);
      timer = undefined;
    },
  });
  return {
    now,
    jump: () => {
      now.value = options.now();
    },
  };
}
