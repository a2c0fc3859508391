/**
 * LivePerson Messaging in real Chromium with the built extension, against the emulator's
 * Messaging mode: the options page chooses Messaging for the account; the agent signs in, sets
 * Back soon with a reason and then Online; a consumer's conversation rings in the CRM page's
 * panel, the agent accepts, lines go both ways with read receipts (the consumer's shown as Read); the WebSocket is dropped and
 * the service worker stopped mid-conversation — nothing lost or doubled on either side —; then
 * transfer to a skill the account allows and close.
 */
import { describe, expect, it, vi } from 'vitest';
import { Consumer } from '../emulator/messaging/consumer';
import { openPopup } from './support/flows';
import { inPanel, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 20_000, interval: 100 };

describe('LivePerson Messaging in Chromium', () => {
  const sandbox = useSandbox();

  it('rings, accepts, exchanges lines with receipts, survives a dropped socket and a stopped worker, transfers and closes', { timeout: 180_000 }, async () => {
    const { ext, emulator } = sandbox;
    // The options page: Messaging for this account.
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.locator(testId('protocol-messaging')).click();
    await vi.waitFor(async () => expect(await options.$eval(testId('protocol-messaging'), (el) => (el as HTMLInputElement).checked)).toBe(true), WAIT);
    // Saved before signing in: the protocol is read at sign-in.
    // The account lives in the extension's IndexedDB (src/settings/trusted-item.ts, out of content scripts' reach).
    const savedProtocol = `new Promise((resolve, reject) => {
      const open = indexedDB.open('agent-dock');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction('settings').objectStore('settings').get('account');
        read.onsuccess = () => resolve(read.result?.protocol);
        read.onerror = () => reject(read.error);
      };
    })`;
    await vi.waitFor(async () => expect(await options.evaluate(savedProtocol)).toBe('messaging'), WAIT);
    await options.close();

    const popup = await openPopup(ext);
    await popup.locator('input[name="csdsUrl"]').fill(emulator.baseUrl);
    await popup.locator('input[name="accountId"]').fill('12345678');
    await popup.locator('input[name="username"]').fill('agent1');
    await popup.locator('input[name="password"]').fill('agent1-pass');
    await popup.locator(testId('signin-submit')).click();
    await popup
      .locator(`${testId('auth-status')}::-p-text(Signed in)`)
      .wait()
      .catch(async (error: unknown) => {
        throw new Error(`Not signed in: ${await popup.evaluate(() => document.body.innerText)}`, { cause: error });
      });
    // Back soon, with one of the account's away reasons (the Agent Status Reason API's list) that
    // LivePerson receives as the state's description; then Online.
    await popup.locator(`${testId('away-reason')} option::-p-text(Coaching)`).wait();
    await popup.locator(testId('away-reason')).fill('Coffee');
    await popup.locator(testId('availability-Back soon')).click();
    await popup.locator(`${testId('availability')}::-p-text(Back soon)`).wait();
    const agentState = async () => ((await (await fetch(`${emulator.baseUrl}/sandbox/messaging/state`)).json()) as { agents?: Array<{ availability?: string; description?: string }> }).agents ?? [];
    await vi.waitFor(async () => expect(await agentState()).toContainEqual(expect.objectContaining({ availability: 'BACK_SOON', description: 'Coffee' })), WAIT);
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();

    const tab = await ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();

    const dana = await Consumer.start({ baseUrl: emulator.baseUrl, firstName: 'Dana' });
    try {
      // A conversation for Sales (skill 1; the account lets Sales transfer to Support only).
      await dana.requestConversation('1');
      await tab.locator(inPanel(testId('accept'))).click();
      await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
      const texts = async () => (await panelLines(tab)).map((l) => `${l.source}:${l.text}`);

      await dana.say('Hello, my order is late');
      await vi.waitFor(async () => expect(await texts()).toContain('visitor:Hello, my order is late'), WAIT);
      // Shown to the agent: the consumer gets a READ receipt.
      await vi.waitFor(() => expect(dana.messages().some((m) => m.event.type === 'AcceptStatusEvent' && m.event.status === 'READ')).toBe(true), WAIT);
      await typeIntoComposer(tab, 'Let me check that');
      const checking = await dana.waitForText('Let me check that', 20_000);
      // The consumer reads it: the panel marks the agent's line Read.
      await dana.receipt('READ', [checking.sequence]);
      await tab.locator(inPanel(`[data-line-id="${checking.sequence}"] ${testId('line-read')}`)).wait();

      // The socket drops; the consumer writes meanwhile; then the worker is stopped too.
      emulator.messaging.dropAgentSockets();
      await dana.say('are you there?');
      await vi.waitFor(async () => expect(await texts()).toContain('visitor:are you there?'), WAIT);
      await (await ext.worker()).close();
      await dana.say('written while the worker was stopped');
      // Any message wakes the worker again (the panel's port, the watchdog alarm).
      await typeIntoComposer(tab, 'Yes, still here');
      await dana.waitForText('Yes, still here', 30_000);
      await vi.waitFor(async () => expect(await texts()).toContain('visitor:written while the worker was stopped'), { timeout: 40_000, interval: 200 });

      const expected = ['visitor:Hello, my order is late', 'agent:Let me check that', 'visitor:are you there?', 'visitor:written while the worker was stopped', 'agent:Yes, still here'];
      const shown = (await texts()).filter((t) => expected.includes(t));
      expect(new Set(shown).size).toBe(shown.length); // nothing doubled in the panel
      expect([...shown].sort()).toEqual([...expected].sort()); // nothing lost
      for (const text of ['Let me check that', 'Yes, still here']) expect(dana.messages().filter((m) => m.event.message === text)).toHaveLength(1);

      // Transfer to a skill: the form offers the queue and what the account's Skills API allows Sales
      // (Support, not Escalations); the conversation leaves the panel, now a Support one, and rings
      // again (nobody else is online).
      await tab.locator(inPanel(testId('transfer'))).click();
      await tab.locator(inPanel(`${testId('transfer-target')} option::-p-text("Back to the queue (Sales)")`)).wait();
      const offered = await tab.evaluate(() =>
        [...(document.querySelector('agent-dock-panel')?.shadowRoot?.querySelectorAll('[data-testid="transfer-target"] option') ?? [])].map((o) => o.textContent),
      );
      expect(offered).toEqual(['Back to the queue (Sales)', 'Support']);
      await tab.locator(inPanel(testId('transfer-target'))).fill('skill:2');
      await tab.locator(inPanel(testId('transfer-submit'))).click();
      await vi.waitFor(async () => expect(await tab.$(inPanel(testId('chat')))).toBeNull(), WAIT).catch(async (error: unknown) => {
        const shown = await tab.evaluate(() => document.querySelector('agent-dock-panel')?.shadowRoot?.textContent);
        throw new Error(`The transferred conversation stayed: ${shown}`, { cause: error });
      });
      const conversations = async () => ((await (await fetch(`${emulator.baseUrl}/sandbox/messaging/state`)).json()) as { conversations: Array<{ skillId: string }> }).conversations;
      expect((await conversations()).map((c) => c.skillId)).toEqual(['2']);
      // Rung again: accept, then close the conversation from the panel.
      await tab.locator(inPanel(testId('accept'))).click();
      await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
      await tab.locator(inPanel(testId('end-chat'))).click();
      await tab.locator(inPanel(testId('end-confirm'))).click();
      await tab.locator(inPanel(testId('chat-ended'))).wait();
      await vi.waitFor(async () => expect(JSON.stringify(await (await fetch(`${emulator.baseUrl}/sandbox/messaging/state`)).json())).toMatch(/"state":"CLOSE"/), WAIT);
      await tab.locator(inPanel(testId('close-chat'))).click();
      await vi.waitFor(async () => expect(await tab.$(inPanel(testId('chat')))).toBeNull(), WAIT);
    } finally {
      dana.disconnect();
    }
  });
});
