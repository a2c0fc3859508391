/**
 * Per-site configuration in Chromium: enabling a site from the options page registers the panel
 * there and shows it in a tab already open on it; disabling takes it away; layout changes reach
 * open tabs at once; the agent's size is remembered per site; rules import and export as JSON;
 * the side-panel mode moves the panel into Chrome's side panel.
 *
 * Access in the test profile: Chrome's permission prompt cannot be answered by automation (it is
 * browser UI, not part of the page). `http://localhost/*` is a required host permission of the
 * extension (for the sandbox), and `permissions.request` for an already-granted origin resolves
 * true without a prompt: so enabling `http://localhost:<port>` goes through the real request,
 * registration and injection path. Giving an optional permission back is covered by
 * test/agent/site-registration.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { TAKEOVER_MEASURE } from '../../src/ui/dock/marks';
import { inPanel, PANEL_HOST, panelBox, panelHostCount, settingsReadEarly, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };
const LOOPBACK_RULE = 'http://127.0.0.1/*';

describe('per-site configuration in Chromium', () => {
  const sandbox = useSandbox();
  let options: Page;

  const worker = () => sandbox.ext.worker();
  // The panel's registrations (its settings' early read sits beside each, hostile-pages.test.ts).
  const registeredMatches = async () =>
    ((await (await worker()).evaluate('chrome.scripting.getRegisteredContentScripts()')) as Array<{ matches: string[]; js: string[] }>)
      .filter((s) => s.js.includes('content-scripts/panel.js'))
      .flatMap((s) => s.matches);
  const resetRules = async () => (await worker()).evaluate(`chrome.storage.local.remove(['siteRules', 'panelPlacements'])`);
  const row = (match: string) => `${testId('site-rule')}[data-match="${match}"]`;
  const openOptions = async () => {
    options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html#sites`);
    await options.locator(row(LOOPBACK_RULE)).wait();
  };
  const openCrm = async (url = sandbox.crm.url) => {
    const page = await sandbox.ext.browser.newPage();
    await page.goto(url);
    return page;
  };

  it('enables a site from the options page (asking for that origin only), shows the panel in an open tab without a reload, and disabling removes it', async () => {
    await resetRules();
    const site = sandbox.crm.url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
    const crm = await openCrm(`${site}/`);
    await crm.locator('header input').wait();
    expect(await registeredMatches()).toEqual([LOOPBACK_RULE]);
    expect(await panelHostCount(crm)).toBe(0);

    await openOptions();
    await options.locator(testId('site-input')).fill(site);
    await options.locator(testId('site-add')).click();
    await options.locator(`${row(site)} ${testId('site-status')}::-p-text(Runs here)`).wait();
    await vi.waitFor(async () => expect(await registeredMatches()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']), WAIT);
    // The tab open before the site was enabled gets the panel, once, without a reload: no early
    // read of the site rules ran there, so the panel read them itself.
    await crm.locator(inPanel(testId('panel'))).wait();
    expect(await panelHostCount(crm)).toBe(1);
    expect(await settingsReadEarly(crm)).toBe(false);

    await options.locator(`${row(site)} ${testId('site-enabled')}`).click();
    await vi.waitFor(async () => expect(await options.$eval(`${row(site)} ${testId('site-status')}`, (el) => el.textContent)).toBe('Off'), WAIT);
    await vi.waitFor(async () => expect(await panelHostCount(crm)).toBe(0), WAIT);
    await vi.waitFor(async () => expect(await registeredMatches()).toEqual([LOOPBACK_RULE]), WAIT);
    // localhost is one of the extension's required hosts (the sandbox), so it is kept; an optional one is given back.
    expect(await (await worker()).evaluate(`chrome.permissions.contains({ origins: ['http://localhost/*'] })`)).toBe(true);

    // A site that is not an origin or a URL pattern is refused with a sentence.
    await options.locator(testId('site-input')).fill('crm dot example');
    await options.locator(testId('site-add')).click();
    await options.locator(`${testId('sites-error')}::-p-text(is not an origin)`).wait();
    await crm.close();
    await options.close();
  });

  it('keeps a site enabled across a worker restart: registrations persist, new tabs get the panel', async () => {
    await resetRules();
    const site = sandbox.crm.url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
    await (await worker()).evaluate(`chrome.storage.local.set({ siteRules: [
      { match: '${LOOPBACK_RULE}', enabled: true, mode: 'in-page', dock: 'right', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false },
      { match: '${site}', enabled: true, mode: 'in-page', dock: 'left', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false },
    ] })`);
    await vi.waitFor(async () => expect(await registeredMatches()).toEqual([LOOPBACK_RULE, 'http://localhost/*']), WAIT);
    await (await worker()).close();
    // The page loads while the worker is stopped: Chrome injects the registered script itself.
    const crm = await openCrm(`${site}/`);
    await crm.locator(inPanel(testId('panel'))).wait();
    // Laid out by the site's rule, read while the page loaded (document_start) and handed to the panel.
    expect((await panelBox(crm))?.left).toBe(0);
    expect(await settingsReadEarly(crm)).toBe(true);
    expect(await registeredMatches()).toEqual([LOOPBACK_RULE, 'http://localhost/*']);
    await crm.close();
  });

  it('turns the panel on and off for the active tab’s site from the toolbar popup', async () => {
    await resetRules();
    const site = sandbox.crm.url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
    const crm = await openCrm(`${site}/`);
    await crm.locator('header input').wait();
    expect(await panelHostCount(crm)).toBe(0);
    // The real toolbar popup, opened on the CRM tab: activeTab lets it read the tab's address.
    const extension = (await sandbox.ext.browser.extensions()).get(sandbox.ext.extensionId)!;
    await extension.triggerAction(crm);
    const popup = (await (await sandbox.ext.browser.waitForTarget((t) => t.url().endsWith('/popup.html'))).asPage())!;
    await popup.locator(`${testId('this-site')}::-p-text(Show the panel on ${site})`).wait();
    expect(await popup.$eval(testId('this-site-toggle'), (i) => (i as HTMLInputElement).checked)).toBe(false);
    await popup.locator(testId('this-site-toggle')).click();
    await crm.locator(inPanel(testId('panel'))).wait();
    expect(await registeredMatches()).toContain('http://localhost/*');
    const stored = (await (await worker()).evaluate(`chrome.storage.local.get('siteRules').then((v) => v.siteRules.map((r) => [r.match, r.enabled]))`)) as unknown;
    expect(stored).toEqual([
      [LOOPBACK_RULE, true],
      [site, true],
    ]);

    await popup.locator(testId('this-site-toggle')).click();
    await vi.waitFor(async () => expect(await panelHostCount(crm)).toBe(0), WAIT);
    await vi.waitFor(async () => expect(await registeredMatches()).toEqual([LOOPBACK_RULE]), WAIT);
    await popup.close();
    await crm.close();
  });

  it('applies layout changes to open tabs at once: dock, width, push the page, z-index, floating, start collapsed', async () => {
    await resetRules();
    const crm = await openCrm();
    await crm.locator(inPanel(testId('panel'))).wait();
    await openOptions();

    await options.select(`${row(LOOPBACK_RULE)} select[name="dock"]`, 'left');
    await vi.waitFor(async () => expect((await panelBox(crm))?.left).toBe(0), WAIT);

    const width = (await options.$(`${row(LOOPBACK_RULE)} input[name="width"]`)) as ElementHandle<HTMLInputElement>;
    await width.click({ count: 3 });
    await width.type('420');
    await width.press('Tab');
    await vi.waitFor(async () => expect((await panelBox(crm))?.width).toBe(420), WAIT);

    // Pushing the page: the CRM's controls (its brand, top left) move out from under the panel docked left.
    const brand = () => crm.$eval('header strong', (el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect((await brand()).left).toBeLessThan(420);
    await options.locator(`${row(LOOPBACK_RULE)} input[name="pushPage"]`).click();
    await vi.waitFor(async () => expect(await crm.evaluate(() => getComputedStyle(document.documentElement).marginLeft)).toBe('420px'), WAIT);
    expect((await brand()).left).toBeGreaterThanOrEqual(420);

    const zIndex = (await options.$(`${row(LOOPBACK_RULE)} input[name="zIndex"]`)) as ElementHandle<HTMLInputElement>;
    await zIndex.type('5');
    await zIndex.press('Tab');
    await vi.waitFor(async () => {
      expect(await crm.evaluate(() => getComputedStyle(document.querySelector('agent-dock-panel')!.shadowRoot!.querySelector('.panel')!).zIndex)).toBe('5');
    }, WAIT);

    // Floating: no page margin, the panel away from the edges.
    await options.select(`${row(LOOPBACK_RULE)} select[name="dock"]`, 'floating');
    await vi.waitFor(async () => expect(await crm.evaluate(() => getComputedStyle(document.documentElement).marginLeft)).toBe('0px'), WAIT);
    const floating = (await panelBox(crm))!;
    expect(floating.width).toBe(420);
    expect(floating.top).toBeGreaterThan(0);
    expect(floating.left + floating.width).toBeLessThan(floating.viewportWidth);

    // Start collapsed applies to the next page load: the slim tab.
    await options.locator(`${row(LOOPBACK_RULE)} input[name="startCollapsed"]`).click();
    await crm.reload();
    await crm.locator(inPanel(`${testId('panel')}[aria-label="Open Agent Dock"]`)).wait();
    expect(await panelHostCount(crm)).toBe(1);
    await crm.close();
    await options.close();
  });

  it('draws its frame without Preact, and Preact takes those same elements over (with the first view, or once the page has painted)', async () => {
    await resetRules();
    const crm = await sandbox.ext.browser.newPage();
    // The page's own world sees the e2e build's open shadow root: it keeps the panel element of the
    // first paint, caught as the host joins the page. Where the background's first view is there
    // already (the early read opened its port at document_start), Preact draws the real panel in
    // that same task, so the text seen may already be Preact's: the element is the frame's.
    await crm.evaluateOnNewDocument((host: string) => {
      new MutationObserver((_, observer) => {
        const panel = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]');
        if (!panel) return;
        observer.disconnect();
        Object.assign(globalThis, { firstPaint: { panel, text: panel.textContent } });
      }).observe(document, { childList: true, subtree: true });
    }, PANEL_HOST);
    await crm.goto(sandbox.crm.url);
    await crm.waitForFunction((name) => performance.getEntriesByName(name).length > 0, { polling: 100 }, TAKEOVER_MEASURE);
    const seen = await crm.evaluate((host: string) => {
      const root = document.querySelector(host)!.shadowRoot!;
      const { panel, text } = (globalThis as unknown as { firstPaint: { panel: Element; text: string } }).firstPaint;
      return { text, kept: panel.isConnected && root.contains(panel), docks: root.querySelectorAll('[data-testid="dock"]').length };
    }, PANEL_HOST);
    expect(seen).toEqual({ text: expect.stringMatching(/Connecting…|Signed out|·/), kept: true, docks: 1 });
    // Preact's handlers are on those elements: the frame's collapse button works.
    await crm.locator(inPanel('[aria-label="Collapse the panel"]')).click();
    await crm.locator(inPanel(`${testId('panel')}[aria-label="Open Agent Dock"]`)).wait();
    expect(await panelHostCount(crm)).toBe(1);
    await crm.close();
  });

  it('is resizable, movable when floating, and remembers its size and place per site across reloads', async () => {
    await resetRules();
    const crm = await openCrm();
    await crm.locator(inPanel(testId('panel'))).wait();
    const before = (await panelBox(crm))!;
    expect(before.width).toBe(360);
    const handle = (await crm.$(inPanel(testId('resize-handle'))))!;
    const box = (await handle.boundingBox())!;
    await crm.mouse.move(box.x + box.width / 2, box.y + 200);
    await crm.mouse.down();
    await crm.mouse.move(box.x + box.width / 2 - 60, box.y + 200, { steps: 4 });
    await crm.mouse.move(box.x + box.width / 2 - 100, box.y + 200, { steps: 4 });
    await crm.mouse.up();
    await vi.waitFor(async () => expect((await panelBox(crm))?.width).toBe(460), WAIT);
    await crm.reload();
    await crm.locator(inPanel(testId('panel'))).wait();
    await vi.waitFor(async () => expect((await panelBox(crm))?.width).toBe(460), WAIT);

    // Floating, it moves by its top bar, and is found where it was left after a reload.
    await (await worker()).evaluate(`chrome.storage.local.get('siteRules').then(({ siteRules }) =>
      chrome.storage.local.set({ siteRules: [{ match: '${LOOPBACK_RULE}', enabled: true, mode: 'in-page', dock: 'floating', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false }] }))`);
    const bar = await crm.waitForSelector(inPanel('.move-handle'));
    const start = (await panelBox(crm))!;
    const grip = (await bar!.boundingBox())!;
    await crm.mouse.move(grip.x + 40, grip.y + 6);
    await crm.mouse.down();
    await crm.mouse.move(grip.x - 160, grip.y + 106, { steps: 5 });
    await crm.mouse.up();
    await vi.waitFor(async () => expect((await panelBox(crm))?.left).toBe(start.left - 200), WAIT);
    const moved = (await panelBox(crm))!;
    expect(moved.top).toBe(start.top + 100);
    await crm.reload();
    await crm.locator(inPanel(testId('panel'))).wait();
    await vi.waitFor(async () => expect(await panelBox(crm)).toMatchObject({ left: moved.left, top: moved.top, width: 460 }), WAIT);
    await crm.close();
  });

  it('exports the rules as JSON and imports them back; a bad file is refused with clear errors', async () => {
    await resetRules();
    await openOptions();
    const dir = mkdtempSync(join(tmpdir(), 'agent-dock-sites-'));
    const cdp = await sandbox.ext.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    await options.locator(testId('sites-export')).click();
    await vi.waitFor(() => expect(readdirSync(dir)).toContain('agent-dock-sites.json'), WAIT);
    const exported = JSON.parse(readFileSync(join(dir, 'agent-dock-sites.json'), 'utf8'));
    expect(exported).toMatchObject({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: LOOPBACK_RULE, enabled: true, dock: 'right', width: 360 }] });

    const good = join(dir, 'good.json');
    exported.rules.push(
      { match: 'https://crm.example.com', dock: 'left', width: 400, pushPage: true },
      { match: 'https://*.zendesk.com/agent/*', mode: 'side-panel' },
    );
    writeFileSync(good, JSON.stringify(exported));
    const input = (await options.$(testId('sites-import'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(good);
    await options.locator(`${testId('sites-status')}::-p-text(Imported 3 site rules)`).wait();
    // Imported sites are listed; the ones the browser has not granted say so.
    await options.locator(`${row('https://crm.example.com')} ${testId('site-status')}::-p-text(Needs access)`).wait();
    await options.locator(`${row('https://*.zendesk.com/agent/*')} ${testId('site-status')}::-p-text(Needs access)`).wait();
    const stored = (await (await worker()).evaluate(`chrome.storage.local.get('siteRules').then((v) => v.siteRules)`)) as Array<{ match: string; dock: string; mode: string; autoOpenOnRing: boolean }>;
    expect(stored.map((r) => [r.match, r.dock, r.mode, r.autoOpenOnRing])).toEqual([
      [LOOPBACK_RULE, 'right', 'in-page', true],
      ['https://crm.example.com', 'left', 'in-page', true],
      ['https://*.zendesk.com/agent/*', 'right', 'side-panel', true],
    ]);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: 'ftp://files.example.com', dock: 'top', width: 5 }] }));
    await input.uploadFile(bad);
    await options.locator(`${testId('sites-error')}::-p-text(bad.json was not imported)`).wait();
    const errors = await options.$eval(testId('sites-error'), (el) => el.textContent ?? '');
    expect(errors).toContain('rules[0].match: "ftp://files.example.com" is not an origin');
    expect(errors).toContain('rules[0].dock:');
    expect(errors).toContain('rules[0].width:');
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{ "format": ');
    await input.uploadFile(notJson);
    await options.locator(`${testId('sites-error')}::-p-text(The file is not JSON)`).wait();
    // A refused file changes nothing.
    expect(await options.$$eval(testId('site-rule'), (rows) => rows.length)).toBe(3);
    await options.close();
  });

  it('moves the panel to Chrome’s side panel on sites set to it, and back', async () => {
    await resetRules();
    const crm = await openCrm();
    await crm.locator(inPanel(testId('panel'))).wait();
    const tabId = (await (await worker()).evaluate(`chrome.tabs.query({ url: '${LOOPBACK_RULE}' }).then((tabs) => tabs[0].id)`)) as number;
    const sidePanelOptions = async () => (await worker()).evaluate(`chrome.sidePanel.getOptions({ tabId: ${tabId} })`) as Promise<{ enabled: boolean; path?: string }>;
    expect((await sidePanelOptions()).enabled).toBe(false);

    await openOptions();
    await options.select(`${row(LOOPBACK_RULE)} select[name="mode"]`, 'side-panel');
    await vi.waitFor(async () => expect(await panelHostCount(crm)).toBe(0), WAIT);
    await vi.waitFor(async () => expect(await sidePanelOptions()).toMatchObject({ enabled: true, path: 'sidepanel.html' }), WAIT);

    // The side panel's page is the same panel, filling the side panel.
    const side = await sandbox.ext.browser.newPage();
    await side.setViewport({ width: 400, height: 800 });
    await side.goto(`chrome-extension://${sandbox.ext.extensionId}/sidepanel.html`);
    await side.locator(testId('panel')).wait();
    expect(await side.$eval('.panel', (el) => el.getBoundingClientRect().width)).toBe(400);
    await side.close();

    // A reload keeps it; leaving for a site that is not set to the side panel takes it away.
    await crm.reload();
    await crm.locator('header input').wait();
    await vi.waitFor(async () => expect(await sidePanelOptions()).toMatchObject({ enabled: true }), WAIT);
    await crm.goto(sandbox.crm.url.replace('127.0.0.1', 'localhost'));
    await vi.waitFor(async () => expect((await sidePanelOptions()).enabled).toBe(false), WAIT);
    await crm.goto(sandbox.crm.url);
    await vi.waitFor(async () => expect(await sidePanelOptions()).toMatchObject({ enabled: true }), WAIT);

    await options.select(`${row(LOOPBACK_RULE)} select[name="mode"]`, 'in-page');
    await crm.locator(inPanel(testId('panel'))).wait();
    await vi.waitFor(async () => expect((await sidePanelOptions()).enabled).toBe(false), WAIT);
    await crm.close();
    await options.close();
  });

  it('collapses to a slim tab that still shows a ring, and opens by itself on a ring where the site says so', async () => {
    await resetRules();
    const setRule = (patch: string) =>
      worker().then((w) =>
        w.evaluate(`chrome.storage.local.set({ siteRules: [{ match: '${LOOPBACK_RULE}', enabled: true, mode: 'in-page', dock: 'right', width: 360, startCollapsed: true, pushPage: false, frames: false, ${patch} }] })`),
      );
    await setRule('autoOpenOnRing: false');
    const popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    const crm = await openCrm();
    const slimTab = inPanel(`${testId('panel')}[aria-label="Open Agent Dock"]`);
    await crm.locator(slimTab).wait();

    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
    // Collapsed, the slim tab shows the ring.
    await crm.locator(inPanel('.tab .badge-ring::-p-text(1)')).wait();
    expect(await panelBox(crm)).toBeNull();

    // "Open on ring": the ringing panel opens at once, without a reload.
    await setRule('autoOpenOnRing: true');
    await crm.locator(inPanel(testId('ring'))).wait();
    expect((await panelBox(crm))?.width).toBe(360);
    await visitor.end();
    await popup.close();
    await crm.close();
  });
});
