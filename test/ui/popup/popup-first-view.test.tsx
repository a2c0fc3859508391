// @vitest-environment jsdom
/** The popup opens before the background's first view reaches it: it says so, not "Signed out". */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { emptyView } from '../../../src/messaging/view';
import { Popup } from '../../../src/ui/popup/Popup';
import { view } from '../../../src/ui/store';
import { pageHarness } from '../page-harness';

const { container } = pageHarness();

describe('the popup before its first view', () => {
  it('says it is connecting, then offers the sign-in form to a signed-out agent', async () => {
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
