/**
 * Issue #22, Open record, in Chromium on the demo CRM: the agent sets the site's record link on
 * the options page (a link to another origin is refused there); in a chat, "Open record" lands on
 * the demo CRM's record for the visitor's e-mail, in the same tab, values URL-encoded (a pre-chat
 * answer full of URL metacharacters and HTML arrives intact and inert); a value the chat lacks
 * disables the button and names it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };
const HOSTILE_NAME = `Dana <img src=x onerror="document.title='pwned'"> & Co #1?x=1/../`;

describe('Open record in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;
  let options: Page;
  let origin: string;

  const setTemplate = async (template: string) => {
    await options.bringToFront();
    await options.locator(testId('crm-template-site')).fill(origin);
    await options.locator(testId('crm-template')).fill(template);
    await options.locator(testId('crm-template-save')).click();
  };
  const status = () => options.$eval(testId('crm-settings-status'), (el) => el.textContent ?? '');

  beforeAll(async () => {
    origin = new URL(sandbox.crm.url).origin;
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(testId('crm-settings')).wait();
  });

  it('refuses a record link that leaves the site', async () => {
    await setTemplate('https://evil.example/steal?q={email}');
    await vi.waitFor(async () => expect(await status()).toContain('https://evil.example, which is not the site'), WAIT);
    expect(await options.$$(testId('crm-template-entry'))).toHaveLength(0);
  });

  it('opens the record for the visitor’s e-mail in the CRM tab, every value encoded', async () => {
    await setTemplate(`${origin}/customers.html?email={email}&who={prechat:Your name}`);
    await vi.waitFor(async () => expect(await status()).toContain('Saved the record link'), WAIT);
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.bringToFront();
    await tab.locator(inPanel(testId('panel'))).wait();
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana', survey: { '4991310': HOSTILE_NAME, '4991311': 'dana@example.com', '4991312': '88213' } });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await tab.locator(inPanel(`${testId('open-record')}:not([disabled])`)).click();
    await tab.waitForSelector('#record-email', { timeout: 15_000 });
    expect(await tab.$eval('#record-email', (el) => el.textContent)).toBe('dana@example.com');
    const url = new URL(tab.url());
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe('/customers.html');
    expect(url.search).toContain('email=dana%40example.com');
    expect(url.search).not.toMatch(/[<>"# ]/);
    expect(url.searchParams.get('who')).toBe(HOSTILE_NAME);
    expect([...url.searchParams.keys()]).toEqual(['email', 'who']);
    expect(await tab.title()).not.toContain('pwned');
    // The panel comes back on the record page with the chat.
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
  });

  it('has its on-demand tools on every later load of the CRM tab: reloads and new tabs on the record page', async () => {
    // A second load of a CRM tab finds the site rules read and the background's first view here
    // before the panel's script runs, and draws the chat at once: the tools must load all the same.
    const toolsShown = async (page: Page, load: string) => {
      for (const part of ['visitor-info', 'copy-transcript', 'open-record']) {
        await page.locator(inPanel(testId(part))).setTimeout(15_000).wait().catch(() => {
          throw new Error(`${load}: no ${part} in the panel`);
        });
      }
    };
    const recordUrl = tab.url();
    for (let load = 1; load <= 4; load++) {
      await tab.reload();
      await toolsShown(tab, `reload ${load}`);
    }
    for (let load = 1; load <= 3; load++) {
      const another = await sandbox.ext.browser.newPage();
      await another.goto(recordUrl);
      await another.bringToFront();
      await toolsShown(another, `new tab ${load}`);
      await another.close();
    }
    await tab.bringToFront();
  });

  it('disables the button and names the value the chat lacks', async () => {
    await setTemplate(`${origin}/customers.html?email={email}&phone={phone}`);
    await vi.waitFor(async () => expect(await status()).toContain('Saved the record link'), WAIT);
    await tab.bringToFront();
    await tab.reload();
    await tab.locator(inPanel(`${testId('open-record')}[disabled]`)).wait();
    await vi.waitFor(async () => expect(await tab.$eval(inPanel(testId('open-record-why')), (el) => el.textContent)).toContain('phone number'), WAIT);
  });
});
