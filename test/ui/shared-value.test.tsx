// @vitest-environment jsdom
/** The UI's one kind of shared state: a value, and components that redraw when it changes. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SharedValue, useShared } from '../../src/ui/shared-value';

describe('SharedValue', () => {
  it('tells its subscribers of a change, not of the same value set again, and stops when asked', () => {
    const shared = new SharedValue({ n: 1 });
    const listener = vi.fn();
    const stop = shared.subscribe(listener);
    const same = shared.value;
    shared.value = same;
    expect(listener).not.toHaveBeenCalled();
    shared.value = { n: 2 };
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    shared.value = { n: 3 };
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('redraws the components that read it, and unsubscribes them when they unmount', () => {
    const shared = new SharedValue('first');
    const unsubscribed = vi.fn();
    const subscribe = shared.subscribe.bind(shared);
    vi.spyOn(shared, 'subscribe').mockImplementation((listener) => {
      const stop = subscribe(listener);
      return () => {
        unsubscribed();
        stop();
      };
    });
    const Reader = () => <p>{useShared(shared)}</p>;
    const container = document.createElement('div');
    act(() => render(<Reader />, container));
    expect(container.textContent).toBe('first');
    act(() => {
      shared.value = 'second';
    });
    expect(container.textContent).toBe('second');
    expect(unsubscribed).not.toHaveBeenCalled();
    act(() => render(null, container));
    expect(unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('does not miss a change made between a render and its subscription', () => {
    const shared = new SharedValue(0);
    const Reader = () => {
      const value = useShared(shared);
      // A sibling's render (or a message handler) may change the value before effects run.
      if (value === 0) shared.value = 1;
      return <p>{value}</p>;
    };
    const container = document.createElement('div');
    act(() => render(<Reader />, container));
    expect(container.textContent).toBe('1');
  });
});
