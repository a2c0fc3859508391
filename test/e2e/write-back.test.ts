/**
 * Writing chat content back into the CRM, as an agent would: click into a field on the CRM page,
 * press Fill in the panel, and the field holds the text (an input, a text area and a rich-text
 * contenteditable note editor); Copy and Copy transcript put plain text on the clipboard.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';

const WAIT = { timeout: 15_000, interval: 100 };
const LATE = 'My order #88213 has not arrived yet.';

describe('CRM write-back in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;

  const status = () => tab.$eval(inPanel(testId('write-back-status')), (el) => el.textContent ?? '');
  const lineButton = async (text: string, button: 'copy' | 'fill') => {
    const line = (await panelLines(tab)).find((l) => l.text === text);
    if (!line) throw new Error(`No line "${text}" in the panel`);
    const selector = inPanel(`[data-line-id="${line.id}"]`);
    await tab.locator(selector).hover(); // the buttons show on hover (and on keyboard focus)
    await tab.locator(inPanel(`[data-line-id="${line.id}"] ${testId(button)}`)).click();
  };
  /** What the page itself saw: the events a framework listening on the field would get. */
  const recordEvents = (selector: string) =>
    tab.evaluate((sel) => {
      const field = document.querySelector(sel)!;
      const seen: string[] = [];
      (window as unknown as { seen: Record<string, string[]> }).seen ??= {};
      (window as unknown as { seen: Record<string, string[]> }).seen[sel] = seen;
      for (const type of ['input', 'change']) {
        field.addEventListener(type, (e) => seen.push(`${e.isTrusted ? 'trusted ' : ''}${type}${(e as InputEvent).inputType ? `:${(e as InputEvent).inputType}` : ''}`));
      }
    }, selector);
  const eventsSeen = (selector: string) => tab.evaluate((sel) => (window as unknown as { seen: Record<string, string[]> }).seen[sel], selector);
  const readClipboard = () => tab.evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    await sandbox.ext.browser.setPermission(
      new URL(sandbox.crm.url).origin,
      { permission: { name: 'clipboard-read' }, state: 'granted' },
      { permission: { name: 'clipboard-write' }, state: 'granted' },
    );
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.bringToFront();
    await tab.locator(inPanel(testId('panel'))).wait();

    const dana = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana', survey: { '4991310': 'Dana Whitfield', '4991312': '88213' } });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await dana.waitFor((v) => v.state() === 'chatting', 10_000);
    await dana.sendLine(LATE);
    await typeIntoComposer(tab, 'Sorry to hear that, Dana.');
    await vi.waitFor(async () => expect((await panelLines(tab)).map((l) => l.text)).toEqual(expect.arrayContaining([LATE, 'Sorry to hear that, Dana.'])), WAIT);
    // A private note, which the transcript marks.
    await tab.locator(inPanel(testId('private-note'))).click();
    await typeIntoComposer(tab, 'Premium customer');
    await vi.waitFor(async () => expect((await panelLines(tab)).map((l) => l.text)).toContain('Premium customer'), WAIT);
    await vi.waitFor(async () => expect((await panelLines(tab)).some((l) => l.id.startsWith('pending:'))).toBe(false), WAIT);
  });

  it('says so when no field on the page was clicked into yet', async () => {
    await lineButton(LATE, 'fill');
    await vi.waitFor(async () => expect(await status()).toContain('click into a field on the page first'), WAIT);
  });

  it('fills a line into the input the agent clicked, with the input and change events a framework listens to', async () => {
    await recordEvents('#case-subject');
    await tab.click('#case-subject');
    await lineButton(LATE, 'fill');
    await vi.waitFor(async () => expect(await status()).toBe('Filled into “Subject”.'), WAIT);
    expect(await tab.$eval('#case-subject', (el) => (el as HTMLInputElement).value)).toBe(LATE);
    expect(await eventsSeen('#case-subject')).toEqual(['input', 'change']);
  });

  it('fills a pre-chat answer into the text area', async () => {
    await tab.click('#case-notes');
    await tab.locator(inPanel(`${testId('visitor-info')} summary`)).click();
    const answer = `${testId('prechat-survey')} ${testId('fact')}[data-label="Your name"]`;
    await tab.locator(inPanel(answer)).hover();
    await tab.locator(inPanel(`${answer} ${testId('fill')}`)).click();
    await vi.waitFor(async () => expect(await tab.$eval('#case-notes', (el) => (el as HTMLTextAreaElement).value)).toBe('Dana Whitfield'), WAIT);
    await tab.locator(inPanel(`${testId('visitor-info')} summary`)).click();
  });

  it('fills a line into the contenteditable note editor at the caret, as typed text', async () => {
    await tab.click('#note-editor');
    await tab.keyboard.type('Customer says: Call back.');
    for (const _ of 'Call back.') await tab.keyboard.press('ArrowLeft');
    await recordEvents('#note-editor');
    await lineButton(LATE, 'fill');
    await vi.waitFor(async () => expect(await status()).toBe('Filled into “Note”.'), WAIT);
    expect(await tab.$eval('#note-editor', (el) => el.textContent)).toBe(`Customer says: ${LATE} Call back.`);
    // The browser's own editing command (its input event is trusted), which rich-text editors follow.
    expect(await eventsSeen('#note-editor')).toEqual(['trusted input:insertText']);
    // The pointer still rests on the line: its Copy and Fill buttons show, with the confirmation.
    await tab.screenshot({ path: screenshotPath('write-back.png') });
  });

  it('says so when the field it would fill has left the page', async () => {
    await tab.click('#case-subject');
    await tab.evaluate(() => document.querySelector('#case-subject')!.remove());
    await lineButton(LATE, 'fill');
    await vi.waitFor(async () => expect(await status()).toContain('no longer on the page'), WAIT);
  });

  it('copies a line to the clipboard', async () => {
    await tab.evaluate(() => navigator.clipboard.writeText('before'));
    await lineButton('Sorry to hear that, Dana.', 'copy');
    await vi.waitFor(async () => expect(await status()).toBe('Copied this line.'), WAIT);
    expect(await readClipboard()).toBe('Sorry to hear that, Dana.');
  });

  it('still copies where the page refuses the Clipboard API, with the browser\'s copy command', async () => {
    const origin = new URL(sandbox.crm.url).origin;
    await tab.evaluate(() => navigator.clipboard.writeText('before'));
    await sandbox.ext.browser.setPermission(origin, { permission: { name: 'clipboard-write' }, state: 'denied' });
    try {
      // The Clipboard API now refuses this page...
      expect(await tab.evaluate(() => navigator.clipboard.writeText('x').then(() => 'written', (e: Error) => e.name))).toBe('NotAllowedError');
      // ...and Copy still works.
      await lineButton(LATE, 'copy');
      await vi.waitFor(async () => expect(await status()).toBe('Copied this line.'), WAIT);
    } finally {
      await sandbox.ext.browser.setPermission(origin, { permission: { name: 'clipboard-write' }, state: 'granted' });
    }
    expect(await readClipboard()).toBe(LATE);
  });

  it('copies the transcript as plain text with local times, speakers, system lines and the private note marked', async () => {
    await tab.locator(inPanel(testId('copy-transcript'))).click();
    await vi.waitFor(async () => expect(await status()).toBe('Copied the transcript.'), WAIT);
    const text = await readClipboard();
    const stamp = String.raw`\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\]`;
    expect(text).toMatch(/^Chat with Dana/);
    expect(text).toMatch(new RegExp(`^${stamp} System: .+$`, 'm'));
    expect(text).toMatch(new RegExp(`^${stamp} Dana: ${LATE.replace(/[.#]/g, '\\$&')}$`, 'm'));
    expect(text).toMatch(new RegExp(`^${stamp} \\S.*: Sorry to hear that, Dana\\.$`, 'm'));
    expect(text).toMatch(new RegExp(`^${stamp} .+ \\(private note, only agents see it\\): Premium customer$`, 'm'));
    // In the order they were said.
    expect(text.indexOf(LATE)).toBeLessThan(text.indexOf('Sorry to hear that'));
    expect(text.indexOf('Sorry to hear that')).toBeLessThan(text.indexOf('Premium customer'));
  });
});
