/**
 * Issue #22, previous chats, in Chromium on the demo CRM: a returning visitor (Dana, whose
 * earlier chats the emulator's Engagement History holds under her visitor id) starts a chat with
 * that visitorId; the panel's "Previous chats" asks nothing until opened, then lists her chats
 * (date, skill, agent, duration, first lines); one opens to its whole transcript, where an HTML
 * line with a script and an onerror handler stays inert. Signed in on another device (a new visitor
 * id, her identity provider's customer id), she is found by that customer id: her chat from her
 * phone, which only the customer id finds, is listed; another customer whose id contains hers is not.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { HOSTILE_HISTORY_LINE, RETURNING_VISITOR_ID } from '../emulator/engagement-history';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, PANEL_HOST, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

const historySearches = (emulator: { requests: { list(): Array<{ path: string }> } }) =>
  emulator.requests.list().filter((r) => r.path.includes('/interaction_history/')).length;

describe('Previous chats in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;

  const texts = (selector: string) =>
    tab.evaluate((host, sel) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll(sel) ?? [])].map((el) => el.textContent ?? ''), PANEL_HOST, selector);

  beforeAll(async () => {
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    await Visitor.start({
      baseUrl: sandbox.emulator.baseUrl,
      name: 'Dana',
      visitorId: RETURNING_VISITOR_ID,
      survey: { '4991310': 'Dana Whitfield', '4991311': 'dana@example.com', '4991312': '88213' },
    });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
  });

  it('asks nothing until the section is opened, then lists the earlier chats with date, skill, agent, duration and first lines', async () => {
    await tab.locator(inPanel(testId('previous-chats'))).wait();
    expect(await texts(testId('previous-chat'))).toEqual([]);
    // Lazy: the chat is shown, the section is there, and Engagement History was not asked yet.
    expect(historySearches(sandbox.emulator)).toBe(0);
    await tab.locator(inPanel(`${testId('previous-chats')} summary`)).click();
    await vi.waitFor(async () => expect((await texts(testId('previous-chat-meta'))).length).toBe(3), WAIT);
    expect(historySearches(sandbox.emulator)).toBeGreaterThan(0);
    const meta = await texts(testId('previous-chat-meta'));
    expect(meta[0]).toMatch(/Support · Alex · 6 min 52 s/);
    expect(meta[1]).toMatch(/Support · Sam · 1 min 35 s/);
    expect(meta[2]).toMatch(/Sales · Alex · 5 min/);
    const first = await texts(testId('previous-chat-first-line'));
    expect(first).toContain('Dana: My invoice for March shows the wrong VAT number.');
    expect(first).toContain('Alex: Sorry about that, Dana. Which VAT number should it show?');
    // The private note between agents is not among the first lines.
    expect(first.join('\n')).not.toContain('Customer confirmed VAT');
  });

  it('opens one to its whole transcript, HTML sanitized like live lines and hostile markup inert', async () => {
    await tab.locator(inPanel(`${testId('previous-chat')}:first-child ${testId('previous-chat-open')}`)).click();
    await vi.waitFor(async () => expect((await texts(testId('history-line'))).length).toBe(9), WAIT);
    const lines = await texts(testId('history-line-text'));
    expect(lines).toContain('GB 123 4567 89, and please resend it.');
    expect(lines).toContain('Customer confirmed VAT number by e-mail.');
    // The sanitizer's markup: the <b> stays, the script and the handler do not.
    await vi.waitFor(async () => expect(await tab.$$eval(inPanel(`${testId('history-transcript')} b`), (els) => els.map((e) => e.textContent))).toEqual(['dana@example.com']), WAIT);
    const inert = await tab.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      return {
        scripts: root.querySelectorAll('[data-testid="history-transcript"] script').length,
        handlers: [...root.querySelectorAll('[data-testid="history-transcript"] *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        title: document.title,
      };
    }, PANEL_HOST);
    expect(inert).toEqual({ scripts: 0, handlers: 0, title: expect.not.stringContaining('pwned') });
    expect(lines.some((l) => l.includes('Thanks!'))).toBe(true);
    expect(lines.join('')).not.toContain(HOSTILE_HISTORY_LINE);
  });

  it('finds a signed-in visitor’s chats by her customer id, the other device’s included, and no other customer’s', async () => {
    // Dana signs in on a new device: a visitor id the history has never seen, her customer id from the identity provider.
    await Visitor.start({
      baseUrl: sandbox.emulator.baseUrl,
      name: 'Dana W.',
      ssoKey: 'dana-sso',
    });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat-tab')}::-p-text(Dana W.)`)).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"] ::-p-text(Dana W.)`)).wait();
    await tab.locator(inPanel(`${testId('previous-chats')} summary`)).click();
    await vi.waitFor(async () => expect(await texts(testId('previous-chat-first-line'))).toContain('Dana W.: I would like to upgrade to the Team plan for 12 seats.'), WAIT);
    const chats = await tab.$$eval(inPanel(testId('previous-chat')), (els) => els.map((el) => el.textContent ?? ''));
    // Her chat from her phone, 45 days ago (another visitor id): found by the customer id alone.
    expect(chats.some((c) => /Sales · Alex · 21 min/.test(c))).toBe(true);
    // Lee, whose customer id 882130 contains hers: LivePerson's keyword search returns him, the panel does not.
    expect(chats.join('\n')).not.toContain('Just looking');
  });
});
