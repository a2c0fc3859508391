/**
 * Chrome's side panel as the panel's home on sites whose rule says so: enabled per tab, by the
 * tab's own content script (which knows the page's URL and rule), disabled everywhere else.
 * Firefox has no `sidePanel` API: there the panel stays in the page.
 */
import { browser } from 'wxt/browser';
import type { CommandResult } from '../messaging/protocol';
import { effectiveRule } from '../settings/site-match';
import { siteRules } from '../settings/sites';

export const SIDE_PANEL_PATH = 'sidepanel.html';

export function sidePanelSupported(): boolean {
  return typeof browser.sidePanel?.setOptions === 'function';
}

/** At worker start: no side panel unless a site asks for it (the manifest's default is every tab). */
export function disableSidePanelByDefault(): void {
  if (!sidePanelSupported()) return;
  void browser.sidePanel.setOptions({ enabled: false }).catch(() => undefined);
  void browser.sidePanel.setPanelBehavior?.({ openPanelOnActionClick: false }).catch(() => undefined);
}

/**
 * A tab leaving a side-panel site loses its side panel. The new page's URL is only known where the
 * extension has access (an enabled site): anywhere else is not a side-panel site. Reloads keep it.
 * Call synchronously from the background's main().
 */
export function followTabsForSidePanel(): void {
  if (!sidePanelSupported()) return;
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status !== 'loading') return;
    const url = info.url ?? tab.url;
    void siteRules.getValue().then(async (rules) => {
      const rule = url ? effectiveRule(rules, url) : undefined;
      if (rule?.enabled && rule.mode === 'side-panel') return;
      await browser.sidePanel.setOptions({ tabId, enabled: false });
    }).catch(() => undefined);
  });
}

/** The tab at `url` shows the side panel (or stops), if its site rule says side panel. */
export async function setSidePanelForTab(tabId: number, url: string | undefined, enabled: boolean): Promise<CommandResult> {
  if (!sidePanelSupported()) return { ok: false, message: 'This browser has no side panel: the panel stays in the page.' };
  if (enabled) {
    const rule = url ? effectiveRule(await siteRules.getValue(), url) : undefined;
    if (!rule?.enabled || rule.mode !== 'side-panel') return { ok: false, message: 'This site is not set to use the side panel.' };
  }
  await browser.sidePanel.setOptions({ tabId, path: SIDE_PANEL_PATH, enabled });
  return { ok: true };
}
