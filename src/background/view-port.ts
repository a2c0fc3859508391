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
import { siteRules, type SiteRule } from '../settings/sites';
import { fromExtensionPage, onEnabledSite } from './senders';

/** A CRM tab showing the panel: a view port from a content script (not from one of our pages). */
export interface PanelTab {
  tabId: number;
  windowId: number;
  url?: string;
}

type Port = Browser.runtime.Port;

export function serveViewPort(runtime: AgentRuntime, onPanels?: (panels: PanelTab[]) => void): void {
  const ports = new Set<Port>();
  const panels = new Map<Port, { fingerprint: string; lines: SentLines }>();
  // The site rules as last read: whether a panel's page is (still) on an enabled site.
  let rules: readonly SiteRule[] | undefined;
  const rulesRead = siteRules.getValue().then((value) => (rules ??= value));
  const allowed = (port: Port) => !!rules && onEnabledSite(rules, port.sender?.url);
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
  // A site enabled since a panel connected now hears the view; one disabled hears nothing more.
  siteRules.watch((value) => {
    rules = value;
    onPanels?.(panelTabs());
    void runtime.restore().then(() => sendAll(runtime.view()));
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== VIEW_PORT || port.sender?.id !== browser.runtime.id) return;
    ports.add(port);
    if (!fromExtensionPage(port.sender)) panels.set(port, { fingerprint: '', lines: new Map() });
    void rulesRead.then(() => onPanels?.(panelTabs()));
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      panels.delete(port);
      onPanels?.(panelTabs());
    });
    void Promise.all([runtime.restore(), rulesRead]).then(() => sendTo(port, runtime.view(), {}));
  });
}
