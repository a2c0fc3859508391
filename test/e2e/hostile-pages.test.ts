/**
 * The panel on hostile CRM pages (test/sandbox/hostile-*.html): a global CSS reset with a dark
 * theme and host CSS variables, an !important storm on *, a huge root font-size, a single-page app
 * that replaces <body> and pushes history, a strict Content-Security-Policy, frames. Each time the
 * panel is mounted exactly once, at its px size, in its own fonts and colours.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { inPanel, panelBox, PANEL_HOST, testId, type PanelBox } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

/** The panel's registration, and its settings' early read beside it (src/agent/site-registration.ts). */
const panelWithEarlyRead = (allFrames: boolean) => [
  { js: ['content-scripts/panel.js'], allFrames, runAt: 'document_idle' },
  { js: ['panel-settings.js'], allFrames, runAt: 'document_start' },
];

/** The panel as the default site rule lays it out: docked right, 360 px wide, full height. */
function expectDefaultLayout(box: PanelBox | null): void {
  expect(box).not.toBeNull();
  expect(box!.hosts).toBe(1);
  expect(box!.width).toBe(360);
  expect(box!.height).toBe(box!.viewportHeight);
  expect(box!.top).toBe(0);
  expect(Math.round(box!.left + box!.width)).toBe(box!.viewportWidth);
  expect(box!.fontSize).toBe('14px');
  expect(box!.titleFontSize).toBe('15px');
  expect(box!.fontFamily.startsWith('system-ui')).toBe(true);
  expect(box!.background).toBe('rgb(255, 255, 255)');
  expect(box!.color).toBe('rgb(29, 39, 51)');
}

