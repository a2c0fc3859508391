// @vitest-environment jsdom
/**
 * LivePerson Messaging in the popup: the account's away reasons (the Agent Status Reason API, read
 * by the background) are offered as a list; the one chosen goes with Away or Back soon. Without a
 * list (Chat, none configured, not readable) the agent may type one.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyView, type AgentView } from '../../../src/messaging/view';
import { Popup } from '../../../src/ui/popup/Popup';
import { run, view } from '../../../src/ui/store';
import { pageHarness } from '../page-harness';

vi.mock('../../../src/ui/store', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../../src/ui/store')>()), run: vi.fn(), connectView: vi.fn() }));

const { container } = pageHarness();
const sent = vi.mocked(run);
let reasons: string[] = [];

beforeEach(() => {
  sent.mockReset();
  sent.mockImplementation((async (name: string) => {
    if (name === 'getAwayReasons') return { ok: true, reasons };
    if (name === 'getCapacity') return { ok: false, message: 'n/a' };
    return { ok: true };
  }) as never);
});

const signedIn = (protocol?: 'messaging'): AgentView => ({ ...emptyView, version: 2, availability: 'Online', auth: { status: 'signed-in', agentName: 'agent1', accountId: '12345678', ...(protocol ? { protocol } : {}) } });
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 60)));
const field = () => container.querySelector<HTMLSelectElement | HTMLInputElement>('[data-testid="away-reason"]');
const click = (testId: string) => act(() => container.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click());

describe('away reasons in the popup', () => {
  it('offers the account’s reasons as a list and sends the chosen one with Back soon', async () => {
    reasons = ['Lunch', 'Coffee'];
    view.value = signedIn('messaging');
    await act(() => render(<Popup />, container));
    await settle();
    const select = field() as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect([...select.options].map((o) => o.textContent)).toEqual(['No reason', 'Lunch', 'Coffee']);
    await act(() => {
      select.value = 'Coffee';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click('availability-Back soon');
    expect(sent).toHaveBeenCalledWith('setAvailability', { state: 'Back soon', reason: 'Coffee' });
    // Online carries no reason.
    await click('availability-Online');
    expect(sent).toHaveBeenCalledWith('setAvailability', { state: 'Online' });
  });

  it('lets the agent type a reason when the account offers none', async () => {
    reasons = [];
    view.value = signedIn('messaging');
    await act(() => render(<Popup />, container));
    await settle();
    expect(field()?.tagName).toBe('INPUT');
  });

  it('asks for no reasons and shows no reason field on the Chat Agent API', async () => {
    reasons = ['Lunch'];
    view.value = signedIn();
    await act(() => render(<Popup />, container));
    await settle();
    expect(field()).toBeNull();
    expect(sent.mock.calls.map(([name]) => name)).not.toContain('getAwayReasons');
  });
});
