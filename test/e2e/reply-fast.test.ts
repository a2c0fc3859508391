/**
 * Issue #21 in Chromium: reply-due timers and on-device translation, driven as an agent would.
 *
 * Time: the e2e build's reply-due clock is `Date.now()` plus an offset the test writes under the
 * storage.local key `e2e:clockOffsetMs` (src/settings/test-clock.ts); the panel and the worker both
 * follow it at once, so "a minute later" takes no minute. Production builds never read the key.
 * Translation: the e2e build's panel gets the stand-in translator instead of Chrome's built-in
 * Translator and Language Detector (wxt.config.ts; test/e2e/support/translation-scope.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page, WebWorker } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';

const WAIT = { timeout: 15_000, interval: 100 };

declare const chrome: {
  action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
};

const badge = (worker: WebWorker) =>
  worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), color: await chrome.action.getBadgeBackgroundColor({}) }));
const notifications = (worker: WebWorker) => worker.evaluate(() => chrome.notifications.getAll());
/** Moves the reply-due clock of every context `ms` ahead of the computer's. */
const moveClock = (worker: WebWorker, ms: number) => worker.evaluate((offset) => chrome.storage.local.set({ 'e2e:clockOffsetMs': offset }), ms);

async function tabs(page: Page): Promise<Array<{ name: string; level: string | null }>> {
  return page.evaluate(() => {
    const root = document.querySelector('agent-dock-panel')?.shadowRoot;
    return [...(root?.querySelectorAll('[data-testid="chat-tab"]') ?? [])].map((tab) => ({
      name: tab.querySelector('span[dir="auto"]')?.textContent ?? '',
      level: tab.querySelector('[data-testid="reply-due"]')?.getAttribute('data-level') ?? null,
    }));
  });
}

async function accept(page: Page, visitor: Visitor): Promise<void> {
  await page.locator(inPanel(testId('accept'))).click();
  await visitor.waitFor((v) => v.state() === 'chatting', 10_000);
}

