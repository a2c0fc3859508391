/**
 * Fleet policy for sites, in Chromium: an administrator's locked panel rule reaches the CRM tab
 * and is read-only in the options page; when the policy lets go, the rule stays and unlocks.
 * (The policy is injected through the test build's storage key: a real one is an OS policy file.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { panelBox, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

describe('site policy in Chromium', () => {
  const sandbox = useSandbox();
  let crmOrigin: string;
  let options: Page;
  const row = () => `${testId('site-rule')}[data-match="${crmOrigin}"]`;
  const setPolicy = async (policy: unknown) => {
    const worker = await sandbox.ext.worker();
    await worker.evaluate(`chrome.storage.local.set({ 'e2e:managedPolicy': ${JSON.stringify(policy)} })`);
  };

  it('applies a locked panel rule to the CRM tab and shows it locked in the options page', async () => {
    crmOrigin = new URL(sandbox.crm.url).origin;
    await setPolicy({ panelRules: [{ match: crmOrigin, dock: 'left', width: 420 }], locked: ['panelRules'] });
    const crm = await sandbox.ext.browser.newPage();
    await crm.goto(sandbox.crm.url);
    await vi.waitFor(async () => expect(await panelBox(crm)).toMatchObject({ left: 0, width: 420 }), WAIT);

    options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html#sites`);
    await options.locator(`${row()} ${testId('site-status')}::-p-text(set by your administrator)`).wait();
    expect(await options.$eval(`${row()} ${testId('site-dock')}`, (el) => el.matches(':disabled'))).toBe(true);
    expect(await options.$eval(`${row()} ${testId('site-enabled')}`, (el) => el.matches(':disabled'))).toBe(true);
  });

  it('releases the lock when the policy drops the rule, keeping the rule', async () => {
    await setPolicy({});
    await vi.waitFor(async () => {
      expect(await options.$eval(`${row()} ${testId('site-dock')}`, (el) => el.matches(':disabled'))).toBe(false);
    }, WAIT);
    expect(await options.$eval(`${row()} ${testId('site-dock')}`, (el) => (el as HTMLSelectElement).value)).toBe('left');
  });
});
