// @vitest-environment jsdom
/** The options page: "Connecting…" until the first view; then a view with every poll, and what the agent types stays. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { emptyView } from '../../../src/messaging/view';
import { Options } from '../../../src/ui/options/Options';
import { view } from '../../../src/ui/store';
import { pageHarness } from '../page-harness';

const { container } = pageHarness();

describe('the options page', () => {
  it('says it is connecting until the first view, then whether the agent is signed in', async () => {
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
