/**
 * Launches Firefox ESR with the Firefox build of the extension, driven by puppeteer over
 * WebDriver BiDi. Puppeteer never downloads Firefox: it must be installed (Debian: firefox-esr).
 *
 * Two Firefox facts shape this file:
 * - Extension pages live at moz-extension://<uuid>/, where the uuid is random per profile. The
 *   `extensions.webextensions.uuids` preference pins it for our add-on id, so tests know the URL.
 * - Firefox never reports the end of a navigation to a moz-extension:// page over BiDi
 *   (puppeteer#14314), so `page.goto` never resolves there, and since Firefox 153 it refuses the
 *   navigation altogether without `--remote-allow-system-access` (see the launch below). We start the navigation, then wait
 *   for the document itself. On those pages `ElementHandle.type/click` work, `Locator.fill` does not.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer';

const OUT_DIR = process.env.AGENT_DOCK_OUT_DIR ?? '.output';
export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL(`../../../${OUT_DIR}/firefox-mv3-e2e`, import.meta.url));

const SYSTEM_FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function firefoxExecutable(candidates = SYSTEM_FIREFOXES, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.FIREFOX_EXECUTABLE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const system = candidates.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'No Firefox found for the Firefox end-to-end test. Install Firefox ESR (Debian: `sudo apt-get install firefox-esr`) ' +
      'or set FIREFOX_EXECUTABLE_PATH to a Firefox 140+ binary.',
  );
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id from the built manifest (`browser_specific_settings.gecko.id`). */
  addonId: string;
  /** `moz-extension://<uuid>/` */
  origin: string;
  /** Opens an extension page (`popup.html`, `options.html`) in a new tab, ready to drive. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  const manifestPath = `${FIREFOX_EXTENSION_DIR}/manifest.json`;
  if (!existsSync(manifestPath)) {
    throw new Error(`No Firefox extension build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:test:firefox\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxExecutable(),
    headless: true,
    defaultViewport: { width: 1400, height: 900 },
    // Firefox 153+ refuses WebDriver BiDi navigation to moz-extension:// pages unless the remote
    // agent is allowed system access (remote/shared/BrowsingContextUtils: only http(s), file, blob
    // are "safe"). The flag only widens what this test's own driver may do in its throw-away profile.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    },
  });
  try {
    const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== addonId) throw new Error(`Firefox installed ${installed}, expected ${addonId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const origin = `moz-extension://${uuid}/`;
  return {
    browser,
    addonId,
    origin,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      const url = origin + path;
      // Never resolves for moz-extension:// (see above); its late rejection means nothing.
      page.goto(url).catch(() => undefined);
      // Polled from here: waitForFunction compiles its predicate with Function(), which the
      // extension pages' CSP forbids.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ready = await page
          .evaluate(() => `${location.href} ${document.readyState}`)
          .catch(() => '');
        if (ready === `${url} complete`) return page;
        if (Date.now() > deadline) throw new Error(`${url} did not load in Firefox (last seen: ${ready || 'nothing'})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => browser.close(),
  };
}

/** Types into a field on any page, extension pages included (clears it first). */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const field = (await page.waitForSelector(selector, { visible: true })) as ElementHandle<HTMLInputElement>;
  await field.evaluate((el) => {
    el.value = '';
  });
  await field.type(text);
}

export async function clickOn(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector, { visible: true });
  await element!.click();
}
