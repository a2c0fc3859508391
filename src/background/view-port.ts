/**
 * Streams the view to every connected UI; each gets the current view as soon as it connects.
 * Our own pages hear every view, whole. A panel (a content script in a CRM tab) hears a view only
 * while its page is on an enabled site — a script anywhere else gets nothing, however it asks —
 * and then only views that change what it shows, with only the lines it does not hold yet
 * (src/messaging/panel-views.ts). `onPanels` hears the CRM tabs whose panel is connected.
 */
import { browser, type Browser } from 'wxt/browser';
import type { AgentRuntime } from '../agent/runtime';
import { lineKeys, panelFingerprint, withoutKnownLines, type SentLines, type ViewMessage } from '../messaging/panel-views';
import { VIEW_PORT } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';
import type { EnabledSites } from './enabled-sites';
import { fromExtensionPage } from './senders';

/** A CRM tab showing the panel: a view port from a content script (not from one of our pages). */
export interface PanelTab {
  tabId: number;
  windowId: number;
  url?: string;
}

type Port = Browser.runtime.Port;

export function serveViewPort(runtime: AgentRuntime, sites: EnabledSites, onPanels?: (panels: PanelTab[]) => void): void {
  const ports = new Set<Port>();
  const panels = new Map<Port, { fingerprint: string; lines: SentLines }>();
  // Panels whose page is (still) on an enabled site, checked when they connect and again whenever
  // the rules or the granted permissions change.
  const allowedPanels = new Set<Port>();
  const allowed = (port: Port) => allowedPanels.has(port);
  const check = async (port: Port) => {
    if (await sites.includes(port.sender?.url)) allowedPanels.add(port);
    else allowedPanels.delete(port);
  };
  const recheckAll = async () => {
    await Promise.all([...panels.keys()].map(check));
    onPanels?.(panelTabs());
    await runtime.restore();
    sendAll(runtime.view());
  };
  // CRM tabs showing a panel on an enabled site (our own pages, the side panel included, are not
  // CRM tabs): the presence safety net watches for the last one to close.
  const panelTabs = () =>
    [...panels.keys()].flatMap((p) => {
      const tab = p.sender?.tab;
      return tab?.id !== undefined && allowed(p) ? [{ tabId: tab.id, windowId: tab.windowId, url: p.sender?.url }] : [];
    });
  const sendTo = (port: Port, view: AgentView, shared: { fingerprint?: string; keys?: Map<string, string[]> }) => {
    const panel = panels.get(port);
    if (!panel) return port.postMessage({ type: 'view', view } satisfies ViewMessage);
    if (!allowed(port)) return;
    shared.fingerprint ??= panelFingerprint(view);
    if (panel.fingerprint === shared.fingerprint) return;
    panel.fingerprint = shared.fingerprint;
    shared.keys ??= lineKeys(view);
    port.postMessage(withoutKnownLines(view, shared.keys, panel.lines));
  };
  const sendAll = (view: AgentView) => {
    const shared = {};
    for (const port of ports) sendTo(port, view, shared);
  };
  runtime.subscribe(sendAll);
  // A site enabled since a panel connected now hears the view; one disabled (or its grant
  // withdrawn) hears nothing more.
  sites.onChange(() => void recheckAll());
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== VIEW_PORT || port.sender?.id !== browser.runtime.id) return;
    ports.add(port);
    const isPanel = !fromExtensionPage(port.sender);
    if (isPanel) panels.set(port, { fingerprint: '', lines: new Map() });
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      panels.delete(port);
      allowedPanels.delete(port);
      onPanels?.(panelTabs());
    });
    const checked = isPanel ? check(port) : Promise.resolve();
    void checked.then(async () => {
      if (isPanel) onPanels?.(panelTabs());
      await runtime.restore();
      if (ports.has(port)) sendTo(port, runtime.view(), {});
    });
  });
}
