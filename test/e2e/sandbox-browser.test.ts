/**
 * What `npm start` opens where there is a display (run headless here): Chromium with the built
 * extension, on the demo CRM page with the panel, and the options page pointed at the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { startCrmServer, type CrmServer } from '../sandbox/crm-server';
import { hasDisplay, openSandboxBrowser, type SandboxBrowser } from '../sandbox/open-browser';
import { EXTENSION_DIR } from './support/browser';
import { inPanel, testId } from './support/panel';

describe('npm start with a display', () => {
  let emulator: Emulator;
  let crm: CrmServer;
  let opened: SandboxBrowser;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    crm = await startCrmServer();
  });
  afterAll(async () => {
    await opened?.close();
    await crm?.close();
    await emulator?.close();
  });

  it('knows when there is a display', () => {
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay({})).toBe(process.platform === 'darwin' || process.platform === 'win32');
  });

  it('opens the demo CRM page with the panel, and the options page pointed at the sandbox', async () => {
    const account = { csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1' };
    opened = await openSandboxBrowser({ extensionDir: EXTENSION_DIR, crmUrl: crm.url, account, headless: true });
    const pages = await opened.browser.pages();
    const crmTab = pages.find((p) => p.url() === crm.url);
    const options = pages.find((p) => p.url() === `chrome-extension://${opened.extensionId}/options.html`);
    expect(crmTab).toBeDefined();
    expect(options).toBeDefined();
    await crmTab!.locator(inPanel(testId('panel'))).wait();
    await options!.waitForFunction(
      (url) => (document.querySelector('[data-testid="signin-form"] input[name="csdsUrl"]') as HTMLInputElement | null)?.value === url,
      { polling: 100 },
      emulator.baseUrl,
    );
    const fields = await options!.$$eval('[data-testid="signin-form"] input', (inputs) =>
      Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
    expect(fields).toMatchObject({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1' });
  });
});
