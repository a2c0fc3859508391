/**
 * `npm start` on a machine with a display: Chromium with the freshly built extension, on the demo
 * CRM page, the extension already pointed at the sandbox (its options page open on "Use the
 * sandbox", demo password filled: one click signs in).
 */
import puppeteer, { type Browser } from 'puppeteer';
import { chromiumExecutable } from '../e2e/support/browser';
import type { AccountSettings } from '../../src/settings/account';
import { TRUSTED_DB } from '../../src/settings/trusted-item';

export interface SandboxBrowser {
  browser: Browser;
  extensionId: string;
  close(): Promise<void>;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
}

export async function openSandboxBrowser(p: {
  extensionDir: string;
  crmUrl: string;
  account: AccountSettings;
  /** Only tests run it headless. */
  headless?: boolean;
}): Promise<SandboxBrowser> {
  const browser = await puppeteer.launch({
    executablePath: await chromiumExecutable(),
    headless: p.headless ?? false,
    pipe: true,
    enableExtensions: [p.extensionDir],
    defaultViewport: null,
    // The sandbox stops the browser itself on Ctrl-C, after the servers.
    handleSIGINT: false,
    handleSIGTERM: false,
    args: [
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-sync',
      '--window-size=1400,900',
      // Chromium refuses to start as root with its sandbox (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  try {
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 20_000 });
    const extensionId = new URL(worker.url()).host;
    const sw = await worker.worker();
    if (!sw) throw new Error('The extension service worker has no worker handle');
    // The same item the options page's "Use the sandbox" writes: the extension origin's IndexedDB
    // (src/settings/trusted-item.ts, which idb-keyval opens the same way), written from the worker.
    await sw.evaluate(
      async (db, account) => {
        const open = indexedDB.open(db.name);
        open.onupgradeneeded = () => open.result.createObjectStore(db.store);
        const connection = await new Promise<IDBDatabase>((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = connection.transaction(db.store, 'readwrite');
          tx.objectStore(db.store).put(account, 'account');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        connection.close();
        const channel = new BroadcastChannel(db.channel);
        channel.postMessage('account');
        channel.close();
      },
      TRUSTED_DB,
      p.account,
    );
    const [first] = await browser.pages();
    const crmTab = first ?? (await browser.newPage());
    await crmTab.goto(p.crmUrl);
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await crmTab.bringToFront();
    return { browser, extensionId, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
