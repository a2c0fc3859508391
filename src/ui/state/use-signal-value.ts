/**
 * The UIs' state is made of signals (@preact/signals-core): the agent's view (../store.ts), the
 * administrator's policy (../policy.ts), parts loaded on demand (../on-demand.ts). Our pages
 * (popup, options, side panel) render with @preact/signals, so a component that reads `.value`
 * redraws when it changes. The panel's content script, which every CRM page loads under a size
 * budget, carries only the core and this one hook instead of the Preact integration (about 1.3 KB
 * gzipped less, by the design guide's measure; docs/architecture.md): a component redraws when the signal it names changes.
 * The hook works under both, so components shared by the panel and the pages use it.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { useLayoutEffect, useReducer } from 'preact/hooks';

const bump = (n: number) => n + 1;

/** The signal's value now; the calling component redraws whenever it changes. */
export function useSignalValue<T>(source: ReadonlySignal<T>): T {
  const [, redraw] = useReducer(bump, 0);
  // peek: under @preact/signals a `.value` read would subscribe the component a second time.
  const shown = source.peek();
  useLayoutEffect(() => {
    // `subscribe` calls back at once with the value now: a change between this render and the
    // subscription is not missed, and an unchanged value does not redraw.
    return source.subscribe((value) => {
      if (!Object.is(value, shown)) redraw(0);
    });
  }, [source, shown]);
  return shown;
}
