/**
 * Smoke run of the Firefox build in Firefox ESR (puppeteer over WebDriver BiDi): sign in from the
 * popup page, ring in the demo CRM page's panel, accept, one line each way, end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { startEmulator, type Emulator } from '../emulator/server';
import { Visitor } from '../emulator/visitor';
import { startCrmServer, type CrmServer } from '../sandbox/crm-server';
import { clickOn, firefoxExecutable, launchFirefoxWithExtension, typeInto, type FirefoxWithExtension } from './support/firefox';
import { seriousAxeViolations } from './support/axe';
import { inPanel, PANEL_HOST, panelLines, settingsReadEarly, testId } from './support/panel';

const WAIT = { timeout: 15_000, interval: 100 };

/** The bits of `browser.*` this test reads inside an extension page. */
interface ExtensionApi {
  runtime: { getManifest(): { manifest_version: number } };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
}

describe('smoke run in Firefox ESR', () => {
  let emulator: Emulator;
  let crm: CrmServer;
  let firefox: FirefoxWithExtension;
  let popup: Page;
  let crmTab: Page;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    crm = await startCrmServer();
    firefox = await launchFirefoxWithExtension();
  });
  afterAll(async () => {
    await firefox?.close();
    await crm?.close();
    await emulator?.close();
  });

  it('without Firefox, fails saying how to install Firefox ESR (never skips)', () => {
    expect(() => firefoxExecutable(['/nonexistent/firefox-esr'], {})).toThrow(/sudo apt-get install firefox-esr/);
  });

  it('installs as an MV3 add-on with its host permissions granted', async () => {
    const options = await firefox.openExtensionPage('options.html');
    const facts = await options.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: ExtensionApi }).browser;
      return {
        manifestVersion: ext.runtime.getManifest().manifest_version,
        loopback: await ext.permissions.contains({ origins: ['http://127.0.0.1/*'] }),
        liveperson: await ext.permissions.contains({ origins: ['https://*.liveperson.net/*'] }),
      };
    });
    expect(facts).toEqual({ manifestVersion: 3, loopback: true, liveperson: true });
    // The emulator is on loopback, where polling faster than LivePerson's 2 s is allowed.
    await typeInto(options, 'input[name="pollIntervalMs"]', '200');
    await clickOn(options, 'button[data-testid="poll-save"]');
    await options.waitForSelector('::-p-text(Saved.)');
    // No offscreen documents in Firefox: the ring sound plays in the event-page background.
    await clickOn(options, testId('test-ring'));
    await options.waitForSelector('::-p-text(Playing the ring once.)');
    // No on-device translation in Firefox: the options page says so, and why (issue #21).
    await options.waitForSelector(`${testId('translation-support')}[data-available="false"]`);
    expect(await options.$eval(testId('translation-support'), (el) => el.textContent)).toContain('Firefox has no on-device translation');
    await options.close();
  });

  it('signs in and goes Online from the popup page', async () => {
    popup = await firefox.openExtensionPage('popup.html');
    await typeInto(popup, 'input[name="csdsUrl"]', emulator.baseUrl);
    await typeInto(popup, 'input[name="accountId"]', '12345678');
    await typeInto(popup, 'input[name="username"]', 'agent1');
    await typeInto(popup, 'input[name="password"]', 'agent1-pass');
    await clickOn(popup, testId('signin-submit'));
    await popup.waitForSelector(`${testId('auth-status')}::-p-text(Signed in)`);
    await clickOn(popup, testId('availability-Online'));
    await popup.waitForSelector(`${testId('availability')}::-p-text(Online)`);
  });

  it('rings in the demo CRM page, accepts, exchanges a line each way and ends', async () => {
    crmTab = await firefox.browser.newPage();
    await crmTab.goto(crm.url);
    await crmTab.waitForSelector(inPanel(testId('panel')));
    // Laid out from the site rules read at document_start (Firefox runs registered scripts too).
    expect(await settingsReadEarly(crmTab)).toBe(true);

    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Dana' });
    await crmTab.waitForSelector(inPanel(testId('ring')), WAIT);
    await clickOn(crmTab, inPanel(testId('accept')));
    await crmTab.waitForSelector(inPanel(`${testId('chat')}[data-state="chatting"]`), WAIT);
    await visitor.waitFor((v) => v.state() === 'chatting', 10_000);
    // The chat tools are injected into the panel's world on demand and run on its Preact.
    await crmTab.waitForSelector(inPanel(testId('visitor-info')), WAIT);
    await clickOn(crmTab, inPanel(testId('transfer')));
    await crmTab.waitForSelector(inPanel(testId('transfer-form')), WAIT);
    await clickOn(crmTab, inPanel(testId('transfer')));

    const fromVisitor = 'Hi, my order #88213 has not arrived yet.';
    await visitor.sendLine(fromVisitor);
    await vi.waitFor(async () => {
      expect((await panelLines(crmTab)).map((l) => l.text)).toContain(fromVisitor);
    }, WAIT);

    const fromAgent = 'Sorry to hear that, Dana. Let me check the delivery.';
    await clickOn(crmTab, inPanel(testId('composer')));
    await crmTab.keyboard.type(fromAgent);
    await crmTab.keyboard.press('Enter');
    await visitor.waitFor((v) => v.lines().some((l) => l.source === 'agent' && l.text === fromAgent), 15_000);
    await vi.waitFor(async () => {
      const lines = (await panelLines(crmTab)).filter((l) => l.source !== 'system');
      expect(lines.map(({ source, text }) => ({ source, text }))).toEqual([
        { source: 'visitor', text: fromVisitor },
        { source: 'agent', text: fromAgent },
      ]);
      expect(lines.some((l) => l.id.startsWith('pending:'))).toBe(false);
    }, WAIT);

    expect(await seriousAxeViolations(crmTab, PANEL_HOST)).toEqual([]);

    await clickOn(crmTab, inPanel(testId('end-chat')));
    await clickOn(crmTab, inPanel(testId('end-confirm')));
    await crmTab.waitForSelector(inPanel(testId('chat-ended')), WAIT);
    await visitor.waitFor((v) => v.state() === 'ended', 15_000);
  });
});
