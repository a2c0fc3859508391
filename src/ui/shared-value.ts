/**
 * A value several components show (the agent's view, the admin's policy, the HTML sanitizer) and
 * the hook that redraws a component when it changes.
 *
 * This replaces @preact/signals, the stack's first choice: the UI only ever needed "one value,
 * redraw its readers", and the library's core plus its Preact integration were 7.8 KB of the
 * panel's content script, which every CRM page loads under a 20 KB gzipped budget (issue #7).
 */
import { useLayoutEffect, useReducer } from 'preact/hooks';

export class SharedValue<T> {
  private current: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.current = initial;
  }

  get value(): T {
    return this.current;
  }

  set value(next: T) {
    if (Object.is(next, this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const bump = (n: number) => n + 1;

/** The value now; the calling component redraws whenever it changes. */
export function useShared<T>(shared: SharedValue<T>): T {
  const [, redraw] = useReducer(bump, 0);
  const shown = shared.value;
  useLayoutEffect(() => {
    const unsubscribe = shared.subscribe(() => redraw(0));
    // A change between this render and the subscription is not missed.
    if (!Object.is(shared.value, shown)) redraw(0);
    return unsubscribe;
  }, [shared]);
  return shown;
}
