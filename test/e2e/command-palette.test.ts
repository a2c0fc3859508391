/**
 * The command palette and the panel shortcuts in Chromium: Ctrl-K reaches every panel action the
 * panel shows (accept, next/previous and switch chat, focus the message box, insert a canned
 * response, transfer, end, copy the transcript, visitor info); the documented shortcuts do the
 * same; an override set on the options page works at once; availability changes from the palette
 * in a CRM tab. Throughout, the host page's key listeners (window and document) hear none of the
 * keys pressed in the panel.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelCount, testId } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';

const WAIT = { timeout: 15_000, interval: 100 };

/** The extension's `chrome` global, as far as these tests read it (the functions run in the worker or the options page). */
declare const chrome: { storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } } };

describe('command palette and shortcuts in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;

  const hostHeard = () => tab.evaluate(() => (window as unknown as { heard: string[] }).heard);
  const selectedTab = () => tab.$eval(inPanel(`${testId('chat-tab')}[aria-selected="true"]`), (el) => el.textContent ?? '');
  const activeInPanel = () =>
    tab.$eval(inPanel(testId('panel')), (panel) => {
      const active = (panel.getRootNode() as ShadowRoot).activeElement;
      return active?.getAttribute('data-testid') ?? active?.tagName ?? null;
    });
  const press = async (...keys: string[]) => {
    const key = keys.pop()!;
    for (const k of keys) await tab.keyboard.down(k as never);
    await tab.keyboard.press(key as never);
    for (const k of keys.reverse()) await tab.keyboard.up(k as never);
  };
  const paletteIds = () => tab.$$eval(inPanel(testId('palette-option')), (els) => els.map((el) => el.getAttribute('data-command')));
  /** Ctrl-K, type, Enter: as an agent runs a command. */
  async function runFromPalette(typed: string, id: string) {
    await tab.locator(inPanel(testId('composer'))).click();
    await press('Control', 'k');
    await tab.locator(inPanel(testId('palette-input'))).wait();
    await tab.keyboard.type(typed);
    await vi.waitFor(async () => expect((await paletteIds())[0]).toBe(id), WAIT);
    await tab.keyboard.press('Enter');
    await vi.waitFor(async () => expect(await panelCount(tab, testId('palette'))).toBe(0), WAIT);
  }

  beforeAll(async () => {
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    // The CRM page listens for keys the way a page with its own shortcuts does.
    await tab.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const target of [window, document])
        for (const type of ['keydown', 'keyup', 'keypress']) target.addEventListener(type, (e) => heard.push(`${type}:${(e as KeyboardEvent).key}`));
    });
    await tab.locator(inPanel(testId('panel'))).wait();
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
  });

  it('opens with Ctrl-K, lists the actions with their shortcuts, filters fuzzily, and closes with Esc', async () => {
    await tab.locator(inPanel(testId('composer'))).click();
    await press('Control', 'k');
    await tab.locator(inPanel(testId('palette-input'))).wait();
    const ids = await paletteIds();
    for (const id of ['composer.focus', 'canned-responses.insert', 'chat.transfer', 'chat.end', 'chat.copy-transcript', 'visitor.info']) expect(ids).toContain(id);
    // In a CRM tab too (sent for the agent's own key press or click only): Online now, so Away and drain.
    expect(ids.filter((id) => id?.startsWith('availability.'))).toEqual(['availability.away', 'availability.drain']);
    const keys = await tab.$eval(inPanel(`${testId('palette-option')}[data-command="composer.focus"] kbd`), (el) => el.textContent);
    expect(keys).toBe('Alt+M');
    await tab.keyboard.type('trnsfr');
    await vi.waitFor(async () => expect((await paletteIds())[0]).toBe('chat.transfer'), WAIT);
    // The README's picture of the palette, filtered, over a chat.
    await tab.screenshot({ path: screenshotPath('command-palette.png') });
    await tab.keyboard.press('Escape');
    await vi.waitFor(async () => expect(await panelCount(tab, testId('palette'))).toBe(0), WAIT);
    // The focus is back in the message box.
    expect(await activeInPanel()).toBe('composer');
    expect(await hostHeard()).toEqual([]);
  });

  it('reaches every panel action through the palette', async () => {
    await runFromPalette('visitor info', 'visitor.info');
    expect(await tab.$eval(inPanel(testId('visitor-info')), (el) => (el as HTMLDetailsElement).open)).toBe(true);

    await runFromPalette('copy transcript', 'chat.copy-transcript');
    await tab.locator(inPanel(testId('write-back-status'))).wait();

    await runFromPalette('transfer', 'chat.transfer');
    await tab.locator(inPanel(testId('transfer-form'))).wait();
    await tab.locator(inPanel(testId('transfer'))).click();

    await runFromPalette('canned', 'canned-responses.insert');
    await tab.locator(inPanel(testId('canned-list'))).wait();
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('Backspace');

    await runFromPalette('end this chat', 'chat.end');
    await tab.locator(inPanel(testId('end-confirm'))).wait();
    await tab.locator(inPanel('.confirm .btn-quiet')).click();

    // A second visitor rings: accept, then next / previous / switch to.
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Sam' });
    await tab.locator(inPanel(testId('ring'))).wait();
    await runFromPalette('accept', 'ring.accept');
    await vi.waitFor(async () => expect(await panelCount(tab, testId('chat-tab'))).toBe(2), WAIT);
    await vi.waitFor(async () => expect(await selectedTab()).toContain('Sam'), WAIT);
    await runFromPalette('next chat', 'chat.next');
    await vi.waitFor(async () => expect(await selectedTab()).toContain('Dana'), WAIT);
    await runFromPalette('previous chat', 'chat.previous');
    await vi.waitFor(async () => expect(await selectedTab()).toContain('Sam'), WAIT);
    await runFromPalette('switch dana', (await paletteIdFor('Switch to chat with Dana'))!);
    await vi.waitFor(async () => expect(await selectedTab()).toContain('Dana'), WAIT);

    await runFromPalette('focus message', 'composer.focus');
    expect(await activeInPanel()).toBe('composer');
    expect(await hostHeard()).toEqual([]);
  });

  async function paletteIdFor(title: string): Promise<string | null> {
    await tab.locator(inPanel(testId('composer'))).click();
    await press('Control', 'k');
    await tab.locator(inPanel(testId('palette-input'))).wait();
    const id = await tab.$$eval(inPanel(testId('palette-option')), (els, t) => els.find((el) => el.textContent?.includes(t))?.getAttribute('data-command') ?? null, title);
    await tab.keyboard.press('Escape');
    return id;
  }

  it('runs the documented shortcuts, and the page hears none of the keys', async () => {
    await tab.locator(inPanel(testId('composer'))).click();
    const before = await selectedTab();
    await press('Alt', 'ArrowDown');
    await vi.waitFor(async () => expect(await selectedTab()).not.toBe(before), WAIT);
    // The switched-to chat's message box has the focus (a key pressed now stays in the panel).
    await vi.waitFor(async () => expect(await activeInPanel()).toBe('composer'), WAIT);
    await press('Alt', 'ArrowUp');
    await vi.waitFor(async () => expect(await selectedTab()).toBe(before), WAIT);
    await press('Alt', 'i');
    await vi.waitFor(async () => expect(await tab.$eval(inPanel(testId('visitor-info')), (el) => (el as HTMLDetailsElement).open)).toBe(true), WAIT);
    await press('Alt', 'm');
    expect(await activeInPanel()).toBe('composer');
    await press('Alt', 'r');
    await tab.locator(inPanel(testId('canned-list'))).wait();
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('Backspace');
    await tab.keyboard.type('typed in the panel');
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Kim' });
    await tab.locator(inPanel(testId('ring'))).wait();
    await press('Alt', 'Enter');
    await vi.waitFor(async () => expect(await panelCount(tab, testId('chat-tab'))).toBe(3), WAIT);
    expect(await hostHeard()).toEqual([]);
    // Keys pressed in the page itself still reach it: only the panel's are kept in.
    await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tab.click('body');
    await tab.keyboard.press('x');
    expect(await hostHeard()).toContain('keydown:x');
  });

  it('follows a shortcut the agent sets on the options page, and shows it there and in the palette', async () => {
    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html#shortcuts`);
    const input = `${testId('shortcut-row')}[data-command="chat.next"] ${testId('shortcut-input')}`;
    await options.locator(input).wait();
    expect(await options.$eval(input, (el) => (el as HTMLInputElement).value)).toBe('Alt+ArrowDown');
    // A typing key is refused with the reason.
    await options.$eval(input, (el) => ((el as HTMLInputElement).value = ''));
    await options.type(input, 'J');
    await options.keyboard.press('Tab');
    await options.locator(`${testId('shortcut-problems')}::-p-text(would take a key the agent types)`).wait();
    await options.$eval(input, (el) => ((el as HTMLInputElement).value = ''));
    await options.type(input, 'Alt+J');
    await options.keyboard.press('Tab');
    await vi.waitFor(async () => expect(await options.evaluate(() => chrome.storage.local.get('commandPalette.shortcuts'))).toEqual({ 'commandPalette.shortcuts': { 'chat.next': 'Alt+J' } }), WAIT);
    await options.close();

    await tab.bringToFront();
    await tab.locator(inPanel(testId('composer'))).click();
    const before = await selectedTab();
    await press('Alt', 'j');
    await vi.waitFor(async () => expect(await selectedTab()).not.toBe(before), WAIT);
    await press('Control', 'k');
    await tab.locator(inPanel(testId('palette-input'))).wait();
    expect(await tab.$eval(inPanel(`${testId('palette-option')}[data-command="chat.next"] kbd`), (el) => el.textContent)).toBe('Alt+J');
    await tab.keyboard.press('Escape');
    expect(await hostHeard()).toEqual(expect.not.arrayContaining(['keydown:j', 'keydown:J', 'keydown:k']));
  });

  it('changes availability from the palette in a CRM tab, on the agent’s own key press; the page hears none of it', async () => {
    await tab.bringToFront();
    const heardBefore = (await hostHeard()).length;
    const header = () => tab.$eval(inPanel('.head .sub'), (el) => el.textContent ?? '');
    await runFromPalette('go away', 'availability.away');
    await vi.waitFor(async () => expect(await header()).toMatch(/· Away$/), WAIT);
    await runFromPalette('go online', 'availability.online');
    await vi.waitFor(async () => expect(await header()).toMatch(/· Online$/), WAIT);
    expect((await hostHeard()).slice(heardBefore)).toEqual([]);
  });
});