describe('the panel on hostile pages', () => {
  const sandbox = useSandbox();

  async function open(name: string): Promise<Page> {
    const page = await sandbox.ext.browser.newPage();
    await page.goto(`${sandbox.crm.url}${name}`);
    await page.locator(inPanel(testId('panel'))).wait();
    return page;
  }

  it('posts nothing to the page: the message listeners of a CRM page never hear from the panel', async () => {
    const page = await sandbox.ext.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const heard: unknown[] = [];
      (globalThis as unknown as { heard: unknown[] }).heard = heard;
      window.addEventListener('message', (event) => heard.push(event.data));
    });
    await page.goto(`${sandbox.crm.url}hostile-reset.html`);
    await page.locator(inPanel(testId('panel'))).wait();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.evaluate(() => (globalThis as unknown as { heard: unknown[] }).heard)).toEqual([]);
    await page.close();
  });

  it('holds against a global CSS reset, a dark theme and host CSS variables with its own names', async () => {
    const page = await open('hostile-reset.html');
    expectDefaultLayout(await panelBox(page));
    await page.close();
  });

  it('holds against !important rules on * and on its own tag', async () => {
    const page = await open('hostile-important.html');
    expectDefaultLayout(await panelBox(page));
    await page.close();
  });

  it('keeps its px sizes under a huge page-wide root font-size', async () => {
    const page = await open('hostile-rem.html');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('48px');
    expectDefaultLayout(await panelBox(page));
    await page.close();
  });

  it('stays mounted exactly once in a single-page app that replaces <body>, rewrites <html> and pushes history', async () => {
    const page = await open('hostile-spa.html');
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => (window as unknown as { spaNavigate(): number }).spaNavigate());
      await vi.waitFor(async () => expectDefaultLayout(await panelBox(page)), WAIT);
    }
    expect(page.url()).toContain('record=4');
    await page.evaluate(() => (window as unknown as { spaRewrite(): void }).spaRewrite());
    await vi.waitFor(async () => expectDefaultLayout(await panelBox(page)), WAIT);
    expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, PANEL_HOST)).toBe(1);
    await page.close();
  });

  it('follows History API navigation out of and back into where its site rule runs it', async () => {
    const worker = await sandbox.ext.worker();
    // A more specific rule switches the panel off on the SPA's rewritten view.
    await worker.evaluate(`chrome.storage.local.set({ siteRules: [
      { match: 'http://127.0.0.1/*', enabled: true, mode: 'in-page', dock: 'right', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false },
      { match: 'http://127.0.0.1/hostile-spa.html?rewritten=*', enabled: false, mode: 'in-page', dock: 'right', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false },
    ] })`);
    const page = await open('hostile-spa.html');
    await page.evaluate(() => (window as unknown as { spaRewrite(): void }).spaRewrite());
    await vi.waitFor(async () => expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, PANEL_HOST)).toBe(0), WAIT);
    await page.evaluate(() => history.pushState({}, '', '/hostile-spa.html?record=9'));
    await vi.waitFor(async () => expectDefaultLayout(await panelBox(page)), WAIT);
    await worker.evaluate(`chrome.storage.local.remove('siteRules')`);
    await page.close();
  });

  it('keeps keys typed in the panel from the page’s shortcuts, and leaves the page’s own inputs alone', async () => {
    const page = await open('hostile-spa.html');
    const hostKeys = () => page.evaluate(() => (window as unknown as { hostKeys: string[] }).hostKeys);
    // Focus inside the panel (its collapse button), then type.
    await page.evaluate((tag) => (document.querySelector(tag)!.shadowRoot!.querySelector('button') as HTMLElement).focus(), PANEL_HOST);
    await page.keyboard.type('kj');
    await page.keyboard.press('Escape');
    expect(await hostKeys()).toEqual([]);
    // The page's own input still gets its keys, and the page sees them.
    await page.locator('#host-input').click();
    await page.keyboard.type('ok');
    expect(await page.$eval('#host-input', (i) => (i as HTMLInputElement).value)).toBe('ok');
    expect(await hostKeys()).toEqual(['o', 'k']);
    await page.close();
  });

  it('works on a page with a strict Content-Security-Policy', async () => {
    const page = await sandbox.ext.browser.newPage();
    const response = await page.goto(`${sandbox.crm.url}hostile-csp.html`);
    expect(response?.headers()['content-security-policy']).toContain("style-src 'none'");
    // The page's own inline style is blocked: the policy is in force.
    expect(await page.$eval('h1', (h) => getComputedStyle(h).color)).not.toBe('rgb(255, 0, 0)');
    await page.locator(inPanel(testId('panel'))).wait();
    expectDefaultLayout(await panelBox(page));
    // A part loaded on demand brings its styles under the same policy: the command palette
    // (quick tools, src/ui/panel-styles.ts) is laid out over the panel, not unstyled in its flow.
    await page.evaluate((tag) => (document.querySelector(tag)!.shadowRoot!.querySelector('button') as HTMLElement).focus(), PANEL_HOST);
    await page.keyboard.down('Control');
    await page.keyboard.press('k');
    await page.keyboard.up('Control');
    await page.locator(inPanel(testId('palette-input'))).wait();
    expect(await page.$eval(inPanel(testId('palette')), (el) => getComputedStyle(el).position)).toBe('absolute');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('runs in frames only where the site rule says so', async () => {
    const worker = await sandbox.ext.worker();
    const page = await open('hostile-frames.html');
    const frame = (await (await page.waitForSelector('#inner'))!.contentFrame())!;
    await frame.waitForFunction(() => document.readyState === 'complete', { polling: 100 });
    expectDefaultLayout(await panelBox(page));
    // Not in the frame: the rule does not say "also inside frames", so the script is not even registered there.
    // The panel, and its settings' early read beside it: top page only.
    const registered = async () =>
      ((await worker.evaluate('chrome.scripting.getRegisteredContentScripts()')) as Array<{ js: string[]; allFrames: boolean; runAt: string }>)
        .map(({ js, allFrames, runAt }) => ({ js, allFrames, runAt }))
        .sort((a, b) => a.runAt.localeCompare(b.runAt));
    expect(await registered()).toEqual(panelWithEarlyRead(false));
    expect(await frame.evaluate((tag) => document.querySelectorAll(tag).length, PANEL_HOST)).toBe(0);

    // "Also inside frames": the open tab's frame gets the panel without a reload.
    await worker.evaluate(`chrome.storage.local.get('siteRules').then(({ siteRules }) =>
      chrome.storage.local.set({ siteRules: (siteRules ?? [{ match: 'http://127.0.0.1/*', enabled: true, mode: 'in-page', dock: 'right', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false }]).map((r) => ({ ...r, frames: true })) }))`);
    await vi.waitFor(async () => {
      expect(await frame.evaluate((tag) => document.querySelectorAll(tag).length, PANEL_HOST)).toBe(1);
    }, WAIT);
    expect(await registered()).toEqual(panelWithEarlyRead(true));
    expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, PANEL_HOST)).toBe(1);
    await worker.evaluate(`chrome.storage.local.remove('siteRules')`);
    await page.close();
  });
});
