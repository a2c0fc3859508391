/**
 * Launches a real browser with the built extension. Puppeteer never downloads a browser here:
 * the executable comes from PUPPETEER_EXECUTABLE_PATH, puppeteer's cache, then the system.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer';

const OUT_DIR = process.env.AGENT_DOCK_OUT_DIR ?? '.output';
export const EXTENSION_DIR = fileURLToPath(new URL(`../../../${OUT_DIR}/chrome-mv3-e2e`, import.meta.url));

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export async function chromiumExecutable(): Promise<string> {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const cached = await puppeteer.executablePath();
    if (cached && existsSync(cached)) return cached;
  } catch {
    // No browser in puppeteer's cache: fall through to the system.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian: `sudo apt-get install chromium`) ' +
      'or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.',
  );
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  worker(): Promise<WebWorker>;
  close(): Promise<void>;
}

/** `args`: extra Chromium switches (e.g. `--host-resolver-rules` to point a foreign host at a local trap). */
export async function launchWithExtension(extensionDir = EXTENSION_DIR, args: string[] = []): Promise<ExtensionBrowser> {
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`No extension build at ${extensionDir}: run \`npm run build:test\` first.`);
  }
  const browser = await puppeteer.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--window-size=1400,900',
      ...args,
    ],
    defaultViewport: { width: 1400, height: 900 },
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
    { timeout: 20_000 },
  );
  const extensionId = new URL(target.url()).host;
  return {
    browser,
    extensionId,
    async worker() {
      const current = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
        { timeout: 20_000 },
      );
      const worker = await current.worker();
      if (!worker) throw new Error('The extension service worker has no worker handle');
      return worker;
    },
    close: () => browser.close(),
  };
}
