// @vitest-environment jsdom
/**
 * A 2,000-line chat stays cheap: every view push brings the whole chat again (fresh objects), yet
 * only a line that is new or changed renders; a long chat opens on its newest lines.
 */
import { options, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatView, LineView } from '../../src/messaging/view';
import { ChatPane } from '../../src/ui/panel/ChatPane';
import { EARLIER_LINES_STEP, LINES_DRAWN_FIRST, LINES_SHOWN_AT_FIRST, TranscriptLine } from '../../src/ui/panel/Transcript';

/** Preact's per-render hook (`options._render`, `__r` once built): called right before a component renders. */
type RenderHook = (vnode: { type: unknown; props: { line?: LineView } }) => void;
const hooks = options as unknown as { __r?: RenderHook };

let rendered: string[] = [];
let previousHook: RenderHook | undefined;
let container: HTMLElement;

beforeEach(() => {
  previousHook = hooks.__r;
  hooks.__r = (vnode) => {
    previousHook?.(vnode);
    if (vnode.type === TranscriptLine) rendered.push(vnode.props.line!.id);
  };
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  hooks.__r = previousHook;
  render(null, container);
  container.remove();
  rendered = [];
});

const line = (n: number): LineView => ({
  id: String(n),
  clock: '09:00',
  source: n % 3 === 0 ? 'agent' : n % 7 === 0 ? 'system' : 'visitor',
  by: n % 3 === 0 ? 'Alex' : 'Dana',
  text: n % 11 === 0 ? `<p>Line <b>${n}</b></p>` : `Line ${n}`,
  textType: n % 11 === 0 ? 'html' : 'plain',
  time: new Date(Date.UTC(2026, 10, 24, 9, 0, 0) + n * 1000).toISOString(),
});

const chatWith = (lines: LineView[]): ChatView => ({ id: 'c1', state: 'chatting', visitorName: 'Dana', visitorTyping: false, lines });

/** What the background pushes: a structured clone of the whole chat, every time. */
const push = (chat: ChatView) => act(() => render(<ChatPane chat={structuredClone(chat)} onError={noop} />, container));
const noop = () => {};
const shownIds = () => [...container.querySelectorAll('[data-testid="line"]')].map((el) => el.getAttribute('data-line-id'));

async function showAll() {
  for (let guard = 0; guard < 100; guard++) {
    const earlier = container.querySelector<HTMLButtonElement>('[data-testid="show-earlier"]');
    if (!earlier) return;
    await act(() => earlier.click());
  }
}

describe('rendering a 2,000-line transcript', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => line(i + 1));

  it('opens on the newest lines, then shows earlier ones in steps, rendering only those', async () => {
    await push(chatWith(lines));
    expect(rendered).toHaveLength(LINES_SHOWN_AT_FIRST);
    expect(shownIds().at(-1)).toBe('2000');
    expect(shownIds()[0]).toBe(String(2000 - LINES_SHOWN_AT_FIRST + 1));
    expect(container.querySelector('[data-testid="show-earlier"]')?.textContent).toBe(`Show earlier lines (${2000 - LINES_SHOWN_AT_FIRST} more)`);

    rendered = [];
    await act(() => container.querySelector<HTMLButtonElement>('[data-testid="show-earlier"]')!.click());
    expect(rendered).toHaveLength(EARLIER_LINES_STEP);
    expect(shownIds()).toHaveLength(LINES_SHOWN_AT_FIRST + EARLIER_LINES_STEP);
  });

  it('draws the lines a panel shows in the task that opens the chat, the rest of the window once painted', async () => {
    // No act(): this is the first render as a tab opening on the chat runs it, effects not yet run.
    render(<ChatPane chat={structuredClone(chatWith(lines))} onError={noop} />, container);
    expect(LINES_DRAWN_FIRST).toBeLessThan(LINES_SHOWN_AT_FIRST);
    expect(rendered).toHaveLength(LINES_DRAWN_FIRST);
    expect(shownIds().at(-1)).toBe('2000');
    expect(container.querySelector('textarea[data-testid="composer"]')).not.toBeNull();
    // The button already counts what the full first window leaves out.
    expect(container.querySelector('[data-testid="show-earlier"]')?.textContent).toBe(`Show earlier lines (${2000 - LINES_SHOWN_AT_FIRST} more)`);

    // Preact runs effects after the next frame: then the held-back lines come, each drawn once.
    await vi.waitFor(() => expect(shownIds()).toHaveLength(LINES_SHOWN_AT_FIRST));
    expect(rendered).toHaveLength(LINES_SHOWN_AT_FIRST);
    expect(new Set(rendered).size).toBe(LINES_SHOWN_AT_FIRST);
    expect(shownIds()[0]).toBe(String(2000 - LINES_SHOWN_AT_FIRST + 1));
  });

  it('draws only the newest lines when many arrive at once in an open chat', async () => {
    await push(chatWith(lines.slice(0, 3)));
    rendered = [];
    await push(chatWith(lines));
    expect(rendered).toHaveLength(LINES_SHOWN_AT_FIRST);
    expect(shownIds()).toHaveLength(LINES_SHOWN_AT_FIRST);
    expect(shownIds().at(-1)).toBe('2000');
  });

  it('with all 2,000 lines shown, a pushed view with one more line renders that line only', async () => {
    await push(chatWith(lines));
    await showAll();
    expect(shownIds()).toHaveLength(2000);

    rendered = [];
    await push(chatWith(lines)); // the same chat again: nothing to draw
    expect(rendered).toEqual([]);

    await push(chatWith([...lines, line(2001)]));
    expect(rendered).toEqual(['2001']);
    expect(shownIds()).toHaveLength(2001);
    expect(shownIds().at(-1)).toBe('2001');
    expect(container.querySelector('[data-line-id="2001"] [data-testid="line-text"]')?.textContent).toBe('Line 2001');
  });

  it('a line whose delivery changes renders alone', async () => {
    const pending: LineView = { id: 'pending:a1', source: 'agent', by: 'Alex', text: 'On it', textType: 'plain', time: line(2001).time, clock: '', delivery: 'pending' };
    await push(chatWith([...lines, pending]));
    rendered = [];
    await push(chatWith([...lines, { ...pending, delivery: 'failed', problem: 'the chat has ended' }]));
    expect(rendered).toEqual(['pending:a1']);
    expect(container.querySelector('[data-line-id="pending:a1"] [data-testid="line-failed"]')?.textContent).toContain('the chat has ended');
  });
});
