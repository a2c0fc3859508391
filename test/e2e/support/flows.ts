/** Steps an agent takes, shared by the end-to-end suites. */
import type { Page } from 'puppeteer';
import type { Emulator } from '../../emulator/server';
import type { ExtensionBrowser } from './browser';
import { testId } from './panel';

/** The emulator is on loopback, where the extension allows polling faster than LivePerson's 2 s. */
export async function pollFast(ext: ExtensionBrowser): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate('chrome.storage.local.set({ pollIntervalMs: 250 })');
}

/**
 * The e2e build's default site rule enables the panel on loopback pages; the worker registers the
 * content script at its first start. Suites open CRM pages only once it is registered.
 */
export async function panelRegistered(ext: ExtensionBrowser): Promise<void> {
  const worker = await ext.worker();
  for (let attempt = 0; attempt < 100; attempt++) {
    const ids = (await worker.evaluate('chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id))')) as string[];
    if (ids.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The panel was never registered for the loopback test pages');
}

export async function openPopup(ext: ExtensionBrowser): Promise<Page> {
  const popup = await ext.browser.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  return popup;
}

export async function signInAndGoOnline(popup: Page, emulator: Emulator, password = 'agent1-pass'): Promise<void> {
  await popup.locator('input[name="csdsUrl"]').fill(emulator.baseUrl);
  await popup.locator('input[name="accountId"]').fill('12345678');
  await popup.locator('input[name="username"]').fill('agent1');
  await popup.locator('input[name="password"]').fill(password);
  await popup.locator(testId('signin-submit')).click();
  await popup.locator(`${testId('auth-status')}::-p-text(Signed in)`).wait();
  await popup.locator(testId('availability-Online')).click();
  await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
}
