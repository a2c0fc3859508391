/**
 * The view stream: our pages hear every view (the popup shows the last poll time); panels in CRM
 * tabs hear only views that change what they show, so an idle agent costs the tabs nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentRuntime } from '../../src/agent/runtime';
import { serveViewPort } from '../../src/background/view-port';
import { followEnabledSites } from '../../src/background/enabled-sites';
import { newSiteRule, siteRules } from '../../src/settings/sites';
import { VIEW_PORT } from '../../src/messaging/protocol';
import { withKnownLines, type ViewMessage } from '../../src/messaging/panel-views';
import { emptyView, type AgentView, type ChatView, type LineView } from '../../src/messaging/view';

function fakePort(sender: Browser.runtime.MessageSender) {
  return { name: VIEW_PORT, sender, postMessage: vi.fn(), onDisconnect: { addListener: vi.fn() } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const versions = (port: ReturnType<typeof fakePort>) => port.postMessage.mock.calls.map(([m]) => (m as { view: AgentView }).view.version);

async function serve() {
  await siteRules.setValue([newSiteRule('https://crm.example')]);
  // The agent granted crm.example; elsewhere.example never (a content script cannot grant itself a host).
  Object.assign(fakeBrowser, { permissions: { contains: async ({ origins }: { origins: string[] }) => origins.every((o) => o === 'https://crm.example/*') } });
  let listener: (view: AgentView) => void = () => {};
  const state = { current: { ...emptyView, version: 1, auth: { status: 'signed-in', agentName: 'Alex' } } as AgentView };
  const runtime = {
    restore: async () => {},
    view: () => state.current,
    subscribe: (l: (view: AgentView) => void) => {
      listener = l;
      return () => {};
    },
  };
  // fake-browser has no onConnect: capture the listener the background registers.
  let connect: (port: Browser.runtime.Port) => void = () => {};
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((l) => {
    connect = l as typeof connect;
  });
  serveViewPort(runtime as unknown as AgentRuntime, followEnabledSites());
  const id = fakeBrowser.runtime.id;
  const popup = fakePort({ id, url: `chrome-extension://${id}/popup.html` });
  const panel = fakePort({ id, url: 'https://crm.example/record/1', tab: { id: 3 } as Browser.tabs.Tab });
  // A content script in a tab of a site the agent never enabled (a compromised renderer, say).
  const stranger = fakePort({ id, url: 'https://elsewhere.example/inbox', tab: { id: 4 } as Browser.tabs.Tab });
  connect(popup as unknown as Browser.runtime.Port);
  connect(panel as unknown as Browser.runtime.Port);
  connect(stranger as unknown as Browser.runtime.Port);
  const push = (view: AgentView) => {
    state.current = view;
    listener(view);
  };
  return { popup, panel, stranger, push, state };
}

const line = (i: number, extra: Partial<LineView> = {}): LineView => ({ id: String(i), source: 'visitor', by: 'Dana', text: `line ${i}`, textType: 'plain', time: '', clock: '', ...extra });
const chat = (lines: LineView[]): ChatView => ({ id: 'c1', state: 'chatting', visitorName: 'Dana', visitorTyping: false, lines });

describe('serveViewPort', () => {
  it('sends panels only views that change what they show, and our pages every view', async () => {
    const { popup, panel, push, state } = await serve();
    await settle();
    // An idle poll: a new version and a new last-poll time, nothing else.
    push({ ...state.current, version: 2, health: { lastPollAt: 1000 } });
    push({ ...state.current, version: 3, health: { lastPollAt: 3000 } });
    // Something a panel shows: a ring, then a problem.
    push({ ...state.current, version: 4, ringing: { count: 1, since: 3500 } });
    push({ ...state.current, version: 5, health: { lastPollAt: 5000, problem: 'LivePerson is not answering' } });

    expect(versions(popup)).toEqual([1, 2, 3, 4, 5]);
    expect(versions(panel)).toEqual([1, 4, 5]);
  });

  it('sends a panel only the lines it does not hold, and the panel rebuilds the whole view', async () => {
    const { popup, panel, push, state } = await serve();
    await settle();
    const views = [
      { ...state.current, version: 2, chats: [chat(Array.from({ length: 500 }, (_, i) => line(i)))] },
      { ...state.current, version: 3, chats: [chat([...Array.from({ length: 500 }, (_, i) => line(i)), line(500)])] },
      // A pending line of the agent, then the same line delivered: the tail changes.
      { ...state.current, version: 4, chats: [chat([...Array.from({ length: 501 }, (_, i) => line(i)), line(9, { id: 'pending:x', source: 'agent', delivery: 'pending' })])] },
      { ...state.current, version: 5, chats: [chat([...Array.from({ length: 501 }, (_, i) => line(i)), line(501, { source: 'agent' })])] },
    ];
    for (const v of views) push(v);

    const sent = panel.postMessage.mock.calls.map(([m]) => m as ViewMessage);
    expect(sent.map((m) => m.view.chats[0]?.lines.length ?? 0)).toEqual([0, 500, 1, 1, 1]);
    let held: AgentView | undefined;
    for (const [i, message] of sent.entries()) {
      held = withKnownLines(message, held);
      expect(held).toEqual(i === 0 ? { ...emptyView, version: 1, auth: { status: 'signed-in', agentName: 'Alex' } } : views[i - 1]);
    }
    // Our pages always get the whole view.
    expect(popup.postMessage.mock.calls.at(-1)![0]).toEqual({ type: 'view', view: views[3] });
  });

  it('gives a content script on a site the agent did not enable no view at all, and stops when a site is disabled', async () => {
    const { panel, stranger, push, state } = await serve();
    await settle();
    push({ ...state.current, version: 2, chats: [chat([line(1)])] });
    expect(stranger.postMessage).not.toHaveBeenCalled();
    expect(versions(panel)).toEqual([1, 2]);
    await siteRules.setValue([newSiteRule('https://crm.example', { enabled: false })]);
    await settle();
    push({ ...state.current, version: 3, chats: [chat([line(1), line(2)])] });
    expect(versions(panel)).toEqual([1, 2]);
    expect(stranger.postMessage).not.toHaveBeenCalled();
  });
});
