// @vitest-environment jsdom
/** The panel's Copy / Fill buttons and the sentence confirming what happened, on a page with fields. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatView } from '../../src/messaging/view';
import { ChatPane } from '../../src/ui/panel/ChatPane';
import { hostField } from '../../src/ui/panel/host-field';
import { chatTools } from '../../src/ui/panel/tools';
import { panelTools } from '../../src/ui/panel/tools-bundle';

// CRM tabs load the chat tools on demand; here they are handed over, as in the side panel.
chatTools.provide(panelTools);

const chat: ChatView = {
  id: 'c1',
  state: 'chatting',
  visitorName: 'Dana',
  visitorTyping: false,
  startTime: new Date(2026, 10, 24, 9, 0, 0).toISOString(),
  lines: [
    { id: '1', source: 'visitor', by: 'Dana', text: 'My order is late', textType: 'plain', time: new Date(2026, 10, 24, 9, 0, 1).toISOString(), clock: '09:00' },
    { id: '2', source: 'agent', by: 'Alex', text: 'Checking', textType: 'plain', time: new Date(2026, 10, 24, 9, 0, 2).toISOString(), clock: '09:00' },
  ],
  visitor: { facts: [{ label: 'Email', value: 'dana@example.com' }], preChatSurvey: [{ label: 'Your name', value: 'Dana Whitfield' }], customVariables: [], pages: [] },
};

let host: HTMLElement;
let container: HTMLElement;
let stopWatching: (() => void) | undefined;

beforeEach(() => {
  document.body.innerHTML = '<label for="subject">Subject</label><input id="subject">';
  host = document.createElement('agent-dock-panel');
  container = document.createElement('div');
  host.attachShadow({ mode: 'open' }).append(container);
  document.body.append(host);
});

afterEach(() => {
  stopWatching?.();
  stopWatching = undefined;
  render(null, container);
  vi.unstubAllGlobals();
});

const mount = () => act(() => render(<ChatPane chat={chat} onError={() => {}} />, container));
const $ = (selector: string) => container.querySelector<HTMLElement>(selector)!;
const status = () => $('[data-testid="write-back-status"]').textContent;

describe('Copy and Fill in the panel', () => {
  it('fills a line into the page field clicked last and confirms it in a status line', async () => {
    stopWatching = hostField.watch(document, host);
    await mount();
    document.getElementById('subject')!.focus();
    await act(() => $('[data-line-id="1"] [data-testid="fill"]').click());
    await vi.waitFor(() => expect(status()).toBe('Filled into “Subject”.'));
    expect((document.getElementById('subject') as HTMLInputElement).value).toBe('My order is late');
    expect($('[data-testid="write-back-status"]').getAttribute('role')).toBe('status');
  });

  it('fills a visitor detail, and says so when there is no field to fill', async () => {
    stopWatching = hostField.watch(document, host);
    await mount();
    await act(() => $('[data-testid="visitor-facts"] [data-label="Email"] [data-testid="fill"]').click());
    await vi.waitFor(() => expect(status()).toMatch(/click into a field on the page first/));
    document.getElementById('subject')!.focus();
    await act(() => $('[data-testid="visitor-facts"] [data-label="Email"] [data-testid="fill"]').click());
    await vi.waitFor(() => expect((document.getElementById('subject') as HTMLInputElement).value).toBe('dana@example.com'));
  });

  it('copies the transcript and a pre-chat answer', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await mount();
    await act(async () => $('[data-testid="copy-transcript"]').click());
    expect(writeText).toHaveBeenLastCalledWith(expect.stringContaining('] Dana: My order is late\n'));
    await vi.waitFor(() => expect(status()).toBe('Copied the transcript.'));
    await act(async () => $('[data-testid="prechat-survey"] [data-label="Your name"] [data-testid="copy"]').click());
    expect(writeText).toHaveBeenLastCalledWith('Dana Whitfield');
    await vi.waitFor(() => expect(status()).toBe('Copied Your name.'));
  });

  it('offers no Fill where the panel is not on a CRM page (nothing to fill), only Copy', async () => {
    await mount();
    expect(container.querySelectorAll('[data-testid="copy"]').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('[data-testid="fill"]')).toHaveLength(0);
  });
});
