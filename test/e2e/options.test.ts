/**
 * The options page in Chromium: the two ways in (sandbox / own LivePerson account) switch in one
 * click, agents sign in there too, and "Why am I not ringing?" checks the live session, which the
 * popup's health line links to.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { openPopup } from './support/flows';
import { testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const fieldValues = (page: Page) =>
  page.$$eval('[data-testid="signin-form"] input', (inputs) =>
    Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
  );

/** Waits for the sign-in form to show this Domain API URL; a miss says what the form held (nothing: no form). */
const showsCsdsUrl = (page: Page, url: string) =>
  vi.waitFor(async () => expect(await fieldValues(page)).toMatchObject({ csdsUrl: url }), { timeout: 15_000, interval: 50 });

const checks = (page: Page) =>
  page.$$eval('[data-testid="not-ringing-checks"] li', (items) =>
    Object.fromEntries(items.map((li) => [li.getAttribute('data-testid'), li.getAttribute('data-ok') === 'true'])),
  );

describe('options page in Chromium', () => {
  const sandbox = useSandbox();
  let options: Page;

  it('signs an agent in, and "Why am I not ringing?" checks availability, skills, slots and session health', async () => {
    options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(testId('use-liveperson')).wait();
    // Signed out, the default way in is the agent's own LivePerson account.
    expect(await options.$eval(testId('use-liveperson'), (i) => (i as HTMLInputElement).checked)).toBe(true);
    expect(await checks(options)).toMatchObject({ 'check-signed-in': false, 'check-availability': false });

    // The test's emulator listens on a free port: to the switch it is "an account of my own", not the sandbox.
    await options.locator('[data-testid="signin-form"] input[name="csdsUrl"]').fill(sandbox.emulator.baseUrl);
    await options.locator('[data-testid="signin-form"] input[name="accountId"]').fill('12345678');
    await options.locator('[data-testid="signin-form"] input[name="username"]').fill('agent1');
    await options.locator('[data-testid="signin-form"] input[name="password"]').fill('agent1-pass');
    await options.locator(testId('signin-submit')).click();
    await options.locator(`${testId('options-status')}::-p-text(Signed in as)`).wait();
    expect(await options.$eval(testId('use-sandbox'), (i) => i.matches(':disabled'))).toBe(true);

    const popup = await openPopup(sandbox.ext);
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    expect(await popup.$eval(testId('not-ringing-link'), (a) => a.getAttribute('href'))).toBe('/options.html#not-ringing');

    await options.bringToFront();
    await options.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="not-ringing-checks"] li')].every((li) => li.getAttribute('data-ok') === 'true'),
      { polling: 100 },
    );
    expect(await checks(options)).toEqual({
      'check-signed-in': true,
      'check-availability': true,
      'check-skills': true,
      'check-slots': true,
      'check-health': true,
    });

    await popup.bringToFront();
    await popup.locator(testId('availability-Away')).click();
    await options.bringToFront();
    await options.waitForFunction(() => document.querySelector('[data-testid="check-availability"]')?.getAttribute('data-ok') === 'false', { polling: 100 });
    expect(await options.$eval(testId('check-availability'), (li) => li.textContent)).toContain('Only Online agents get new chats');

    await options.locator(testId('options-signout')).click();
    await options.locator(testId('signin-form')).wait();
    await popup.close();
  });

  it('switches between the sandbox and the agent’s own account in one click, each way', async () => {
    await options.locator(testId('use-sandbox')).click();
    await showsCsdsUrl(options, 'http://127.0.0.1:8090');
    expect(await fieldValues(options)).toEqual({ csdsUrl: 'http://127.0.0.1:8090', accountId: '12345678', username: 'agent1', password: 'agent1-pass' });

    // Back to the agent's own account, as they left it.
    await options.locator(testId('use-liveperson')).click();
    await showsCsdsUrl(options, sandbox.emulator.baseUrl);
    expect(await fieldValues(options)).toEqual({ csdsUrl: sandbox.emulator.baseUrl, accountId: '12345678', username: 'agent1', password: '' });

    // The popup follows the choice, and points to where it is made.
    await options.locator(testId('use-sandbox')).click();
    const popup = await openPopup(sandbox.ext);
    await showsCsdsUrl(popup, 'http://127.0.0.1:8090');
    expect(await popup.$eval(testId('options-link'), (a) => a.getAttribute('href'))).toBe('/options.html');
    await popup.close();
  });
});
