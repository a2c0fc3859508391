/**
 * Where the password, bearer and cookies go, in Chromium with the e2e build (issue #19 M1,
 * docs/security.md). `evil.example` resolves (Chromium's host-resolver rules) to a local trap
 * that records every connection; the emulator is told to name that host (./../emulator/foreign-hosts.ts).
 *
 * - A content script's write to storage.local does not change the account the sign-in forms propose.
 * - A Domain API (CSDS) answer naming evil.example: a clear refusal, no login request at all.
 * - A login answer naming evil.example: the agent works on the host CSDS named; the trap gets nothing.
 * - A redirect of the login POST to evil.example: refused with a clear message, not followed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { startCrmServer, type CrmServer } from '../sandbox/crm-server';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './support/browser';
import { evaluateInContentScript } from './support/content-script';
import { openPopup, panelRegistered, pollFast } from './support/flows';
import { inPanel, testId } from './support/panel';

const FOREIGN = 'evil.example';
const SANDBOX_CSDS = 'http://127.0.0.1:8090';
const FORGED = { csdsUrl: 'https://api.liveperson.net', accountId: '99999999', username: 'mallory' };

describe('credentials only to LivePerson, in Chromium', () => {
  let emulator: Emulator;
  let crm: CrmServer;
  let ext: ExtensionBrowser;
  let trap: Server;
  /** Everything that reached evil.example: requests, and connections (a TLS attempt is one too). */
  const trapped: string[] = [];

  beforeAll(async () => {
    trap = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        trapped.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''} cookie=${req.headers.cookie ?? ''} body=${body}`);
        res.end('{}');
      });
    });
    trap.on('connection', () => trapped.push('connection'));
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const trapPort = (trap.address() as AddressInfo).port;
    emulator = await startEmulator({ port: 0 });
    crm = await startCrmServer();
    ext = await launchWithExtension(EXTENSION_DIR, [`--host-resolver-rules=MAP ${FOREIGN} 127.0.0.1:${trapPort}`]);
    await pollFast(ext);
    await panelRegistered(ext);
  });
  afterAll(async () => {
    await ext?.close();
    await crm?.close();
    await emulator?.close();
    await new Promise((resolve) => trap?.close(resolve));
  });

  const formFields = (page: Page) =>
    page.$$eval('[data-testid="signin-form"] input', (inputs) => Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])));
  const fillSignIn = async (page: Page) => {
    await page.locator('[data-testid="signin-form"] input[name="csdsUrl"]').fill(emulator.baseUrl);
    await page.locator('[data-testid="signin-form"] input[name="accountId"]').fill('12345678');
    await page.locator('[data-testid="signin-form"] input[name="username"]').fill('agent1');
    await page.locator('[data-testid="signin-form"] input[name="password"]').fill('agent1-pass');
    await page.locator(testId('signin-submit')).click();
  };
  /** The form's error once it is about this sign-in (before, it may say "You signed out."). */
  const refusal = async (page: Page, about: string) => {
    const error = await page.waitForFunction(
      (text) => {
        const shown = document.querySelector('[data-testid="signin-form"] [data-testid="error"]')?.textContent ?? '';
        return shown.includes(text) && shown;
      },
      { timeout: 20_000, polling: 100 },
      about,
    );
    return error.jsonValue();
  };
  /** Gives anything in flight time to land, then says what reached evil.example. */
  const reachedForeignHost = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return [...trapped];
  };

  it('the trap is live: evil.example reaches it from this browser', async () => {
    const page = await ext.browser.newPage();
    await page.goto(crm.url);
    await page.evaluate((host) => fetch(`http://${host}/probe`, { mode: 'no-cors' }).catch(() => undefined), FOREIGN);
    expect(trapped.some((t) => t.startsWith('GET /probe'))).toBe(true);
    trapped.length = 0;
    await page.close();
  });

  it('a value a content script writes to storage.local is not what the sign-in forms propose', async () => {
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    // The form first, as the agent sees it: a click while the page is still reading the saved account is not the flow under test.
    await options.locator('[data-testid="signin-form"] input[name="csdsUrl"]').wait();
    await options.locator(testId('use-sandbox')).click();
    // Polled on a timer: puppeteer's default polls on animation frames, which a page in a background
    // tab never gets (headless Chromium hides it), so a value that arrives late there was never seen.
    const proposesSandbox = (page: Page) =>
      page.waitForFunction((url) => (document.querySelector('[data-testid="signin-form"] input[name="csdsUrl"]') as HTMLInputElement | null)?.value === url, { polling: 100, timeout: 15_000 }, SANDBOX_CSDS);
    await proposesSandbox(options);

    // A CRM tab's content-script world (as a compromised renderer runs it) writes every place it can reach.
    const tab = await ext.browser.newPage();
    await tab.goto(crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    const written = await evaluateInContentScript<{ local: unknown; idb: string }>(
      tab,
      ext.extensionId,
      `(async () => {
        const forged = ${JSON.stringify(FORGED)};
        await chrome.storage.local.set({ account: forged, 'account-liveperson': forged });
        // Its IndexedDB is the page's origin, not the extension's: this lands in the CRM site's database.
        const idb = await new Promise((resolve) => {
          const open = indexedDB.open('agent-dock');
          open.onupgradeneeded = () => open.result.createObjectStore('settings');
          open.onerror = () => resolve('refused: ' + open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put(forged, 'account');
            tx.oncomplete = () => resolve('written to ' + location.origin);
          };
        });
        new BroadcastChannel('agent-dock:settings').postMessage('account');
        return { local: await chrome.storage.local.get('account'), idb };
      })()`,
    );
    expect(written.local).toEqual({ account: FORGED }); // the write landed…
    expect(written.idb).toBe(`written to ${new URL(crm.url).origin}`);

    // …and is not used: the open options page, a new popup and a reloaded options page propose the sandbox.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await formFields(options)).toMatchObject({ csdsUrl: SANDBOX_CSDS, accountId: '12345678', username: 'agent1' });
    const popup = await openPopup(ext);
    await proposesSandbox(popup);
    expect(await formFields(popup)).toMatchObject({ csdsUrl: SANDBOX_CSDS, accountId: '12345678', username: 'agent1' });
    expect(await popup.$eval(testId('signin-destination'), (p) => p.textContent)).toBe('Your password goes to 127.0.0.1:8090 (LivePerson), account 12345678.');
    // The agent goes back to the options page (the popup was in front) and reloads it.
    await options.bringToFront();
    await options.reload();
    await proposesSandbox(options);
    expect(await formFields(options)).toMatchObject({ accountId: '12345678', username: 'agent1' });
    await Promise.all([popup.close(), options.close(), tab.close()]);
  });

  it('a Domain API answer naming another host: a clear refusal, and the password is never sent', async () => {
    emulator.foreignHosts.set({ csds: FOREIGN });
    const mark = emulator.requests.mark();
    const popup = await openPopup(ext);
    await fillSignIn(popup);
    expect(await refusal(popup, 'Domain API')).toBe(`Could not find the account’s LivePerson domain: The Domain API named a host that is not LivePerson’s (${FOREIGN}): refused`);
    expect(emulator.requests.list({ since: mark, side: 'domain' }).length).toBeGreaterThan(0);
    expect(emulator.requests.list({ since: mark, side: 'login' })).toEqual([]);
    expect(emulator.requests.list({ since: mark, side: 'agent' })).toEqual([]);
    expect(await reachedForeignHost()).toEqual([]);
    await popup.close();
  });

  it('a login answer naming another host: the bearer and cookies stay on the host the Domain API named', async () => {
    emulator.foreignHosts.set({ login: FOREIGN });
    const mark = emulator.requests.mark();
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await fillSignIn(options);
    await options.locator(`${testId('options-status')}::-p-text(Signed in as)`).setTimeout(20_000).wait();
    expect(emulator.requests.list({ since: mark, side: 'login' }).map((r) => r.status)).toEqual([200]);
    // The agent session, its info and chats: on the emulator, the host CSDS named.
    expect(emulator.requests.list({ since: mark, side: 'agent' }).length).toBeGreaterThan(2);
    expect(await reachedForeignHost()).toEqual([]);
    await options.locator(testId('options-signout')).click();
    await options.locator(testId('signin-form')).wait();
    expect(await reachedForeignHost()).toEqual([]);
    await options.close();
  });

  it('a redirect of the password’s POST to another host: refused with a clear message, not followed', async () => {
    emulator.foreignHosts.set({ redirect: { pathPattern: '/login$', location: `http://${FOREIGN}/steal`, status: 307 } });
    const mark = emulator.requests.mark();
    const popup = await openPopup(ext);
    await fillSignIn(popup);
    expect(await refusal(popup, 'redirect')).toBe(`Could not sign in: ${new URL(emulator.baseUrl).host} answered with a redirect: Agent Dock does not follow redirects, so nothing was sent on`);
    expect(emulator.requests.list({ since: mark, side: 'login' }).map((r) => r.status)).toEqual([307]);
    expect(emulator.requests.list({ since: mark, side: 'agent' })).toEqual([]);
    expect(await reachedForeignHost()).toEqual([]);
    emulator.foreignHosts.set();
    await popup.close();
  });
});