describe('reply fast in Chromium (issue #21)', () => {
  const sandbox = useSandbox();
  let popup: Page;
  let crmTab: Page;
  let dana: Visitor;
  let luis: Visitor;

  it('a chat left unanswered turns amber, then red, sorts first and raises the badge and a notification', async () => {
    popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    const worker = await sandbox.ext.worker();
    await moveClock(worker, 0);
    crmTab = await sandbox.ext.browser.newPage();
    await crmTab.goto(sandbox.crm.url);
    await crmTab.locator(inPanel(testId('panel'))).wait();

    dana = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
    await accept(crmTab, dana);
    luis = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Luis' });
    await accept(crmTab, luis);
    await vi.waitFor(async () => expect((await tabs(crmTab)).map((t) => t.name)).toEqual(['Dana', 'Luis']), WAIT);

    // Dana is answered; Luis waits.
    await dana.sendLine('Hello there, quick question.');
    await crmTab.locator(inPanel(testId('chat-tab'))).click();
    await crmTab.locator(inPanel(`${testId('chat')}[data-chat-id]`)).wait();
    await typeIntoComposer(crmTab, 'Hi Dana, how can I help?');
    await dana.waitFor((v) => v.lines().some((l) => l.text === 'Hi Dana, how can I help?'), 15_000);
    await luis.sendLine('Hello, is anybody there?');
    await vi.waitFor(async () => expect(await tabs(crmTab)).toEqual([{ name: 'Dana', level: null }, { name: 'Luis', level: 'waiting' }]), WAIT);
    expect((await badge(worker)).text).toBe('2'); // the open chats, as before

    await moveClock(worker, 35_000);
    await vi.waitFor(async () => expect((await tabs(crmTab))[1]).toEqual({ name: 'Luis', level: 'amber' }), WAIT);
    expect(await crmTab.$eval(inPanel(`${testId('chat-tab')} ${testId('reply-due')}`), (el) => el.textContent)).toMatch(/^3\d s$/);

    // The agent looks elsewhere (the popup in front of the CRM tab) when Luis's wait goes red.
    await popup.bringToFront();
    await moveClock(worker, 65_000);
    await vi.waitFor(async () => expect((await tabs(crmTab))[1]).toEqual({ name: 'Luis', level: 'red' }), WAIT);
    await vi.waitFor(async () => expect(await badge(worker)).toEqual({ text: '1', color: [179, 38, 30, 255] }), WAIT);
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:reply-due'), WAIT);

    // Longest wait first.
    await crmTab.bringToFront();
    await crmTab.locator(inPanel(testId('sort-by-urgency'))).click();
    await vi.waitFor(async () => expect((await tabs(crmTab)).map((t) => t.name)).toEqual(['Luis', 'Dana']), WAIT);
    // The README's picture of the timers: Luis's wait red and first, Dana answered.
    await crmTab.screenshot({ path: screenshotPath('reply-due.png') });

    // Answering ends the wait: the badge goes back to the open chats.
    await crmTab.locator(inPanel(testId('chat-tab'))).click();
    await crmTab.locator(inPanel(`${testId('chat')}[aria-label="Chat with Luis"]`)).wait();
    await typeIntoComposer(crmTab, 'Yes, sorry for the wait!');
    await vi.waitFor(async () => expect((await tabs(crmTab)).every((t) => t.level === null)).toBe(true), WAIT);
    await vi.waitFor(async () => expect(await badge(worker)).toEqual({ text: '2', color: [15, 98, 196, 255] }), WAIT);
    await moveClock(worker, 0);
  });

  it('a visitor line in Spanish shows its translation; an English reply is sent in Spanish after its preview', async () => {
    await crmTab.locator(inPanel(testId('sort-by-urgency'))).click(); // back to the order of arrival
    await crmTab.locator(inPanel(`${testId('chat-tab')}::-p-text(Dana)`)).click();
    await crmTab.locator(inPanel(`${testId('chat')}[aria-label="Chat with Dana"]`)).wait();
    await dana.sendLine('Hola, necesito ayuda con mi pedido');
    await crmTab.locator(inPanel(`${testId('line-translation')}::-p-text("Hello, I need help with my order")`)).wait();
    // The original stays, as written.
    expect((await panelLines(crmTab)).map((l) => l.text)).toContain('Hola, necesito ayuda con mi pedido');

    // Hostile text translated stays text (the stand-in echoes what it has no phrase for).
    await dana.sendLine('hola hola necesito ayuda con mi pedido no ha llegado todavía gracias gracias <img src=x>');
    await crmTab.locator(inPanel(`${testId('line-translation')}::-p-text("<img src=x>")`)).wait();
    expect(await crmTab.$(inPanel(`${testId('line-translation')} img`))).toBeNull();

    await crmTab.locator(inPanel(testId('translate-outgoing'))).click();
    // Not previewed: not sent.
    await typeIntoComposer(crmTab, 'I am sorry, let me check your order');
    await crmTab.locator(inPanel(`${testId('error')}::-p-text("Preview the translation first")`)).wait();
    await crmTab.locator(inPanel(testId('translation-preview-button'))).click();
    await crmTab.locator(inPanel(`${testId('translation-preview-text')}::-p-text("Lo siento, déjeme revisar su pedido")`)).wait();
    // The README's picture of translation: the visitor's Spanish with its translation, the reply's preview.
    await crmTab.locator(inPanel(`${testId('error')} button[aria-label="Dismiss"]`)).click();
    await vi.waitFor(async () => expect(await crmTab.$(inPanel(testId('error')))).toBeNull(), WAIT);
    await crmTab.screenshot({ path: screenshotPath('translation.png') });
    await crmTab.locator(inPanel(testId('send'))).click();
    await dana.waitFor((v) => v.lines().some((l) => l.text === 'Lo siento, déjeme revisar su pedido'), 15_000);
    expect(dana.lines().some((l) => l.text === 'I am sorry, let me check your order')).toBe(false);
    await crmTab.locator(inPanel(`${testId('line-original')}::-p-text("I am sorry, let me check your order")`)).wait();
  });

  it('the options page sets the thresholds, shows the fleet’s lock, and says whether on-device translation is here', async () => {
    const worker = await sandbox.ext.worker();
    await worker.evaluate(() => chrome.storage.local.set({ 'e2e:managedPolicy': { replyDue: { redSeconds: 90 }, locked: ['replyDue.redSeconds'] } }));
    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(testId('locked-replyDue-redSeconds')).wait();
    expect(await options.$eval(testId('replyDue-redSeconds'), (el) => [(el as HTMLInputElement).value, (el as HTMLInputElement).disabled])).toEqual(['90', true]);
    await options.locator(testId('replyDue-amberSeconds')).fill('20');
    await options.$eval(testId('replyDue-amberSeconds'), (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
    await vi.waitFor(async () => {
      const stored = (await worker.evaluate(() => chrome.storage.local.get('replyDue.preferences'))) as Record<string, { amberSeconds?: number }>;
      expect(stored['replyDue.preferences']?.amberSeconds).toBe(20);
    }, WAIT);
    // The e2e build has the stand-in translator: the feature is here.
    expect(await options.$eval(testId('translation-support'), (el) => el.getAttribute('data-available'))).toBe('true');

    // The panel follows: Dana's next line is amber after 20 s, and not red at 65 s (the fleet's 90 s).
    await crmTab.bringToFront();
    await dana.sendLine('Are you still there?');
    await moveClock(worker, 25_000);
    await vi.waitFor(async () => expect((await tabs(crmTab)).find((t) => t.name === 'Dana')?.level).toBe('amber'), WAIT);
    await moveClock(worker, 65_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await tabs(crmTab)).find((t) => t.name === 'Dana')?.level).toBe('amber');
    await moveClock(worker, 95_000);
    await vi.waitFor(async () => expect((await tabs(crmTab)).find((t) => t.name === 'Dana')?.level).toBe('red'), WAIT);
    await moveClock(worker, 0);
    await options.close();
  });
});
