/**
 * The boundary: the background refuses what does not come from this extension, keeps account
 * actions to its own pages, answers a content script only on a site the agent enabled and only
 * about the chats its panel shows, and validates every payload before the runtime sees it.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentRuntime } from '../../src/agent/runtime';
import { handlerTables, serveCommands } from '../../src/background/serve-commands';
import { followEnabledSites } from '../../src/background/enabled-sites';
import type { ProtocolMap } from '../../src/messaging/protocol';
import { newSiteRule, siteRules } from '../../src/settings/sites';

const OK = { ok: true };

function fakeRuntime() {
  return {
    restore: vi.fn(async () => {}),
    view: vi.fn(() => ({ version: 1, chats: [{ id: 'K1' }] })),
    signIn: vi.fn(async () => OK),
    signOut: vi.fn(async () => OK),
    setAvailability: vi.fn(async () => OK),
    chooseAvailability: vi.fn(async () => OK),
    finishChatsThenAway: vi.fn(async () => OK),
    restartSession: vi.fn(async () => OK),
    acceptChat: vi.fn(async () => OK),
    sendLine: vi.fn(async () => OK),
    endChat: vi.fn(async () => OK),
    closeChat: vi.fn(async () => OK),
    setTyping: vi.fn(async () => OK),
    getTransferOptions: vi.fn(async () => ({ ok: true, skills: [], agents: [] })),
    transferChat: vi.fn(async () => OK),
    awayReasons: vi.fn(async () => ({ ok: true, reasons: ['Lunch'] })),
    getCapacity: vi.fn(async () => ({ ok: true, mySlots: 1, accountSlots: 1, onlineAgents: 1 })),
    getAgentSurvey: vi.fn(async () => OK),
    submitAgentSurvey: vi.fn(async () => OK),
  };
}

const runtime = fakeRuntime();

/** Delivers a message as Chrome would, with whatever sender we claim. */
async function deliver(type: string, data: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  let answer: unknown;
  const responded = new Promise<void>((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender, (response: unknown) => {
      answer = response;
      resolve();
    });
  });
  await responded;
  const { res, err } = answer as { res?: unknown; err?: unknown };
  return err ? { thrown: err } : res;
}

const extensionId = () => fakeBrowser.runtime.id;
const popup = () => ({ id: extensionId(), url: `chrome-extension://${extensionId()}/popup.html` });
const contentScript = () => ({ id: extensionId(), url: 'https://crm.example/record/1', tab: { id: 3 } as Browser.tabs.Tab });

const elsewhere = () => ({ ...contentScript(), url: 'https://not-enabled.example/inbox', tab: { id: 4 } as Browser.tabs.Tab });

/** The hosts the agent granted (the browser asked them): a content script cannot add to these. */
const granted = new Set(['https://crm.example/*', 'https://other.example/*', 'https://not-enabled.example/*', 'https://disabled.example/*', 'http://crm.example/*']);
const permissions = { contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))) };

// The messenger allows one listener per type per context: serve once, reset the spies per test.
beforeAll(() => {
  Object.assign(fakeBrowser, { permissions });
  serveCommands(runtime as unknown as AgentRuntime, followEnabledSites());
});
beforeEach(async () => {
  vi.clearAllMocks();
  await siteRules.setValue([newSiteRule('https://crm.example'), newSiteRule('https://disabled.example', { enabled: false })]);
});

