/**
 * Least privilege for content scripts, in Chromium (issue #19 M2): the panel's content script
 * stays alive in a tab after the agent disables that site; from there (as a compromised renderer
 * would, through CDP in the content-script world) it asks the background for the chats and tries
 * to send, end and transfer. It gets no chat data and changes nothing; the visitor hears nothing.
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from '../emulator/visitor';
import { evaluateInContentScript } from './support/content-script';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, PANEL_HOST, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

describe('a content script on a site the agent did not enable', () => {
  const sandbox = useSandbox();

  it('gets no chat data and cannot send, end or transfer', async () => {
    const popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    const tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Gina' });
    await tab.bringToFront();
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await visitor.waitFor((v) => v.state() === 'chatting', 10_000);
    const chatId = await tab.$eval(inPanel(testId('chat')), (el) => el.getAttribute('data-chat-id') ?? '');
    expect(chatId).not.toBe('');

    // The agent turns the panel off for this site; the tab's content-script world lives on.
    const worker = await sandbox.ext.worker();
    const origin = new URL(sandbox.crm.url).origin;
    await worker.evaluate(`chrome.storage.local.set({ siteRules: [{ match: '${origin}', enabled: false, mode: 'in-page', dock: 'right', width: 360, startCollapsed: false, autoOpenOnRing: true, pushPage: false, frames: false }] })`);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const seen = await evaluateInContentScript<Record<string, unknown>>(
      tab,
      sandbox.ext.extensionId,
      `(async () => {
        const send = (m) => new Promise((resolve) => chrome.runtime.sendMessage(m, (res) => resolve(chrome.runtime.lastError ? { lastError: chrome.runtime.lastError.message } : res)));
        const msg = (type, data) => ({ id: Math.floor(Math.random() * 1e6), type, data, timestamp: Date.now() });
        const chatId = ${JSON.stringify(chatId)};
        const view = await new Promise((resolve) => {
          const port = chrome.runtime.connect({ name: 'agent-dock:view' });
          port.onMessage.addListener((m) => { port.disconnect(); resolve(JSON.stringify(m)); });
          setTimeout(() => { port.disconnect(); resolve('nothing'); }, 1500);
        });
        return {
          view,
          getView: await send(msg('getView')),
          transferOptions: await send(msg('getTransferOptions', { chatId })),
          sendLine: await send(msg('sendLine', { chatId, text: 'sent by a content script on a disabled site' })),
          transfer: await send(msg('transferChat', { chatId, skillId: '1' })),
          end: await send(msg('endChat', { chatId })),
        };
      })()`,
    );
    expect(seen.view).toBe('nothing');
    expect(JSON.stringify(seen.getView)).not.toContain('Gina');
    expect(seen.getView).toHaveProperty('err');
    const notEnabled = { res: { ok: false, message: expect.stringContaining('not enabled on this site') } };
    for (const key of ['transferOptions', 'sendLine', 'transfer', 'end']) expect(seen[key], key).toEqual(notEnabled);

    // LivePerson never heard any of it: the chat is still on, no line reached the visitor.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await visitor.poll();
    expect(visitor.state()).toBe('chatting');
    expect(visitor.lines().map((l) => l.text)).not.toContain('sent by a content script on a disabled site');
  });

  it('a page’s forged “content script started” event does not tear the panel down (L6)', async () => {
    const worker = await sandbox.ext.worker();
    await worker.evaluate(`chrome.storage.local.remove('siteRules')`);
    const tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    await tab.evaluate((id) => {
      const name = `${id}:panel:wxt:content-script-started`;
      document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'panel', messageId: 'forged' } }));
      document.dispatchEvent(new CustomEvent(name, { detail: JSON.stringify({ contentScriptName: 'panel', messageId: 'forged' }) }));
    }, sandbox.ext.extensionId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tab.$(inPanel(testId('panel')))).not.toBeNull();
    // Still alive: it follows the rules (turned off, it goes; the forged event did not stop it).
    await worker.evaluate(`chrome.storage.local.set({ siteRules: [] })`);
    await tab.waitForFunction((host) => !document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="panel"]'), { timeout: 10_000, polling: 100 }, PANEL_HOST);
  });
});
