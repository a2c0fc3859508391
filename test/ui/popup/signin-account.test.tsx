// @vitest-environment jsdom
/**
 * The sign-in form proposes the saved account from the extension's own storage (issue #19 M1): a
 * content script's write to storage.local, however it is made, changes nothing in the form; the
 * destination line names the host and account before a password is typed; a fleet lock still wins.
 */
import { clear } from 'idb-keyval';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountSettings } from '../../../src/settings/account';
import { trustedStore } from '../../../src/settings/trusted-item';
import { SignInForm } from '../../../src/ui/popup/SignInForm';
import { policy } from '../../../src/ui/policy';
import { pageHarness } from '../page-harness';

const { container } = pageHarness();

const SAVED = { csdsUrl: 'https://api.liveperson.net', accountId: '12345678', username: 'agent1' };
const FORGED = { csdsUrl: 'https://login.evil.example', accountId: '666', username: 'mallory' };

const fields = () =>
  Object.fromEntries([...container.querySelectorAll('input')].map((i) => [i.name, i.value]));
const destination = () => container.querySelector('[data-testid="signin-destination"]')?.textContent;
/** Lets IndexedDB answer and Preact redraw. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 100)));

beforeEach(async () => {
  fakeBrowser.reset();
  await clear(trustedStore());
  policy.value = {};
});

describe('the sign-in form and a forged storage.local', () => {
  it('shows the saved account and where the password goes; a forged write changes nothing', async () => {
    await accountSettings.setValue(SAVED);
    await act(() => render(<SignInForm />, container));
    await settle();
    expect(fields()).toEqual({ ...SAVED, password: '' });
    expect(destination()).toBe('Your password goes to api.liveperson.net (LivePerson), account 12345678.');

    // What a compromised content script can do: write storage.local (both old keys), and fire its change event.
    await act(() => fakeBrowser.storage.local.set({ account: FORGED, 'account-liveperson': FORGED }));
    await settle();
    expect(fields()).toEqual({ ...SAVED, password: '' });
    expect(destination()).toBe('Your password goes to api.liveperson.net (LivePerson), account 12345678.');

    // A page opened after the forged write proposes the saved account too.
    render(null, container);
    await act(() => render(<SignInForm />, container));
    await settle();
    expect(fields()).toEqual({ ...SAVED, password: '' });
  });

  it('follows the extension’s own writes (the options page choosing another account)', async () => {
    await act(() => render(<SignInForm />, container));
    await settle();
    expect(fields()).toMatchObject({ csdsUrl: 'https://api.liveperson.net', accountId: '' });
    await act(() => accountSettings.setValue({ ...SAVED, accountId: '87654321' }));
    await settle();
    expect(fields()).toMatchObject({ accountId: '87654321', username: 'agent1' });
  });

  it('keeps what the agent typed before the saved account was read (a slow first read does not overwrite it)', async () => {
    await accountSettings.setValue(SAVED);
    await act(() => render(<SignInForm />, container));
    // Typed at once, while the form's first read of the saved account is still on its way.
    const domain = container.querySelector<HTMLInputElement>('input[name="csdsUrl"]')!;
    await act(() => {
      domain.value = 'https://va.agentvep.liveperson.net';
      domain.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(fields()).toMatchObject({ csdsUrl: 'https://va.agentvep.liveperson.net', accountId: '' });
    // A later choice made elsewhere (the options page) still shows.
    await act(() => accountSettings.setValue({ ...SAVED, accountId: '87654321' }));
    await settle();
    expect(fields()).toMatchObject({ csdsUrl: SAVED.csdsUrl, accountId: '87654321' });
  });

  it('keeps the fleet policy’s locked domain and account over the saved ones', async () => {
    await accountSettings.setValue(SAVED);
    policy.value = { csdsUrl: 'https://api.liveperson.net', accountId: '55555555', locked: ['csdsUrl', 'accountId'] };
    await act(() => render(<SignInForm />, container));
    await settle();
    expect(fields()).toMatchObject({ csdsUrl: 'https://api.liveperson.net', accountId: '55555555', username: 'agent1' });
    expect(container.querySelector<HTMLInputElement>('input[name="accountId"]')!.readOnly).toBe(true);
    expect(destination()).toBe('Your password goes to api.liveperson.net (LivePerson), account 55555555.');
  });
});
