/** The popup's "Show the panel on this site": the active tab's site, on or off in one click. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { effectiveRule, originOf } from '../../settings/site-match';
import { siteRules, type SiteRule } from '../../settings/sites';
import { setPanelOnPage } from '../site-actions';

export function ThisSite() {
  // activeTab: the toolbar click lets the popup read the tab's address.
  const [tab, setTab] = useState<{ id?: number; url: string } | null>(null);
  const [rules, setRules] = useState<SiteRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => t?.url && setTab({ id: t.id, url: t.url }));
    void siteRules.getValue().then(setRules);
    return siteRules.watch((next) => setRules(next ?? []));
  }, []);
  const origin = tab ? originOf(tab.url) : undefined;
  if (!tab || !origin || !rules) return null;
  const rule = effectiveRule(rules, tab.url);
  const on = !!rule?.enabled;
  const sidePanel = on && rule?.mode === 'side-panel' && typeof browser.sidePanel?.open === 'function';
  return (
    <div class="this-site" data-testid="this-site">
      <label class="this-site-toggle">
        <input
          type="checkbox"
          data-testid="this-site-toggle"
          checked={on}
          disabled={!!rule?.locked}
          onChange={async (e) => {
            const result = await setPanelOnPage(tab.url, (e.target as HTMLInputElement).checked);
            setError(result.ok ? null : result.message);
          }}
        />
        Show the panel on {origin}
      </label>
      {sidePanel && tab.id !== undefined && (
        <button type="button" class="btn" onClick={() => void browser.sidePanel.open({ tabId: tab.id! }).catch((err: unknown) => setError(String(err)))}>
          Open the side panel
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
