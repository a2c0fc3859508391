/**
 * Issue #22 in Firefox ESR with the Firefox build (puppeteer over WebDriver BiDi), on the demo CRM:
 * a returning visitor's previous chats appear and one opens (hostile markup inert); signed in on
 * another device she is found by her customer id; "Open record" lands on the demo CRM's record for
 * the visitor's e-mail in the same tab, with the panel and its on-demand tools back on that load and
 * on reloads; after the survey the agent teaches three CRM fields once, and a second chat's wrap-up
 * fills all three with one click into the React-style controlled form, which keeps them. The
 * Chromium runs are previous-chats, crm-record and wrap-up.test.ts.
 *
 * Extension pages are driven with ./support/firefox.ts's helpers (`Locator.fill` does not work on
 * moz-extension:// pages); the CRM page and the panel with puppeteer's handles.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { startEmulator, type Emulator } from '../emulator/server';
import { HOSTILE_HISTORY_LINE, RETURNING_VISITOR_ID } from '../emulator/engagement-history';
import { Visitor } from '../emulator/visitor';
import { startCrmServer, type CrmServer } from '../sandbox/crm-server';
import { clickOn, launchFirefoxWithExtension, typeInto, type FirefoxWithExtension } from './support/firefox';
import { inPanel, PANEL_HOST, testId } from './support/panel';

const WAIT = { timeout: 15_000, interval: 100 };
const DANA = { '4991310': 'Dana Whitfield', '4991311': 'dana@example.com', '4991312': '88213' };

describe('previous chats, Open record and wrap-up in Firefox ESR', () => {
  let emulator: Emulator;
  let crm: CrmServer;
  let firefox: FirefoxWithExtension;
  let origin: string;
  let recordUrl: string;

  /** Texts of the panel's elements matching `selector`. */
  const texts = (page: Page, selector: string) =>
    page.evaluate((host, sel) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll(sel) ?? [])].map((el) => el.textContent ?? ''), PANEL_HOST, selector);
  const panelElement = (page: Page, selector: string) => page.waitForSelector(inPanel(selector), WAIT) as Promise<ElementHandle<Element>>;
  const choose = async (page: Page, selector: string, value: string) => {
    const select = (await panelElement(page, selector)) as ElementHandle<HTMLSelectElement>;
    await select.select(value);
  };
  const typeInPanel = async (page: Page, selector: string, text: string) => {
    const field = await panelElement(page, selector);
    await field.click();
    await page.keyboard.type(text);
  };

  /** The options page's CRM settings: one save, its status line says what it saved. */
  async function saveCrmSetting(fields: Array<[string, string]>, save: string, saved: string): Promise<void> {
    const options = await firefox.openExtensionPage('options.html');
    await options.waitForSelector(testId('crm-settings'), WAIT);
    for (const [field, value] of fields) await typeInto(options, testId(field), value);
    await clickOn(options, testId(save));
    await options.waitForSelector(`${testId('crm-settings-status')}::-p-text(${saved})`, WAIT);
    await options.close();
  }

  /** A CRM tab on the record page with a chat from Dana accepted. */
  async function chatWithDana(who: { visitorId?: string; ssoKey?: string } = {}): Promise<{ tab: Page; dana: Visitor }> {
    const tab = await firefox.browser.newPage();
    await tab.goto(recordUrl);
    await tab.bringToFront();
    await tab.waitForSelector(inPanel(testId('panel')), WAIT);
    const dana = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Dana', ...(who.ssoKey ? who : { survey: DANA, ...who }) });
    await clickOn(tab, inPanel(testId('accept')));
    await tab.waitForSelector(inPanel(`${testId('chat')}[data-state="chatting"]`), WAIT);
    await dana.waitFor((v) => v.state() === 'chatting', 10_000);
    return { tab, dana };
  }

  /** Ends the chat and fills the agent survey LivePerson requires: the wrap-up card comes after it. */
  async function endAndSurvey(tab: Page): Promise<string> {
    const chatId = await tab.$eval(inPanel(`${testId('chat')}[data-state="chatting"]`), (el) => el.getAttribute('data-chat-id') ?? '');
    await clickOn(tab, inPanel(testId('end-chat')));
    await clickOn(tab, inPanel(testId('end-confirm')));
    await choose(tab, `${testId('survey-question')}[data-question-id="1"] select`, 'Delivery');
    await clickOn(tab, inPanel(`${testId('survey-question')}[data-question-id="2"] input[value="Yes"]`));
    expect(await tab.$(inPanel(testId('wrap-up-card')))).toBeNull();
    await clickOn(tab, inPanel(testId('survey-submit')));
    await tab.waitForSelector(inPanel(testId('survey-done')), WAIT);
    await tab.waitForSelector(inPanel(testId('wrap-up-card')), WAIT);
    return chatId;
  }

  const caseForm = (tab: Page) =>
    tab.evaluate(() => ({
      notes: (document.querySelector('textarea[name="case_notes"]') as HTMLTextAreaElement).value,
      chatId: (document.querySelector('[data-testid="case-chat-id"]') as HTMLInputElement).value,
      type: (document.querySelector('select[name="type"]') as HTMLSelectElement).value,
      renders: Number(document.getElementById('case-form')!.dataset.renders),
    }));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    crm = await startCrmServer();
    firefox = await launchFirefoxWithExtension();
    origin = new URL(crm.url).origin;
    recordUrl = `${origin}/customers.html?email=dana%40example.com`;

    const options = await firefox.openExtensionPage('options.html');
    // The emulator is on loopback, where polling faster than LivePerson's 2 s is allowed.
    await typeInto(options, 'input[name="pollIntervalMs"]', '200');
    await clickOn(options, testId('poll-save'));
    await options.waitForSelector('::-p-text(Saved.)', WAIT);
    await options.close();
    await saveCrmSetting([['crm-template-site', origin], ['crm-template', `${origin}/customers.html?email={email}`]], 'crm-template-save', 'Saved the record link');
    await saveCrmSetting([['dispositions-site', origin], ['dispositions-list', 'Delivery, Billing, Resolved']], 'dispositions-save', 'Saved 3 dispositions');

    const popup = await firefox.openExtensionPage('popup.html');
    await typeInto(popup, 'input[name="csdsUrl"]', emulator.baseUrl);
    await typeInto(popup, 'input[name="accountId"]', '12345678');
    await typeInto(popup, 'input[name="username"]', 'agent1');
    await typeInto(popup, 'input[name="password"]', 'agent1-pass');
    await clickOn(popup, testId('signin-submit'));
    await popup.waitForSelector(`${testId('auth-status')}::-p-text(Signed in)`, WAIT);
    await clickOn(popup, testId('availability-Online'));
    await popup.waitForSelector(`${testId('availability')}::-p-text(Online)`, WAIT);
    await popup.close();
  });
  afterAll(async () => {
    await firefox?.close();
    await crm?.close();
    await emulator?.close();
  });

  it('lists a returning visitor’s previous chats once the section is opened, and opens one, hostile markup inert', async () => {
    const { tab } = await chatWithDana({ visitorId: RETURNING_VISITOR_ID });
    await tab.waitForSelector(inPanel(testId('previous-chats')), WAIT);
    const searches = () => emulator.requests.list().filter((r) => r.path.includes('/interaction_history/')).length;
    expect(searches()).toBe(0);
    await clickOn(tab, inPanel(`${testId('previous-chats')} summary`));
    await vi.waitFor(async () => expect((await texts(tab, testId('previous-chat-meta'))).length).toBe(3), WAIT);
    const meta = await texts(tab, testId('previous-chat-meta'));
    expect(meta[0]).toMatch(/Support · Alex · 6 min 52 s/);
    expect(await texts(tab, testId('previous-chat-first-line'))).toContain('Dana: My invoice for March shows the wrong VAT number.');

    await clickOn(tab, inPanel(`${testId('previous-chat')}:first-child ${testId('previous-chat-open')}`));
    await vi.waitFor(async () => expect((await texts(tab, testId('history-line'))).length).toBe(9), WAIT);
    // The sanitizer, injected into the panel's world on demand in Firefox too: the <b> stays, the script and the handler go.
    await vi.waitFor(async () => expect(await tab.$$eval(inPanel(`${testId('history-transcript')} b`), (els) => els.map((e) => e.textContent))).toEqual(['dana@example.com']), WAIT);
    const inert = await tab.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      const transcript = root.querySelector('[data-testid="history-transcript"]')!;
      return {
        scripts: transcript.querySelectorAll('script').length,
        handlers: [...transcript.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        title: document.title,
      };
    }, PANEL_HOST);
    expect(inert).toEqual({ scripts: 0, handlers: 0, title: expect.not.stringContaining('pwned') });
    expect((await texts(tab, testId('history-line-text'))).join('')).not.toContain(HOSTILE_HISTORY_LINE);
    await endAndSurvey(tab);
    await clickOn(tab, inPanel(testId('close-chat')));
    await tab.close();
  });

  it('finds a signed-in visitor’s chat from another device by her customer id alone', async () => {
    // A new device (a visitor id the history has never seen); her identity provider names customer 88213.
    const { tab } = await chatWithDana({ ssoKey: 'dana-sso' });
    await clickOn(tab, inPanel(`${testId('previous-chats')} summary`));
    await vi.waitFor(async () => expect(await texts(tab, testId('previous-chat-first-line'))).toContain('Dana W.: I would like to upgrade to the Team plan for 12 seats.'), WAIT);
    // Lee, whose customer id contains hers, is not among them.
    expect((await texts(tab, testId('previous-chat'))).join('\n')).not.toContain('Just looking');
    await endAndSurvey(tab);
    await clickOn(tab, inPanel(testId('close-chat')));
    await tab.close();
  });

  it('"Open record" lands on the demo CRM’s record for the visitor’s e-mail, and the tools are back on that load', async () => {
    const { tab } = await chatWithDana();
    await tab.goto(crm.url);
    await clickOn(tab, inPanel(`${testId('open-record')}:not([disabled])`));
    await tab.waitForSelector('#record-email', WAIT);
    expect(await tab.$eval('#record-email', (el) => el.textContent)).toBe('dana@example.com');
    expect(new URL(tab.url()).search).toBe('?email=dana%40example.com');
    // That load of the CRM tab shows the chat with its on-demand tools, as every later one does.
    for (let load = 0; load < 3; load++) {
      if (load > 0) await tab.reload();
      for (const part of ['visitor-info', 'copy-transcript', 'open-record']) await tab.waitForSelector(inPanel(testId(part)), WAIT);
    }
    await endAndSurvey(tab);
    await clickOn(tab, inPanel(testId('close-chat')));
    await tab.close();
  });

  it('teaches three CRM fields once; a second chat’s wrap-up fills all three into the controlled form, nothing submitted', async () => {
    const first = await chatWithDana();
    await endAndSurvey(first.tab);
    expect(await first.tab.$eval(inPanel(testId('log-to-crm')), (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    // No Summarizer API in Firefox: the card says so rather than offering it.
    await first.tab.waitForSelector(inPanel(testId('summary-unavailable')), WAIT);
    await clickOn(first.tab, inPanel(testId('teach-start')));
    for (const [field, value] of [
      ['textarea[name="case_notes"]', 'notes'],
      ['[data-testid="case-chat-id"]', 'chat.id'],
      ['select[name="type"]', 'disposition'],
    ] as const) {
      await first.tab.click(field);
      await choose(first.tab, testId('teach-value'), value);
      await clickOn(first.tab, inPanel(testId('teach-add')));
    }
    await vi.waitFor(async () => expect(await texts(first.tab, testId('teach-field'))).toEqual(['Case notes ← Notes', 'Chat id ← Chat id', 'Type ← Disposition']), WAIT);
    await clickOn(first.tab, inPanel(testId('teach-save')));
    await first.tab.waitForSelector(inPanel(`${testId('wrap-up-status')}::-p-text(fills 3 fields)`), WAIT);
    await clickOn(first.tab, inPanel(testId('close-chat')));
    await first.tab.close();

    const second = await chatWithDana();
    const chatId = await endAndSurvey(second.tab);
    const notes = 'Refund sent <b>today</b> & follow-up on Friday.';
    await choose(second.tab, testId('wrap-up-disposition'), 'Billing');
    await typeInPanel(second.tab, testId('wrap-up-notes'), notes);
    const before = await caseForm(second.tab);
    await clickOn(second.tab, inPanel(testId('log-to-crm')));
    await second.tab.waitForSelector(inPanel(`${testId('wrap-up-status')}::-p-text(Filled 3 of 3)`), WAIT);
    const after = await caseForm(second.tab);
    expect(after).toMatchObject({ notes, chatId, type: 'Billing' });
    // The controlled form redrew (new elements, new ids) and kept the values: they are its state.
    expect(after.renders).toBeGreaterThan(before.renders);
    expect(await second.tab.$eval('#saved', (el) => (el as HTMLElement).hidden)).toBe(true);
    await second.tab.click('#case-form button');
    expect(JSON.parse(await second.tab.$eval('#saved', (el) => el.textContent ?? '{}'))).toMatchObject({ notes, chatId, type: 'Billing' });
  });
});
