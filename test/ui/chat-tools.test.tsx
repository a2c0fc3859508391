// @vitest-environment jsdom
/**
 * The chat tools arrive on demand: the panel says "Loading…" meanwhile, shows what can stand in for
 * them (a structured-content line as its text), and says so when they cannot come.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { ChatView } from '../../src/messaging/view';

const chat: ChatView = {
  id: 'c1',
  state: 'chatting',
  visitorName: 'Dana',
  visitorTyping: false,
  lines: [],
  visitor: { facts: [{ label: 'Email', value: 'dana@example.com' }], preChatSurvey: [], customVariables: [], pages: [] },
};

const richLine: ChatView['lines'][number] = {
  id: '7',
  source: 'visitor',
  by: 'Dana',
  text: 'Pick a slot',
  textType: 'rich-content',
  json: { type: 'vertical', elements: [{ type: 'text', text: 'Pick a slot' }, { type: 'button', title: 'Tomorrow 9am' }] },
  time: '2026-12-05T09:00:00Z',
  clock: '09:00',
};

async function panelWith(loader: () => Promise<unknown>, shown: ChatView = chat) {
  vi.resetModules();
  const { chatTools } = await import('../../src/ui/panel/tools');
  const { ChatPane } = await import('../../src/ui/panel/ChatPane');
  chatTools.loadWith(loader as never);
  const container = document.createElement('div');
  act(() => render(<ChatPane chat={shown} onError={() => {}} />, container));
  const find = (id: string) => container.querySelector(`[data-testid="${id}"]`);
  return { container, find };
}

describe('the chat tools in a CRM tab', () => {
  it('are asked for with the first chat shown, and show once they arrive', async () => {
    let deliver!: (tools: unknown) => void;
    const loader = vi.fn(() => new Promise((resolve) => (deliver = resolve)));
    const { find } = await panelWith(loader);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(find('visitor-info')).toBeNull();
    act(() => (find('transfer') as HTMLButtonElement).click());
    expect(find('tools-loading')).not.toBeNull();
    const { panelTools } = await import('../../src/ui/panel/tools-bundle');
    await act(async () => deliver(panelTools));
    expect(find('visitor-info')).not.toBeNull();
    expect(find('tools-loading')).toBeNull();
  });

  it('draw structured content and offer the transcript to copy once they arrive; the line reads as text meanwhile', async () => {
    let deliver!: (tools: unknown) => void;
    const { container, find } = await panelWith(() => new Promise((resolve) => (deliver = resolve)), { ...chat, lines: [richLine] });
    expect(find('line-text')?.textContent).toBe('Pick a slot');
    expect(container.querySelector('.rc-button')).toBeNull();
    expect(find('copy-transcript')).toBeNull();
    const { panelTools } = await import('../../src/ui/panel/tools-bundle');
    await act(async () => deliver(panelTools));
    expect(container.querySelector('.rc-button')?.textContent).toBe('Tomorrow 9am');
    expect(find('copy-transcript')).not.toBeNull();
  });

  it('say they could not be loaded, in the panel, instead of loading for ever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { find } = await panelWith(async () => {
      throw new Error('The chat tools could not be loaded in this tab: reload the page.');
    });
    await act(async () => {});
    act(() => (find('transfer') as HTMLButtonElement).click());
    expect(find('tools-unavailable')?.textContent).toMatch(/could not be loaded in this tab: reload the page/);
    warn.mockRestore();
  });
});
