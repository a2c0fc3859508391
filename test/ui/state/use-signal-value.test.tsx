// @vitest-environment jsdom
/**
 * The UI's state layer: signals (@preact/signals-core), and the hook the panel's content script
 * redraws with (src/ui/state/use-signal-value.ts).
 */
import { signal } from '@preact/signals-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useSignalValue } from '../../../src/ui/state/use-signal-value';

describe('useSignalValue', () => {
  it('redraws the components that read it, only on a change, and unsubscribes them when they unmount', () => {
    const text = signal('first');
    let renders = 0;
    const Reader = () => {
      renders += 1;
      return <p>{useSignalValue(text)}</p>;
    };
    const container = document.createElement('div');
    act(() => render(<Reader />, container));
    expect(container.textContent).toBe('first');
    const rendersBefore = renders;
    act(() => {
      text.value = 'first'; // the same value: no redraw
    });
    expect(renders).toBe(rendersBefore);
    act(() => {
      text.value = 'second';
    });
    expect(container.textContent).toBe('second');
    act(() => render(null, container));
    const afterUnmount = renders;
    const watcher = vi.fn();
    const stop = text.subscribe(watcher);
    act(() => {
      text.value = 'third';
    });
    expect(renders).toBe(afterUnmount); // the unmounted reader is gone
    expect(watcher).toHaveBeenCalledTimes(2); // the signal itself still tells others
    stop();
  });

  it('does not miss a change made between a render and its subscription', () => {
    const count = signal(0);
    const Reader = () => {
      const value = useSignalValue(count);
      // A sibling's render (or a message handler) may change the value before effects run.
      if (value === 0) count.value = 1;
      return <p>{value}</p>;
    };
    const container = document.createElement('div');
    act(() => render(<Reader />, container));
    expect(container.textContent).toBe('1');
  });
});
