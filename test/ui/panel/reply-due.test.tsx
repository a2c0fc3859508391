// @vitest-environment jsdom
/** The reply-due timer on a chat tab: its level from the lines' own times, nothing for an answered chat; the longest wait first. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatView, LineView } from '../../../src/messaging/view';
import { ReplyDueTimer } from '../../../src/ui/panel/reply-due/ReplyDueTimer';
import { orderByUrgency } from '../../../src/ui/panel/reply-due/urgency';

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const line = (id: string, source: LineView['source'], secondsAgo: number): LineView => ({
  id, source, by: source, text: 'hi', textType: 'plain', time: ago(secondsAgo), clock: '22:00',
});
const chat = (id: string, lines: LineView[]): ChatView => ({ id, state: 'chatting', visitorName: id, visitorTyping: false, lines });

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('ReplyDueTimer', () => {
  it('shows waiting, amber and red from the oldest unanswered line (defaults 30 s / 60 s)', () => {
    for (const [secondsAgo, level, shown] of [[5, 'waiting', '5 s'], [35, 'amber', '35 s'], [65, 'red', '1:05']] as const) {
      // Half a second more: the clock's "now" was read a moment before the line's time was made.
      act(() => render(<ReplyDueTimer chat={chat('c1', [line('1', 'visitor', secondsAgo + 0.5)])} />, container));
      const timer = container.querySelector('[data-testid="reply-due"]');
      expect(timer?.getAttribute('data-level')).toBe(level);
      expect(timer?.textContent).toBe(shown);
    }
  });

  it('shows nothing once the agent answered, or while the answer is still in the outbox it counts as unanswered', () => {
    act(() => render(<ReplyDueTimer chat={chat('c1', [line('1', 'visitor', 65), line('2', 'agent', 10)])} />, container));
    expect(container.innerHTML).toBe('');
    const pending = { ...line('2', 'agent', 10), delivery: 'pending' as const };
    act(() => render(<ReplyDueTimer chat={chat('c1', [line('1', 'visitor', 65), pending])} />, container));
    expect(container.querySelector('[data-testid="reply-due"]')?.getAttribute('data-level')).toBe('red');
  });
});

describe('orderByUrgency', () => {
  it('puts the longest wait first and answered chats last, in their order', () => {
    const chats = [chat('answered', [line('1', 'visitor', 90), line('2', 'agent', 80)]), chat('short', [line('3', 'visitor', 10)]), chat('long', [line('4', 'visitor', 40)])];
    expect(orderByUrgency(chats).map((c) => c.id)).toEqual(['long', 'short', 'answered']);
  });
});