describe('serveCommands', () => {
  it('lets our own pages sign in with a valid payload', async () => {
    const input = { csdsUrl: 'https://api.liveperson.net', accountId: '123', username: 'a', password: 'p' };
    expect(await deliver('signIn', input, popup())).toEqual(OK);
    expect(runtime.signIn).toHaveBeenCalledWith(input);
  });

  it('refuses account changes from a content script', async () => {
    const refused = { ok: false, message: expect.stringContaining('Refused') };
    expect(await deliver('signIn', { csdsUrl: 'https://x.example', accountId: '1', username: 'a', password: 'p' }, contentScript())).toEqual(refused);
    expect(await deliver('signOut', undefined, contentScript())).toEqual(refused);
    expect(await deliver('restartSession', undefined, contentScript())).toEqual(refused);
    expect(runtime.signIn).not.toHaveBeenCalled();
  });

  it('takes availability from a panel on an enabled site (its palette sends it for trusted gestures only), never from another site', async () => {
    expect(await deliver('setAvailability', { state: 'Away' }, contentScript())).toEqual(OK);
    expect(runtime.chooseAvailability).toHaveBeenCalledWith('Away', undefined);
    expect(await deliver('finishChatsThenAway', undefined, contentScript())).toEqual(OK);
    expect(runtime.finishChatsThenAway).toHaveBeenCalledTimes(1);
    vi.clearAllMocks();
    for (const sender of [elsewhere(), { ...contentScript(), url: 'https://disabled.example/x', tab: { id: 5 } as Browser.tabs.Tab }, { ...contentScript(), url: 'http://crm.example/record/1' }]) {
      expect(await deliver('setAvailability', { state: 'Away' }, sender)).toMatchObject({ ok: false, message: expect.stringContaining('Refused') });
      expect(await deliver('finishChatsThenAway', undefined, sender)).toMatchObject({ ok: false });
    }
    expect(runtime.chooseAvailability).not.toHaveBeenCalled();
    expect(runtime.finishChatsThenAway).not.toHaveBeenCalled();
    expect(await deliver('setAvailability', { state: 'Sleeping' }, contentScript())).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid request/) });
  });

  it('refuses everything from another extension', async () => {
    const stranger = { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' };
    expect(await deliver('sendLine', { chatId: 'K1', text: 'hi' }, stranger)).toMatchObject({ ok: false });
    expect(await deliver('acceptChat', undefined, stranger)).toMatchObject({ ok: false });
    expect(await deliver('getView', undefined, stranger)).toHaveProperty('thrown');
    expect(runtime.sendLine).not.toHaveBeenCalled();
  });

  it('validates panel payloads and answers bad ones with a readable refusal', async () => {
    for (const bad of [undefined, null, 'text', { chatId: 'K1' }, { chatId: '', text: 'x' }, { chatId: 'K1', text: 'x'.repeat(10_001) }, { chatId: 7, text: 'x' }]) {
      expect(await deliver('sendLine', bad, contentScript())).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid request/) });
    }
    expect(await deliver('setAvailability', { state: 'Sleeping' }, popup())).toMatchObject({ ok: false });
    expect(await deliver('setAvailability', { state: 'Away', reason: 'x'.repeat(81) }, popup())).toMatchObject({ ok: false });
    expect(await deliver('setAvailability', { state: 'Back soon', reason: 'Lunch' }, popup())).toEqual(OK);
    // The account's away reasons: for our own pages, not for a CRM page's content script.
    expect(await deliver('getAwayReasons', undefined, popup())).toEqual({ ok: true, reasons: ['Lunch'] });
    expect(await deliver('getAwayReasons', undefined, contentScript())).toMatchObject({ ok: false });
    expect(runtime.awayReasons).toHaveBeenCalledTimes(1);
    expect(runtime.chooseAvailability).toHaveBeenCalledWith('Back soon', 'Lunch');
    expect(await deliver('transferChat', { chatId: 'K1', skillId: '2', agentId: '3' }, contentScript())).toMatchObject({ ok: false });
    expect(await deliver('submitAgentSurvey', { chatId: 'K1', surveyId: '1', answers: { q: 'not-a-list' } }, contentScript())).toMatchObject({ ok: false });
    expect(runtime.sendLine).not.toHaveBeenCalled();
    expect(await deliver('sendLine', { chatId: 'K1', text: 'hello' }, contentScript())).toEqual(OK);
    expect(runtime.sendLine).toHaveBeenCalledWith('K1', 'hello', false, undefined, undefined);
  });

  it('ignores messages that are not in the protocol format', async () => {
    const results = await fakeBrowser.runtime.onMessage.trigger({ hello: 'world' }, contentScript(), () => {});
    expect(results).toEqual([false]);
  });
});

describe('a content script on a site the agent did not enable', () => {
  const notEnabled = [
    elsewhere(),
    { ...contentScript(), url: 'https://disabled.example/x', tab: { id: 5 } as Browser.tabs.Tab },
    // Plain http is refused for the panel, even with a rule (issue #19 L2).
    { ...contentScript(), url: 'http://crm.example/record/1', tab: { id: 6 } as Browser.tabs.Tab },
  ];

  it('gets no chat data', async () => {
    for (const sender of notEnabled) {
      expect(await deliver('getView', undefined, sender)).toHaveProperty('thrown');
      expect(await deliver('getTransferOptions', { chatId: 'K1' }, sender)).toMatchObject({ ok: false, message: expect.stringContaining('not enabled') });
      expect(await deliver('getAgentSurvey', { chatId: 'K1' }, sender)).toMatchObject({ ok: false });
      expect(await deliver('getCapacity', undefined, sender)).toMatchObject({ ok: false });
    }
    expect(runtime.view).not.toHaveBeenCalled();
    expect(runtime.getTransferOptions).not.toHaveBeenCalled();
  });

  it('cannot send, end, transfer or accept', async () => {
    for (const sender of notEnabled) {
      expect(await deliver('sendLine', { chatId: 'K1', text: 'hi' }, sender)).toMatchObject({ ok: false });
      expect(await deliver('endChat', { chatId: 'K1' }, sender)).toMatchObject({ ok: false });
      expect(await deliver('transferChat', { chatId: 'K1', skillId: '2' }, sender)).toMatchObject({ ok: false });
      expect(await deliver('acceptChat', undefined, sender)).toMatchObject({ ok: false });
      expect(await deliver('injectPanelScript', { script: 'panel-tools' }, sender)).toMatchObject({ ok: false });
    }
    expect(runtime.sendLine).not.toHaveBeenCalled();
    expect(runtime.endChat).not.toHaveBeenCalled();
    expect(runtime.transferChat).not.toHaveBeenCalled();
    expect(runtime.acceptChat).not.toHaveBeenCalled();
  });

  it('gains nothing by writing itself an enabled rule: the agent never granted its host', async () => {
    const forger = { ...contentScript(), url: 'https://forger.example/', tab: { id: 7 } as Browser.tabs.Tab };
    await siteRules.setValue([newSiteRule('https://forger.example')]);
    expect(await deliver('getView', undefined, forger)).toHaveProperty('thrown');
    expect(await deliver('endChat', { chatId: 'K1' }, forger)).toMatchObject({ ok: false });
    expect(runtime.endChat).not.toHaveBeenCalled();
  });

  it('is answered once the agent enables the site', async () => {
    await siteRules.setValue([newSiteRule('https://not-enabled.example')]);
    expect(await deliver('endChat', { chatId: 'K1' }, elsewhere())).toEqual(OK);
    expect(runtime.endChat).toHaveBeenCalledWith('K1');
  });
});

