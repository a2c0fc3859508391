/**
 * Who may ask the background what (the security boundary of the protocol). Web pages cannot reach
 * us at all (no `externally_connectable`). Our own pages may do anything. A content script may act
 * for a panel only while the page it runs in is a site the agent enabled: a script in any other
 * tab (a site never enabled, or one since disabled) gets no chat data and changes nothing.
 */
import { browser, type Browser } from 'wxt/browser';
import { effectiveRule } from '../settings/site-match';
import { panelSchemeAllowed, siteRules, type SiteRule } from '../settings/sites';

export type Sender = Browser.runtime.MessageSender;

/**
 * - `page`: our own pages only (popup, options, side panel): account, availability, settings.
 * - `panel`: our pages, or a content script on an enabled site: what a panel shows and does.
 * - `tab`: a content script on an enabled site, for its own tab (scripts it loads, side panel).
 */
export type SenderPolicy = 'page' | 'panel' | 'tab';

export function fromThisExtension(sender: Sender | undefined): boolean {
  return sender?.id === browser.runtime.id;
}

export function fromExtensionPage(sender: Sender | undefined): boolean {
  return fromThisExtension(sender) && !!sender?.url?.startsWith(browser.runtime.getURL('/'));
}

/**
 * The page a content script runs in (its frame's URL) is on an enabled site: an allowed scheme (no
 * plain http), an enabled rule, and the host permission the agent granted for it. The rules live
 * in storage.local, which a content script can write; the permission it cannot grant itself (the
 * browser asks the agent), so a forged "enabled" rule for its own site gains it nothing.
 */
export async function onEnabledSite(rules: readonly SiteRule[], url: string | undefined): Promise<boolean> {
  if (!url || !panelSchemeAllowed(url)) return false;
  if (effectiveRule(rules, url)?.enabled !== true) return false;
  const { protocol, hostname } = new URL(url);
  try {
    return await browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

/** A content script of ours (not one of our pages) on an enabled site, in a tab. */
export async function fromEnabledSiteTab(sender: Sender): Promise<boolean> {
  if (!fromThisExtension(sender) || fromExtensionPage(sender) || sender.tab?.id === undefined) return false;
  return onEnabledSite(await siteRules.getValue(), sender.url);
}

export async function allowedBy(policy: SenderPolicy, sender: Sender): Promise<boolean> {
  if (policy === 'page') return fromExtensionPage(sender);
  if (policy === 'panel' && fromExtensionPage(sender)) return true;
  return fromEnabledSiteTab(sender);
}
