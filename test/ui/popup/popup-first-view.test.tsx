// @vitest-environment jsdom
/** The popup opens before the background's first view reaches it: it says so, not "Signed out". */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyView } from '../../../src/messaging/view';
import { Popup } from '../../../src/ui/popup/Popup';
import { view } from '../../../src/ui/store';

const container = document.createElement('div');
beforeEach(() => {
  // fakeBrowser has no ports: the popup needs only their shape here.
  const event = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => ({ onMessage: event(), onDisconnect: event(), postMessage: vi.fn(), disconnect: vi.fn() }) as never);
});
afterEach(() => {
  render(null, container);
  vi.restoreAllMocks();
});

describe('the popup before its first view', () => {
  it('says it is connecting, then offers the sign-in form to a signed-out agent', async () => {
    view.value = emptyView;
    await act(() => render(<Popup />, container));
    const status = () => container.querySelector('[data-testid="auth-status"]')?.textContent;
    expect(status()).toBe('Connecting…');
    expect(container.querySelector('form')).toBeNull();
    await act(() => {
      view.value = { ...emptyView };
    });
    expect(status()).toBe('Signed out');
    expect(container.querySelector('form')).not.toBeNull();
  });
});
