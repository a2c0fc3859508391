/**
 * Issue #22, the wrap-up card, in Chromium on the demo CRM's record page (its "Log a case" form
 * is React-style controlled: state is the truth and every keystroke redraws the fields with new
 * generated ids). After the chat ends and the agent survey is done, the agent teaches three
 * fields once; a second chat's wrap-up fills all three with one click and the form's own state
 * keeps them (its Save button, which only the agent presses, saves them). The recipe exported
 * from this profile and imported into a fresh one fills the same fields there.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { openPopup, panelRegistered, pollFast, signInAndGoOnline } from './support/flows';
import { inPanel, testId } from './support/panel';
import { useSandbox } from './support/sandbox';
import { screenshotPath } from './support/screenshots';
import { STAND_IN_SUMMARY_PREFIX } from '../features/wrap-up/stand-in-summarizer';

const WAIT = { timeout: 15_000, interval: 100 };

describe('Wrap-up into the CRM in Chromium', () => {
  const sandbox = useSandbox();
  let origin: string;
  let recordUrl: string;
  let exported = '';
  let other: ExtensionBrowser | undefined;

  afterAll(async () => {
    await other?.close();
  });

  async function openOptions(ext: ExtensionBrowser): Promise<Page> {
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.locator(testId('crm-settings')).wait();
    return options;
  }

  async function setDispositions(ext: ExtensionBrowser): Promise<void> {
    const options = await openOptions(ext);
    await options.locator(testId('dispositions-site')).fill(origin);
    await options.locator(testId('dispositions-list')).fill('Delivery, Billing, Resolved');
    await options.locator(testId('dispositions-save')).click();
    await options.locator(`${testId('crm-settings-status')}::-p-text(Saved 3 dispositions)`).wait();
    await options.close();
  }

  /** A chat with Dana on the record page, ended by the agent, its agent survey filled in: the wrap-up card shows. */
  async function endedChat(ext: ExtensionBrowser): Promise<{ tab: Page; chatId: string }> {
    const tab = await ext.browser.newPage();
    await tab.goto(recordUrl);
    await tab.bringToFront();
    await tab.locator(inPanel(testId('panel'))).wait();
    const dana = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana', survey: { '4991310': 'Dana Whitfield', '4991311': 'dana@example.com', '4991312': '88213' } });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await dana.waitFor((v) => v.state() === 'chatting', 10_000);
    await dana.sendLine('The parcel never came.');
    const chatId = await tab.$eval(inPanel(`${testId('chat')}[data-state="chatting"]`), (el) => el.getAttribute('data-chat-id') ?? '');
    await tab.locator(inPanel(testId('end-chat'))).click();
    await tab.locator(inPanel(testId('end-confirm'))).click();
    // The survey first, as LivePerson requires; the card comes after it.
    await tab.locator(inPanel(`${testId('survey-question')}[data-question-id="1"] select`)).fill('Delivery');
    await tab.locator(inPanel(`${testId('survey-question')}[data-question-id="2"] input[value="Yes"]`)).click();
    expect(await tab.$(inPanel(testId('wrap-up-card')))).toBeNull();
    await tab.locator(inPanel(testId('survey-submit'))).click();
    await tab.locator(inPanel(testId('survey-done'))).wait();
    await tab.locator(inPanel(testId('wrap-up-card'))).wait();
    return { tab, chatId };
  }

  async function teach(tab: Page, pageField: string, value: string): Promise<void> {
    await tab.click(pageField);
    await tab.locator(inPanel(testId('teach-value'))).fill(value);
    await tab.locator(inPanel(testId('teach-add'))).click();
  }

  const form = (tab: Page) =>
    tab.evaluate(() => ({
      notes: (document.querySelector('textarea[name="case_notes"]') as HTMLTextAreaElement).value,
      chatId: (document.querySelector('[data-testid="case-chat-id"]') as HTMLInputElement).value,
      type: (document.querySelector('select[name="type"]') as HTMLSelectElement).value,
      renders: Number(document.getElementById('case-form')!.dataset.renders),
    }));

  async function logAndCheck(tab: Page, chatId: string, disposition: string, notes: string): Promise<void> {
    await tab.locator(inPanel(testId('wrap-up-disposition'))).fill(disposition);
    await tab.locator(inPanel(testId('wrap-up-notes'))).fill(notes);
    const before = await form(tab);
    await tab.locator(inPanel(testId('log-to-crm'))).click();
    await tab.locator(inPanel(`${testId('wrap-up-status')}::-p-text(Filled 3 of 3)`)).wait();
    // The README's picture of the wrap-up card beside the CRM form it filled.
    await tab.screenshot({ path: screenshotPath('wrap-up.png') });
    const after = await form(tab);
    expect(after).toMatchObject({ notes, chatId, type: disposition });
    // The controlled form redrew (new elements, new ids) and kept the values: they are its state.
    expect(after.renders).toBeGreaterThan(before.renders);
    // Nothing was submitted on the agent's behalf: the case is saved only when the agent presses Save.
    expect(await tab.$eval('#saved', (el) => (el as HTMLElement).hidden)).toBe(true);
    await tab.click('#case-form button');
    const saved = JSON.parse(await tab.$eval('#saved', (el) => el.textContent ?? '{}'));
    expect(saved).toMatchObject({ notes, chatId, type: disposition });
  }

  beforeAll(async () => {
    origin = new URL(sandbox.crm.url).origin;
    recordUrl = `${origin}/customers.html?email=dana%40example.com`;
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    await setDispositions(sandbox.ext);
  });

  it('after the survey, teaches three fields of the CRM once', async () => {
    const { tab } = await endedChat(sandbox.ext);
    // No recipe yet: Log to CRM waits for Teach.
    expect(await tab.$eval(inPanel(testId('log-to-crm')), (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    // The on-device summary is offered where Chrome's Summarizer API exists, and said absent otherwise.
    const summaryParts = async () => (await tab.$$(inPanel(testId('summarize')))).length + (await tab.$$(inPanel(testId('summary-unavailable')))).length;
    await vi.waitFor(async () => expect(await summaryParts()).toBe(1), WAIT);
    // This Chromium build has the stand-in summarizer (wxt.config.ts): the summary is made from the
    // chat's transcript, lands in the notes, and the agent edits it before it is used.
    await tab.locator(inPanel(testId('summarize'))).click();
    const notes = () => tab.$eval(inPanel(testId('wrap-up-notes')), (el) => (el as HTMLTextAreaElement).value);
    await vi.waitFor(async () => expect((await notes()).startsWith(STAND_IN_SUMMARY_PREFIX)).toBe(true), WAIT);
    expect(await notes()).toMatch(/ \d+ lines?, starting “.+”$/);
    await tab.locator(inPanel(testId('wrap-up-notes'))).click();
    await tab.keyboard.press('End');
    await tab.keyboard.type(' Parcel re-sent.');
    expect(await notes()).toMatch(/ Parcel re-sent\.$/);
    await tab.locator(inPanel(testId('teach-start'))).click();
    await teach(tab, 'textarea[name="case_notes"]', 'notes');
    await teach(tab, '[data-testid="case-chat-id"]', 'chat.id');
    await teach(tab, 'select[name="type"]', 'disposition');
    expect(await tab.$$eval(inPanel(testId('teach-field')), (els) => els.map((e) => e.textContent))).toEqual(['Case notes ← Notes', 'Chat id ← Chat id', 'Type ← Disposition']);
    await tab.locator(inPanel(testId('teach-save'))).click();
    await tab.locator(inPanel(`${testId('wrap-up-status')}::-p-text(fills 3 fields)`)).wait();
    await tab.locator(inPanel(testId('close-chat'))).click();
    await tab.close();
  });

  it('fills all three in a second chat with one click; the controlled form keeps them; nothing is submitted', async () => {
    const { tab, chatId } = await endedChat(sandbox.ext);
    await logAndCheck(tab, chatId, 'Billing', 'Refund sent <b>today</b> & follow-up on Friday.');
    await tab.locator(inPanel(testId('close-chat'))).click();
    await tab.close();
  });

  it('exports the recipe, which works in another profile once imported', async () => {
    const options = await openOptions(sandbox.ext);
    await options.locator(testId('recipes-export')).click();
    exported = await options.$eval(testId('recipes-export-text'), (el) => (el as HTMLTextAreaElement).value);
    expect(JSON.parse(exported)).toMatchObject({ format: 'agent-dock-crm-recipes', version: 1, recipes: [{ site: origin }] });
    await options.close();

    other = await launchWithExtension();
    await pollFast(other);
    await panelRegistered(other);
    const imported = await openOptions(other);
    await imported.locator(testId('recipes-import-text')).fill(exported);
    await imported.locator(testId('recipes-import')).click();
    await imported.locator(`${testId('crm-settings-status')}::-p-text(Imported 1 recipe)`).wait();
    await imported.close();
    await setDispositions(other);
    await signInAndGoOnline(await openPopup(other), sandbox.emulator);
    const { tab, chatId } = await endedChat(other);
    await logAndCheck(tab, chatId, 'Resolved', 'Imported recipe works.');
  });
});
