/**
 * What an agent does beyond one chat, through the panel: several chats at once in tabs, typing
 * both ways, private notes, transfer to a colleague, and chats that survive a CRM tab reload.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'puppeteer';
import { clientWithJar, unwrap } from '../api/support';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelCount, panelLines, testId, typeIntoComposer } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

describe('chat capabilities in Chromium', () => {
  const sandbox = useSandbox();
  let tab: Page;
  let dana: Visitor;
  let sam: Visitor;

  beforeAll(async () => {
    await signInAndGoOnline(await openPopup(sandbox.ext), sandbox.emulator);
    tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
  });

  const acceptNext = async () => {
    await tab.locator(inPanel(testId('accept'))).click();
  };

  it('holds two chats at once in tabs, each with its own lines and an unread count', async () => {
    dana = await Visitor.start({
      baseUrl: sandbox.emulator.baseUrl,
      name: 'Dana',
      survey: { '4991310': 'Dana Whitfield', '4991312': '88213' },
      referrer: 'https://shop.example/orders/88213',
    });
    sam = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Sam' });
    await tab.locator(inPanel(`${testId('ring')}::-p-text(2)`)).wait();
    await acceptNext();
    await tab.locator(inPanel(testId('chat'))).wait();
    await acceptNext();
    await vi.waitFor(async () => expect(await panelCount(tab, testId('chat-tab'))).toBe(2), WAIT);
    await Promise.all([dana.waitFor((v) => v.state() === 'chatting'), sam.waitFor((v) => v.state() === 'chatting')]);

    // The second accepted chat (Sam) is shown; a line from Dana counts as unread on her tab.
    await dana.sendLine('Are you there?');
    await tab.locator(inPanel(`${testId('chat-tab')} .badge::-p-text(1)`)).wait();
    await tab.locator(inPanel(`${testId('chat-tab')}::-p-text(Dana)`)).click();
    await vi.waitFor(async () => expect((await panelLines(tab)).map((l) => l.text)).toContain('Are you there?'), WAIT);
    await typeIntoComposer(tab, 'Yes, Dana!');
    await dana.waitFor((v) => v.lines().some((l) => l.text === 'Yes, Dana!'), 10_000);
    await sam.poll();
    expect(sam.lines().map((l) => l.text)).not.toContain('Yes, Dana!');
  });

  it('shows the visitor details and pre-chat answers in the Visitor section', async () => {
    await tab.locator(inPanel(`${testId('visitor-info')} summary`)).click();
    await tab.locator(inPanel(`${testId('prechat-survey')}::-p-text(Dana Whitfield)`)).wait();
    const details = await tab.$eval(inPanel(testId('visitor-facts')), (el) => el.textContent ?? '');
    expect(details).toContain('https://shop.example/orders/88213');
    expect(details).toContain('Browser');
  });

  it('shows the visitor typing, and tells the visitor when the agent types', async () => {
    await dana.setTyping(true);
    await tab.locator(inPanel(testId('visitor-typing'))).wait();
    await tab.locator(inPanel(testId('composer'))).click();
    await tab.keyboard.type('Let me check');
    await dana.waitFor((v) => v.agentTyping(), 10_000);
    await tab.keyboard.press('Enter');
    await dana.waitFor((v) => !v.agentTyping() && v.lines().some((l) => l.text === 'Let me check'), 10_000);
    await dana.setTyping(false);
    await vi.waitFor(async () => expect(await panelCount(tab, testId('visitor-typing'))).toBe(0), WAIT);
  });

  it('sends a private note that only agents see', async () => {
    await tab.locator(inPanel(testId('private-note'))).click();
    await typeIntoComposer(tab, 'Customer seems upset about billing');
    await vi.waitFor(async () => {
      const line = (await panelLines(tab)).find((l) => l.text === 'Customer seems upset about billing');
      expect(line?.source).toBe('agent');
      expect(line?.id).not.toMatch(/^pending:/);
      expect(await panelCount(tab, '.line-private')).toBe(1);
    }, WAIT);
    await tab.locator(inPanel(testId('private-note'))).click();
    await typeIntoComposer(tab, 'Public again');
    await dana.waitFor((v) => v.lines().some((l) => l.text === 'Public again'), 10_000);
    expect(dana.lines().map((l) => l.text)).not.toContain('Customer seems upset about billing');
  });

  it('renders visitor HTML sanitized and structured content from data, never as code', async () => {
    const title = await tab.title();
    await dana.sendLine(
      '<b>bold</b> <img src=x onerror="document.title=\'pwned\'"> <a href="javascript:document.title=\'pwned\'">click</a> <a href="https://example.com/help">help</a><script>document.title="pwned"</script>',
      { textType: 'html' },
    );
    await dana.sendLine('Pick a slot', {
      textType: 'rich-content',
      json: { type: 'vertical', elements: [{ type: 'text', text: 'Pick a slot' }, { type: 'button', title: 'Tomorrow 9am', click: { actions: [] } }] },
    });
    await tab.locator(inPanel('.rc-button::-p-text(Tomorrow 9am)')).wait();
    // The sanitizer is loaded into the tab on this first HTML line; the line then renders as markup.
    await tab.locator(inPanel('[data-testid="line"][data-source="visitor"] b')).wait();
    const html = await tab.$eval(inPanel('[data-testid="line"][data-source="visitor"] b'), (el) => el.parentElement!.innerHTML);
    expect(html).toContain('<b>bold</b>');
    expect(html).not.toMatch(/<img|<script|onerror|javascript:/i);
    expect(html).toContain('href="https://example.com/help" target="_blank" rel="noopener noreferrer"');
    const rich = (await panelLines(tab)).find((l) => l.text.includes('Tomorrow 9am'))!;
    expect(rich.text).not.toContain('{');
    expect(await tab.title()).toBe(title);
  });

  it('keeps held chats and their lines when the CRM tab reloads', async () => {
    const before = await panelLines(tab);
    await tab.reload();
    await tab.locator(inPanel(testId('panel'))).wait();
    await vi.waitFor(async () => expect(await panelCount(tab, testId('chat-tab'))).toBe(2), WAIT);
    await tab.locator(inPanel(`${testId('chat-tab')}::-p-text(Dana)`)).click();
    await vi.waitFor(async () => expect(await panelLines(tab)).toEqual(before), WAIT);
  });

  it('transfers a chat to a skill with agents online; it leaves the panel and rings for the colleague', async () => {
    const colleague = clientWithJar();
    const origin = sandbox.emulator.baseUrl;
    const login = unwrap(await colleague.login.withPassword({ origin, accountId: '12345678', username: 'agent2', password: 'agent2-pass' }));
    const agent2 = colleague.agent({ bearer: login.bearer });
    const session2 = unwrap(await agent2.startSession({ origin, accountId: '12345678' })).sessionUrl;
    unwrap(await agent2.setAvailability(session2, 'Online'));

    await tab.locator(inPanel(`${testId('chat-tab')}::-p-text(Dana)`)).click();
    await tab.locator(inPanel(testId('transfer'))).click();
    await tab.locator(inPanel(`${testId('transfer-target')} option::-p-text(Support (1 online))`)).wait();
    await tab.locator(inPanel(`${testId('transfer-target')} option::-p-text(Sam)`)).wait(); // a colleague, by name
    await tab.locator(inPanel(testId('transfer-note'))).fill('Billing question');
    await tab.locator(inPanel(testId('transfer-submit'))).click();
    // The transferred chat leaves: one chat is left, so no chat tabs, and its pane is the one shown.
    await vi.waitFor(async () => expect(await panelCount(tab, testId('chat-tab'))).toBe(0), WAIT);
    expect(await panelCount(tab, testId('chat'))).toBe(1);
    expect(await tab.$eval(inPanel(testId('chat')), (el) => el.getAttribute('data-state'))).toBe('chatting');
    expect((await panelLines(tab)).map((l) => l.text)).not.toContain('Are you there?');
    expect(unwrap(await agent2.getIncoming(session2)).ringingCount).toBe(1);
  });
});
