/**
 * The view stream: our pages hear every view (the popup shows the last poll time); panels in CRM
 * tabs hear only views that change what they show, so an idle agent costs the tabs nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentRuntime } from '../../src/agent/runtime';
import { serveViewPort } from '../../src/messaging/background-side';
import { VIEW_PORT } from '../../src/messaging/protocol';
import { emptyView, type AgentView } from '../../src/messaging/view';

function fakePort(sender: Browser.runtime.MessageSender) {
  return { name: VIEW_PORT, sender, postMessage: vi.fn(), onDisconnect: { addListener: vi.fn() } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const versions = (port: ReturnType<typeof fakePort>) => port.postMessage.mock.calls.map(([m]) => (m as { view: AgentView }).view.version);

describe('serveViewPort', () => {
  it('sends panels only views that change what they show, and our pages every view', async () => {
    let listener: (view: AgentView) => void = () => {};
    let current: AgentView = { ...emptyView, version: 1, auth: { status: 'signed-in', agentName: 'Alex' } };
    const runtime = {
      restore: async () => {},
      view: () => current,
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
    serveViewPort(runtime as unknown as AgentRuntime);
    const id = fakeBrowser.runtime.id;
    const popup = fakePort({ id, url: `chrome-extension://${id}/popup.html` });
    const panel = fakePort({ id, url: 'https://crm.example/record/1', tab: { id: 3 } as Browser.tabs.Tab });
    connect(popup as unknown as Browser.runtime.Port);
    connect(panel as unknown as Browser.runtime.Port);
    await settle();

    const push = (view: AgentView) => {
      current = view;
      listener(view);
    };
    // An idle poll: a new version and a new last-poll time, nothing else.
    push({ ...current, version: 2, health: { lastPollAt: 1000 } });
    push({ ...current, version: 3, health: { lastPollAt: 3000 } });
    // Something a panel shows: a ring, then a problem.
    push({ ...current, version: 4, ringing: { count: 1, since: 3500 } });
    push({ ...current, version: 5, health: { lastPollAt: 5000, problem: 'LivePerson is not answering' } });

    expect(versions(popup)).toEqual([1, 2, 3, 4, 5]);
    expect(versions(panel)).toEqual([1, 4, 5]);
  });
});
