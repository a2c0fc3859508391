/**
 * The CRM tabs that show the panel now (from the view ports), and bringing one to the front: for
 * a notification click, the "focus the panel" command, and after an accept from outside the tab.
 */
import { browser } from 'wxt/browser';
import type { PanelTab } from '../background/view-port';

/** Remembered across worker restarts (storage.session: trusted contexts only; a CRM URL is no page's business). */
const LAST_PANEL_URL_KEY = 'agentDockLastPanelUrl';

export class PanelTabs {
  private tabs: PanelTab[] = [];

  update(tabs: PanelTab[]): void {
    this.tabs = tabs;
    const url = tabs.at(-1)?.url;
    if (url) void browser.storage.session.set({ [LAST_PANEL_URL_KEY]: url });
  }

  count(): number {
    return this.tabs.length;
  }

  /** Whether a panel's tab is the active tab of the focused window: the agent has a panel in front of them. */
  async inFront(): Promise<boolean> {
    if (this.tabs.length === 0) return false;
    const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return active?.id !== undefined && this.tabs.some((t) => t.tabId === active.id);
  }

  /** Brings the most recent panel tab to the front, or opens the last CRM page seen, or the options page. */
  async focus(): Promise<void> {
    const tab = this.tabs.at(-1);
    if (tab) {
      await browser.tabs.update(tab.tabId, { active: true });
      await browser.windows.update(tab.windowId, { focused: true });
      return;
    }
    const stored = await browser.storage.session.get(LAST_PANEL_URL_KEY);
    const url = stored[LAST_PANEL_URL_KEY] as string | undefined;
    if (url) await browser.tabs.create({ url });
    else await browser.runtime.openOptionsPage();
  }
}
