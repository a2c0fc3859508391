/** A bot signs in from the options page with API keys and takes a chat: signed requests, no cookie. */
import { describe, expect, it, vi } from 'vitest';
import { Visitor } from '../emulator/visitor';
import { openPopup } from './support/flows';
import { inPanel, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';

describe('bot sign-in in Chromium', () => {
  const sandbox = useSandbox();

  it('signs in with API keys from the options page and takes a chat', async () => {
    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    const fields = {
      csdsUrl: sandbox.emulator.baseUrl,
      accountId: '12345678',
      username: 'bot1',
      appKey: 'bot-app-key',
      secret: 'wrong',
      accessToken: 'bot-token',
      accessTokenSecret: 'bot-token-secret',
    };
    for (const [name, value] of Object.entries(fields)) await options.locator(`[data-testid="bot-form"] input[name="${name}"]`).fill(value);
    await options.locator(testId('bot-submit')).click();
    await options.locator(`${testId('error')}::-p-text(API key)`).wait();
    await options.locator('[data-testid="bot-form"] input[name="secret"]').fill('bot-secret');
    await options.locator(testId('bot-submit')).click();
    await options.locator(`${testId('options-status')}::-p-text(HelpBot (bot, API key))`).wait();

    const popup = await openPopup(sandbox.ext);
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();

    const tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Ari', skill: 'Sales' });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await visitor.sendLine('Is this a bot?');
    await vi.waitFor(async () => expect((await panelLines(tab)).map((l) => l.text)).toContain('Is this a bot?'), { timeout: 10_000 });
    await typeIntoComposer(tab, 'Yes, HelpBot here.');
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'Yes, HelpBot here.' && l.by === 'HelpBot'), 10_000);
  });
});
