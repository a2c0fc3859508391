// @vitest-environment jsdom
/**
 * A CRM page's panel shows before the background's first view reaches it: meanwhile it says it is
 * connecting, never "Signed out" to an agent who is signed in.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { emptyView } from '../../src/messaging/view';
import { Panel } from '../../src/ui/panel/Panel';
import { view } from '../../src/ui/store';
import { pageHarness } from './page-harness';

const { container } = pageHarness();

describe('the panel before its first view', () => {
  it('says it is connecting, then shows what the background sends', () => {
    act(() => render(<Panel />, container));
    const panel = container.querySelector('[data-testid="panel"]')!;
    expect(panel.textContent).toContain('Connecting…');
    expect(panel.textContent).not.toMatch(/Signed out|Sign in/);
    expect(panel.getAttribute('aria-busy')).toBe('true');

    act(() => {
      view.value = { ...emptyView, auth: { status: 'signed-in', agentName: 'Ada' }, availability: 'Online' };
    });
    expect(panel.textContent).toContain('Ada · Online');
    expect(panel.textContent).toContain('No open chats');
    expect(panel.getAttribute('aria-busy')).toBe('false');

    // A signed-out agent is told so once the background says it, version 0 or not.
    act(() => {
      view.value = { ...emptyView };
    });
    expect(panel.textContent).toContain('Sign in from the Agent Dock toolbar button.');
  });
});
