/**
 * Keeps the waits current without a ticking interval: after each change of the chats it computes
 * the waits and sets one timer for the next moment a level changes (a chat turning amber or red).
 * The clock is injected (`now`, `setTimeout`, `clearTimeout`), so tests drive time by hand and the
 * background can hand it the worker's own.
 */
import { chatWaits, nextChangeAt, type ChatWait, type ReplyDueThresholds, type TimedChat } from './waiting';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReplyDueWatch {
  /** New chats or lines (the next view): recompute now. */
  update(chats: readonly TimedChat[]): void;
  /** New thresholds (settings changed): recompute now. */
  setThresholds(thresholds: ReplyDueThresholds): void;
  dispose(): void;
}

export function createReplyDueWatch(options: {
  clock: Clock;
  thresholds: ReplyDueThresholds;
  /** LivePerson's clock minus this computer's. */
  serverOffsetMs?: number;
  onWaits(waits: ChatWait[]): void;
}): ReplyDueWatch {
  const { clock } = options;
  let thresholds = options.thresholds;
  let chats: readonly TimedChat[] = [];
  let timer: unknown;
  let disposed = false;

  function evaluate(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (disposed) return;
    const now = clock.now();
    const waits = chatWaits(chats, thresholds, now, options.serverOffsetMs ?? 0);
    options.onWaits(waits);
    const next = nextChangeAt(waits);
    if (next !== undefined) timer = clock.setTimeout(evaluate, Math.max(0, next - now));
  }

  return {
    update(next) {
      chats = next;
      evaluate();
    },
    setThresholds(next) {
      thresholds = next;
      evaluate();
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
