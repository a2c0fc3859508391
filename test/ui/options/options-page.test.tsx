// @vitest-environment jsdom
/** The options page while signed in: a view arrives with every poll; what the agent types stays. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyView } from '../../../src/messaging/view';
import { Options } from '../../../src/ui/options/Options';
import { view } from '../../../src/ui/store';

const container = document.createElement('div');
beforeEach(() => {
  // fakeBrowser has no permissions API and no ports: the page needs only their shape here.
  const event = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => false), onAdded: event(), onRemoved: event() });
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => ({ onMessage: event(), onDisconnect: event(), postMessage: vi.fn(), disconnect: vi.fn() }) as never);
});
afterEach(() => {
  render(null, container);
  vi.restoreAllMocks();
});

describe('the options page', () => {
  it('says it is connecting until the first view, then whether the agent is signed in', async () => {
    view.value = emptyView;
    await act(() => render(<Options />, container));
    const status = () => container.querySelector('[data-testid="options-status"]')?.textContent;
    expect(status()).toBe('Connecting…');
    expect(container.querySelector('[data-testid="not-ringing-checks"]')).toBeNull();
    await act(() => {
      view.value = { ...emptyView };
    });
    expect(status()).toBe('Signed out.');
    expect(container.querySelector('[data-testid="check-signed-in"]')?.getAttribute('data-ok')).toBe('false');
  });

  it('does not reset a field the agent is typing in when a poll brings a new view', async () => {
    await act(() => render(<Options />, container));
    // The saved settings load first.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const idle = container.querySelector<HTMLInputElement>('[data-testid="alerts-idleSeconds"]')!;
    const width = container.querySelector<HTMLInputElement>('#sites input[name="width"]');
    // Typed, not yet committed (a number field commits on change: blur or Enter).
    idle.value = '75';
    if (width) width.value = '420';
    for (let poll = 1; poll <= 3; poll++) {
      await act(() => {
        view.value = { ...emptyView, version: poll, health: { ...emptyView.health, lastPollAt: poll * 2000 } };
      });
    }
    expect(idle.value).toBe('75');
    if (width) expect(width.value).toBe('420');
  });
});
