// @vitest-environment jsdom
/** A long chat renders its latest lines only; earlier ones come on demand. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { LineView } from '../../src/messaging/view';
import { Transcript } from '../../src/ui/panel/Transcript';

const lines = (n: number): LineView[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(i), source: 'visitor', by: 'Dana', text: `line ${i}`, textType: 'plain', time: '' }));

const shown = (root: HTMLElement) => [...root.querySelectorAll('[data-testid="line-text"]')].map((el) => el.textContent);

describe('Transcript', () => {
  it('renders the latest 100 of 250 lines, then 100 more per "Show earlier lines"', () => {
    const root = document.createElement('div');
    act(() => render(<Transcript chatId="c1" lines={lines(250)} visitorTyping={false} visitorName="Dana" />, root));
    expect(shown(root)).toHaveLength(100);
    expect(shown(root)[0]).toBe('line 150');
    expect(shown(root)[99]).toBe('line 249');
    const earlier = root.querySelector<HTMLButtonElement>('[data-testid="earlier-lines"]')!;
    expect(earlier.textContent).toContain('150');
    act(() => earlier.click());
    expect(shown(root)).toHaveLength(200);
    expect(shown(root)[0]).toBe('line 50');
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="earlier-lines"]')!.click());
    expect(shown(root)).toHaveLength(250);
    expect(root.querySelector('[data-testid="earlier-lines"]')).toBeNull();
  });

  it('renders a short chat whole, with no button', () => {
    const root = document.createElement('div');
    act(() => render(<Transcript chatId="c1" lines={lines(3)} visitorTyping={false} visitorName="Dana" />, root));
    expect(shown(root)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(root.querySelector('[data-testid="earlier-lines"]')).toBeNull();
  });
});
