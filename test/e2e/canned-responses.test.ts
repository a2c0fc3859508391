/**
 * Canned responses in Chromium, as an agent uses them: a personal response written on the options
 * page (and a bad import refused line by line), then in a chat `/` finds the account's predefined
 * content from the emulator (read by the background with the agent's login), the fleet's and the
 * personal one; placeholders are filled, a missing value stays a blank that holds the line back
 * until the agent fills it; `{skill}` is the chat's skill and a response for another skill is not
 * offered; the agent edits and sends, the visitor receives. HTML responses show only through the
 * sanitizer and reach the visitor as an HTML line (words only once the agent edits them); a hostile
 * one runs nothing, in the panel or at the visitor's.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { Visitor, type VisitorLine } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { PWN } from './support/hostile';
import { inPanel, panelCount, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

/** The extension's `chrome` global, as far as these tests read it (the functions run in the worker or the options page). */
declare const chrome: { storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } } };

describe('canned responses in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;
  let dana: Visitor;

  const composerValue = () => tab.$eval(inPanel(testId('composer')), (el) => (el as HTMLTextAreaElement).value);
  const optionTitles = () => tab.$$eval(inPanel(`${testId('canned-option')} .canned-title`), (els) => els.map((e) => e.textContent));
  const received = (text: string) => dana.waitFor((v) => v.lines().some((l) => l.text === text), 10_000);
  /** The visitor's first line that `match` accepts, once it has arrived. */
  const receivedLine = async (match: (line: VisitorLine) => boolean) => {
    await dana.waitFor((v) => v.lines().some(match), 10_000);
    return dana.lines().find(match)!;
  };
  /** Types `/query` in an empty composer and waits for the list to show `title` first. */
  async function slash(query: string, title: string) {
    await tab.locator(inPanel(testId('composer'))).click();
    await tab.keyboard.type(`/${query}`);
    await vi.waitFor(async () => expect((await optionTitles())[0]).toBe(title), WAIT);
  }

  beforeAll(async () => {
    const worker = await sandbox.ext.worker();
    // The fleet's library (test builds read an injected policy where a browser reads storage.managed).
    await worker.evaluate(
      (policy) => chrome.storage.local.set({ 'e2e:managedPolicy': policy }),
      {
        cannedResponses: [
          { id: 'hours', title: 'Opening hours', text: 'We answer every day from 8:00 to 20:00.', shortcut: 'hours' },
          { id: 'team', title: 'Team intro', text: 'You are talking to our {skill} team, {visitorName}.', shortcut: 'team' },
          { id: 'hostile', title: 'Hostile offer', text: `<img src=x onerror="${PWN}"><script>${PWN}</script><b>Bold offer</b> <a href="javascript:${PWN}">terms</a>` },
        ],
      },
    );
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
  });

  it('lets the agent write a personal response on the options page, and refuses a bad import line by line', async () => {
    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html#canned-responses`);
    await options.locator(testId('canned-title')).fill('Warranty');
    await options.locator(testId('canned-shortcut')).fill('warranty');
    await options.locator(testId('canned-text')).fill('Your item has a two-year warranty, {visitorName}.');
    await options.locator(testId('canned-save')).click();
    await options.locator(`${testId('canned-personal')}::-p-text(Warranty)`).wait();

    const bad = join(tmpdir(), `agent-dock-bad-canned-${process.pid}.json`);
    await writeFile(bad, JSON.stringify({ format: 'agent-dock-canned-responses', version: 1, responses: [{ title: '', text: 'x' }, { title: 'Ok', text: 'fine', shortcut: 'two words' }] }));
    const input = (await options.$(testId('canned-import'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(bad);
    await options.locator(`${testId('canned-message')}[role="alert"]`).wait();
    const lines = await options.$$eval(`${testId('canned-message')} li`, (els) => els.map((e) => e.textContent ?? ''));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Response 1.*title/);
    expect(lines[1]).toMatch(/^Response 2 \("Ok"\).*shortcut/);
    expect(await options.$$eval(testId('canned-personal'), (els) => els.length)).toBe(1);
    await options.close();
  });

  it('finds the account’s predefined response with /, fills the placeholders, and the visitor receives the edited line', async () => {
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    dana = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana', skill: 'Sales' });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();

    await slash('greet', 'Greeting');
    expect(await tab.$eval(inPanel(testId('canned-option')), (el) => el.getAttribute('data-source'))).toBe('account');
    // The composer is the combobox, pointing at the listbox's active option.
    expect(await tab.$eval(inPanel(testId('composer')), (el) => [el.getAttribute('role'), el.getAttribute('aria-activedescendant')])).toEqual([
      'combobox',
      'agent-dock-canned-list-0',
    ]);
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe("Hi Dana, I'm Alex. How can I help you today?");
    expect(await panelCount(tab, testId('canned'))).toBe(0);
    // Inserted for editing, never sent: the agent adds to it, then sends.
    await tab.keyboard.type(' 🙂');
    expect(dana.lines().map((l) => l.text)).not.toContain("Hi Dana, I'm Alex. How can I help you today?");
    await tab.keyboard.press('Enter');
    await received("Hi Dana, I'm Alex. How can I help you today? 🙂");
  });

  it('leaves a value it does not know as a blank and holds the line back until the agent fills it in', async () => {
    await slash('order stat', 'Order status');
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('Let me look up your order. I can see order ___ on your account.');
    await tab.locator(inPanel(`${testId('canned-held')}::-p-text(Fill in the blank)`)).wait();
    expect(await tab.$eval(inPanel(testId('send')), (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await tab.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await dana.poll();
    expect(dana.lines().some((l) => l.text.includes('order ___'))).toBe(false);
    // The agent fills the blank in: select all, type the edited line.
    await tab.keyboard.down('Control');
    await tab.keyboard.press('a');
    await tab.keyboard.up('Control');
    await tab.keyboard.type('Let me look up your order. I can see order 88213 on your account.');
    expect(await panelCount(tab, testId('canned-held'))).toBe(0);
    await tab.keyboard.press('Enter');
    await received('Let me look up your order. I can see order 88213 on your account.');
  });

  it('offers the personal and the fleet responses by their shortcuts; Esc closes the list', async () => {
    await slash('warranty', 'Warranty');
    expect(await tab.$eval(inPanel(testId('canned-option')), (el) => el.getAttribute('data-source'))).toBe('personal');
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('Your item has a two-year warranty, Dana.');
    await tab.keyboard.type(' Anything else?');
    await tab.keyboard.press('Enter');
    await received('Your item has a two-year warranty, Dana. Anything else?');

    await slash('hours', 'Opening hours');
    expect(await tab.$eval(inPanel(testId('canned-option')), (el) => el.getAttribute('data-source'))).toBe('fleet');
    await tab.keyboard.press('Escape');
    await vi.waitFor(async () => expect(await panelCount(tab, testId('canned'))).toBe(0), WAIT);
    expect(await composerValue()).toBe('/hours');
    await tab.keyboard.down('Control');
    await tab.keyboard.press('a');
    await tab.keyboard.up('Control');
    await tab.keyboard.press('Backspace');
  });

  it('fills {skill} with the chat’s skill, and leaves out a response meant for another skill', async () => {
    await slash('team', 'Team intro');
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('You are talking to our Sales team, Dana.');
    await tab.locator(inPanel(`${testId('send')}:not([disabled])`)).click();
    await received('You are talking to our Sales team, Dana.');
    // "Reset password" is the account's response for Support (skill 2): not offered in a Sales chat.
    await tab.locator(inPanel(testId('composer'))).click();
    await tab.keyboard.type('/reset password');
    await tab.locator(inPanel(`${testId('canned')} ::-p-text(No canned response matches)`)).wait();
    await tab.keyboard.down('Control');
    await tab.keyboard.press('a');
    await tab.keyboard.up('Control');
    await tab.keyboard.press('Backspace');
  });

  it('shows an HTML response only through the sanitizer and sends it as an HTML line, links kept; edited, it goes as words; a hostile one runs nothing', async () => {
    const title = await tab.title();
    // A Support chat, where the account's HTML response is offered.
    const olu = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Olu', skill: 'Support' });
    await tab.locator(inPanel(testId('accept'))).click();
    await vi.waitFor(async () => expect(await tab.$eval(inPanel(`${testId('chat-tab')}[aria-selected="true"]`), (el) => el.textContent ?? '')).toContain('Olu'), WAIT);
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    dana = olu;
    await slash('reset password', 'Reset password');
    await tab.locator(inPanel(`${testId('canned-preview')} b`)).wait();
    const preview = await tab.$eval(inPanel(testId('canned-preview')), (el) => el.innerHTML);
    expect(preview).toContain('<b>24 hours</b>');
    expect(preview).toContain('href="https://www.example.com/account/reset"');
    await tab.keyboard.press('Enter');
    const words = 'You can reset your password on the reset page (https://www.example.com/account/reset). The link works for 24 hours.';
    expect(await composerValue()).toBe(words);
    // Unedited, it goes as the sanitized HTML the preview showed: LivePerson's documented HTML line.
    await tab.locator(inPanel(testId('canned-html-note'))).wait();
    await tab.locator(inPanel(`${testId('send')}:not([disabled])`)).click();
    const sent = await receivedLine((l) => l.source === 'agent' && l.textType === 'html');
    expect(sent.text).toMatch(/^<div dir="auto"><p>You can reset your password on <a href="https:\/\/www\.example\.com\/account\/reset" target="_blank" rel="noopener noreferrer">the reset page<\/a>\. The link works for <b>24 hours<\/b>\.<\/p><\/div>$/);
    // The panel shows the agent's own HTML line through the sanitizer, as markup, never as source.
    await tab.locator(inPanel(`${testId('line')}[data-source="agent"] ${testId('line-text')} b`)).wait();
    expect(await tab.$$eval(inPanel(`${testId('line')}[data-source="agent"] ${testId('line-text')}`), (els) => els.map((e) => e.textContent).join('|'))).not.toContain('<b>');

    // Edited, the words go as plain text.
    await slash('reset password', 'Reset password');
    await tab.keyboard.press('Enter');
    await tab.keyboard.type(' Thanks!');
    expect(await panelCount(tab, testId('canned-html-note'))).toBe(0);
    await tab.keyboard.press('Enter');
    const plain = await receivedLine((l) => l.text === `${words} Thanks!`);
    expect(plain.textType).toBe('plain');

    await slash('hostile', 'Hostile offer');
    await tab.locator(inPanel(`${testId('canned-preview')} b`)).wait();
    const hostile = await tab.$eval(inPanel(testId('canned-preview')), (el) => el.innerHTML);
    expect(hostile).not.toMatch(/<img|<script|onerror|javascript:/i);
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('Bold offer terms');
    // Sent, it reaches the visitor as the sanitized HTML only: nothing that could run.
    await tab.locator(inPanel(`${testId('send')}:not([disabled])`)).click();
    const offer = await receivedLine((l) => l.textType === 'html' && l.text.includes('Bold offer'));
    expect(offer.text).not.toMatch(/<img|<script|onerror|javascript:/i);
    await vi.waitFor(async () => expect(await panelCount(tab, `${testId('line')}[data-source="agent"] ${testId('line-text')} b`)).toBe(2), WAIT);
    expect(await tab.title()).toBe(title);
    expect(await tab.$eval('html', (el) => el.getAttribute('data-pwned'))).toBeNull();
  });
});