describe('a panel on an enabled site', () => {
  it('changes only a chat it shows', async () => {
    for (const [type, data] of [
      ['sendLine', { chatId: 'K2', text: 'hi' }],
      ['endChat', { chatId: 'K2' }],
      ['transferChat', { chatId: 'K2', skillId: '2' }],
      ['closeChat', { chatId: 'K2' }],
      ['saveDraft', { chatId: 'K2', text: 'x' }],
    ] as const) {
      expect(await deliver(type, data, contentScript())).toEqual({ ok: false, message: 'Refused: this panel does not show that chat.' });
    }
    expect(runtime.sendLine).not.toHaveBeenCalled();
    expect(runtime.endChat).not.toHaveBeenCalled();
    expect(runtime.transferChat).not.toHaveBeenCalled();
    expect(await deliver('transferChat', { chatId: 'K1', skillId: '2' }, contentScript())).toEqual(OK);
    expect(runtime.transferChat).toHaveBeenCalledWith('K1', { skillId: '2', text: undefined });
  });
});

describe('the handler tables', () => {
  it('have exactly one handler for every ProtocolMap message', () => {
    // Record<keyof ProtocolMap, …>: the type checker fails this list when the protocol gains or loses a message.
    const protocol: Record<keyof ProtocolMap, true> = {
      getView: true, signIn: true, signInWithApiKey: true, signOut: true, setAvailability: true, acceptChat: true, sendLine: true,
      retryLine: true, discardLine: true, saveDraft: true, endChat: true, closeChat: true, setTyping: true, getTransferOptions: true,
      getCapacity: true, transferChat: true, getAgentSurvey: true, submitAgentSurvey: true, injectPanelScript: true,
      finishChatsThenAway: true, restartSession: true, testRing: true, useSidePanel: true, getReplyDue: true,
      searchChatHistory: true, getCrmSiteSettings: true, saveCrmRecipe: true, getCannedResponses: true, getAwayReasons: true,
    };
    const handled = handlerTables(runtime as unknown as AgentRuntime).flatMap((table) => Object.keys(table));
    expect([...handled].sort()).toEqual(Object.keys(protocol).sort());
    expect(new Set(handled).size).toBe(handled.length);
  });
});

describe('useSidePanel', () => {
  it('turns the side panel on only for a tab whose site is set to it, and only from a tab', async () => {
    const setOptions = vi.fn(async () => undefined);
    Object.assign(fakeBrowser, { sidePanel: { setOptions } });
    await siteRules.setValue([newSiteRule('https://crm.example', { mode: 'side-panel' }), newSiteRule('https://other.example')]);

    expect(await deliver('useSidePanel', { enabled: true }, contentScript())).toEqual(OK);
    expect(setOptions).toHaveBeenCalledWith({ tabId: 3, path: 'sidepanel.html', enabled: true });

    const elsewhere = { ...contentScript(), url: 'https://other.example/' };
    expect(await deliver('useSidePanel', { enabled: true }, elsewhere)).toEqual({ ok: false, message: 'This site is not set to use the side panel.' });
    expect(await deliver('useSidePanel', { enabled: true }, popup())).toMatchObject({ ok: false });
    expect(await deliver('useSidePanel', { enabled: 'yes' }, contentScript())).toMatchObject({ ok: false, message: expect.stringContaining('Invalid request') });
    expect(setOptions).toHaveBeenCalledTimes(1);
  });
});
