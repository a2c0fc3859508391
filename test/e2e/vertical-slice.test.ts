/**
 * The foundation flow, driven as an agent would: sign in and go Online in the popup, ring in the
 * CRM tab's panel, accept, three lines each way, end — with a visitor on the Server Chat API.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelHostCount, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';

const WAIT = { timeout: 15_000, interval: 100 };

describe('vertical slice in Chromium', () => {
  const sandbox = useSandbox();
  let popup: Page;
  let crmTab: Page;

  it('refuses a wrong password, then signs in and goes Online from the popup', async () => {
    popup = await openPopup(sandbox.ext);
    await popup.locator('input[name="csdsUrl"]').fill(sandbox.emulator.baseUrl);
    await popup.locator('input[name="accountId"]').fill('12345678');
    await popup.locator('input[name="username"]').fill('agent1');
    await popup.locator('input[name="password"]').fill('wrong-pass');
    await popup.locator(testId('signin-submit')).click();
    await popup.locator(`${testId('error')}::-p-text(refused)`).wait();

    await signInAndGoOnline(popup, sandbox.emulator);
    // Where the agent decides: free slots, who is online, skills.
    await vi.waitFor(async () => {
      expect(await popup.$eval(testId('my-slots'), (el) => el.textContent)).toBe('4');
    }, WAIT);
    expect(await popup.$eval(testId('online-agents'), (el) => el.textContent)).toBe('1');
    expect(await popup.$eval(testId('skills'), (el) => el.textContent)).toBe('Sales, Support');
    expect(await popup.$eval(testId('availability-Online'), (b) => b.getAttribute('aria-pressed'))).toBe('true');
  });

  it('rings in the CRM tab, accepts, exchanges three lines each way in order, ends and fills the agent survey', async () => {
    crmTab = await sandbox.ext.browser.newPage();
    await crmTab.goto(sandbox.crm.url);
    await crmTab.locator(inPanel(testId('panel'))).wait();
    expect(await panelHostCount(crmTab)).toBe(1);
    // The page itself has no way to message the extension (no externally_connectable).
    const fromPage = await crmTab.evaluate(async (id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
      try {
        await runtime!.sendMessage!(id, { id: 1, type: 'signOut', timestamp: Date.now() });
        return 'delivered';
      } catch {
        return 'refused';
      }
    }, sandbox.ext.extensionId);
    expect(fromPage).toBe('refused');

    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
    await crmTab.locator(inPanel(testId('ring'))).wait();
    await popup.bringToFront();
    await vi.waitFor(async () => {
      expect(await popup.$eval(testId('ringing-count'), (el) => el.textContent)).toBe('1');
    }, WAIT);
    await crmTab.bringToFront();
    await crmTab.locator(inPanel(testId('accept'))).click();
    await crmTab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await visitor.waitFor((v) => v.state() === 'chatting', 10_000);

    const script: Array<['visitor' | 'agent', string]> = [
      ['visitor', 'Hi, my order #88213 has not arrived yet.'],
      ['agent', 'Sorry to hear that, Dana. Let me check the delivery.'],
      ['visitor', 'It was due on Friday.'],
      ['agent', 'The carrier shows it out for delivery today.'],
      ['visitor', 'Great, thank you!'],
      ['agent', 'You are welcome. Anything else?'],
    ];
    for (const [who, text] of script) {
      if (who === 'visitor') await visitor.sendLine(text);
      else await typeIntoComposer(crmTab, text);
      // Each line must reach the other side before the next is written, so order is defined.
      await vi.waitFor(async () => {
        expect((await panelLines(crmTab)).map((l) => l.text)).toContain(text);
      }, WAIT);
      await visitor.waitFor((v) => v.lines().some((l) => l.text === text), 15_000);
    }

    const expected = script.map(([source, text]) => ({ source, text }));
    const inPanelView = (await panelLines(crmTab))
      .filter((l) => l.source !== 'system')
      .map(({ source, text }) => ({ source, text }));
    expect(inPanelView).toEqual(expected);
    const inVisitorView = visitor
      .lines()
      .filter((l) => l.source !== 'system')
      .map(({ source, text }) => ({ source, text }));
    expect(inVisitorView).toEqual(expected);
    // No line shown twice, none pending.
    const ids = (await panelLines(crmTab)).map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.startsWith('pending:'))).toBe(false);

    await crmTab.screenshot({ path: screenshotPath('panel.png') });

    await crmTab.locator(inPanel(testId('end-chat'))).click();
    await crmTab.locator(inPanel(testId('end-confirm'))).click();
    await crmTab.locator(inPanel(testId('chat-ended'))).wait();
    await visitor.waitFor((v) => v.state() === 'ended', 15_000);
    expect(await crmTab.$(inPanel(testId('composer')) + ':not([disabled])')).toBeNull();

    // The wrap-up survey: required answers are checked before anything is sent.
    await crmTab.locator(inPanel(testId('survey-submit'))).click();
    await crmTab.locator(inPanel(`${testId('survey-problem')}::-p-text(Reason for contact)`)).wait();
    await crmTab.locator(inPanel(`${testId('survey-question')}[data-question-id="1"] select`)).fill('Other');
    await crmTab.locator(inPanel(`${testId('survey-question')}[data-question-id="3"]`)).wait(); // revealed by "Other"
    await crmTab.locator(inPanel(`${testId('survey-question')}[data-question-id="2"] input[value="Yes"]`)).click();
    await crmTab.locator(inPanel(testId('survey-submit'))).click();
    await crmTab.locator(inPanel(`${testId('survey-problem')}::-p-text(Other topics)`)).wait();
    await crmTab.locator(inPanel(`${testId('survey-question')}[data-question-id="3"] input[value="Account"]`)).click();
    await crmTab.locator(inPanel(testId('survey-submit'))).click();
    await crmTab.locator(inPanel(testId('survey-done'))).wait();

    await crmTab.locator(inPanel(testId('close-chat'))).click();
    await vi.waitFor(async () => {
      expect(await crmTab.$(inPanel(testId('chat')))).toBeNull();
    }, WAIT);
  });

  it('signs out from the popup', async () => {
    await popup.bringToFront();
    await popup.locator(testId('signout')).click();
    await popup.locator(testId('signin-form')).wait();
  });
});
