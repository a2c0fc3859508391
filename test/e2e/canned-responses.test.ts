/**
 * Canned responses in Chromium, as an agent uses them: a personal response written on the options
 * page (and a bad import refused line by line), then in a chat `/` finds the account's predefined
 * content from the emulator (read by the background with the agent's login), the fleet's and the
 * personal one; placeholders are filled, a missing value stays a blank that holds the line back
 * until the agent fills it; the agent edits and sends, the visitor receives. HTML responses show
 * only through the sanitizer; a hostile one runs nothing.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
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
    dana = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
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

  it('shows an HTML response only through the sanitizer and inserts its words, links kept; a hostile one runs nothing', async () => {
    const title = await tab.title();
    await slash('reset password', 'Reset password');
    await tab.locator(inPanel(`${testId('canned-preview')} b`)).wait();
    const preview = await tab.$eval(inPanel(testId('canned-preview')), (el) => el.innerHTML);
    expect(preview).toContain('<b>24 hours</b>');
    expect(preview).toContain('href="https://www.example.com/account/reset"');
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('You can reset your password on the reset page (https://www.example.com/account/reset). The link works for 24 hours.');
    // Sent with the Send button once it takes the line (the list has closed and nothing is held back).
    await tab.locator(inPanel(`${testId('send')}:not([disabled])`)).click();
    await received('You can reset your password on the reset page (https://www.example.com/account/reset). The link works for 24 hours.');

    await slash('hostile', 'Hostile offer');
    await tab.locator(inPanel(`${testId('canned-preview')} b`)).wait();
    const hostile = await tab.$eval(inPanel(testId('canned-preview')), (el) => el.innerHTML);
    expect(hostile).not.toMatch(/<img|<script|onerror|javascript:/i);
    await tab.keyboard.press('Enter');
    expect(await composerValue()).toBe('Bold offer terms');
    expect(await tab.title()).toBe(title);
    expect(await tab.$eval('html', (el) => el.getAttribute('data-pwned'))).toBeNull();
  });
});
