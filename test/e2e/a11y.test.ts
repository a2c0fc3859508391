/**
 * Accessibility in Chromium: axe-core finds no serious or critical violation in the popup, the
 * options page or the panel (inside its shadow root); the whole agent flow works by keyboard
 * alone; a live region announces rings and new lines; right-to-left lines render right to left.
 * The popup screenshot in the README is taken here.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { seriousAxeViolations } from './support/axe';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, PANEL_HOST, panelLines, testId } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';

const WAIT = { timeout: 15_000, interval: 100 };

/** Where focus is, as `host >>> testid` for the panel or the test id on the page. */
function focused(page: Page): Promise<string> {
  return page.evaluate((host) => {
    let el = document.activeElement;
    let prefix = '';
    if (el?.localName === host && el.shadowRoot) {
      prefix = `${host} >>> `;
      el = el.shadowRoot.activeElement;
    }
    return prefix + (el?.getAttribute('data-testid') ?? el?.localName ?? 'none');
  }, PANEL_HOST);
}

async function shiftTab(page: Page): Promise<void> {
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
}

/** Presses Tab until focus reaches `target`, as an agent without a mouse would. */
async function tabTo(page: Page, target: string, maxPresses = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === target) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${target}; focus went through: ${seen.join(', ')}`);
}

describe('accessibility in Chromium', () => {
  const sandbox = useSandbox();
  let popup: Page;
  let crmTab: Page;

  it('options page and signed-out popup: no serious axe violations', async () => {
    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(testId('connection')).wait();
    expect(await seriousAxeViolations(options)).toEqual([]);
    await options.close();

    popup = await openPopup(sandbox.ext);
    await popup.locator(testId('signin-form')).wait();
    expect(await seriousAxeViolations(popup)).toEqual([]);
  });

  it('signed-in popup by keyboard: availability buttons reachable and pressed with the keyboard; no serious axe violations', async () => {
    await signInAndGoOnline(popup, sandbox.emulator);
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(popup, 'availability-Away');
    await popup.keyboard.press('Enter');
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
    await shiftTab(popup);
    expect(await focused(popup)).toBe('availability-Online');
    await popup.keyboard.press(' ');
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    await popup.locator(`${testId('health')}::-p-text(Session healthy)`).wait();
    expect(await seriousAxeViolations(popup)).toEqual([]);

    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.setViewport({ width: 320, height: 600 });
    const main = await popup.$('main');
    await main!.screenshot({ path: screenshotPath('popup.png') });
  });

  it('panel by keyboard alone: the ring is announced, Tab reaches Accept, a line each way, End; lines announced; RTL lines right to left', async () => {
    crmTab = await sandbox.ext.browser.newPage();
    await crmTab.goto(sandbox.crm.url);
    await crmTab.locator(inPanel(testId('panel'))).wait();
    expect(await seriousAxeViolations(crmTab, PANEL_HOST)).toEqual([]);

    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Layla' });
    await crmTab.locator(inPanel(`[role="alert"]${testId('ring')}`)).wait();
    expect(await seriousAxeViolations(crmTab, PANEL_HOST)).toEqual([]);

    await crmTab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(crmTab, `${PANEL_HOST} >>> accept`);
    await crmTab.keyboard.press('Enter');
    await crmTab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await visitor.waitFor((v) => v.state() === 'chatting', 10_000);

    // A visitor line in Arabic: announced, and laid out right to left.
    const arabic = 'مرحبا، طلبي لم يصل بعد';
    await visitor.sendLine(arabic);
    await vi.waitFor(async () => {
      expect((await panelLines(crmTab)).map((l) => l.text)).toContain(arabic);
    }, WAIT);
    await crmTab.locator(inPanel(`${testId('announcer')}::-p-text(${arabic})`)).wait();
    const direction = await crmTab.evaluate((host, text) => {
      const lines = [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="line-text"]') ?? [])];
      const line = lines.find((el) => el.textContent === text);
      return line ? getComputedStyle(line).direction : 'missing';
    }, PANEL_HOST, arabic);
    expect(direction).toBe('rtl');

    await tabTo(crmTab, `${PANEL_HOST} >>> composer`);
    const reply = 'Sorry to hear that, Layla. Checking now.';
    await crmTab.keyboard.type(reply);
    await crmTab.keyboard.press('Enter');
    await visitor.waitFor((v) => v.lines().some((l) => l.source === 'agent' && l.text === reply), 15_000);
    expect(await seriousAxeViolations(crmTab, PANEL_HOST)).toEqual([]);

    // Back to the chat header's End chat with Shift+Tab, then the confirmation.
    let presses = 0;
    while ((await focused(crmTab)) !== `${PANEL_HOST} >>> end-chat` && presses++ < 30) await shiftTab(crmTab);
    expect(await focused(crmTab)).toBe(`${PANEL_HOST} >>> end-chat`);
    await crmTab.keyboard.press('Enter');
    await tabTo(crmTab, `${PANEL_HOST} >>> end-confirm`, 5);
    await crmTab.keyboard.press('Enter');
    await crmTab.locator(inPanel(testId('chat-ended'))).wait();
    await visitor.waitFor((v) => v.state() === 'ended', 15_000);
    expect(await seriousAxeViolations(crmTab, PANEL_HOST)).toEqual([]);
  });
});
