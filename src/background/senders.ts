/**
 * Who may ask the background what (the security boundary of the protocol). Web pages cannot reach
 * us at all (no `externally_connectable`). Our own pages may do anything. A content script may act
 * for a panel only while the page it runs in is a site the agent enabled: a script in any other
 * tab (a site never enabled, or one since disabled) gets no chat data and changes nothing.
 */
import { browser, type Browser } from 'wxt/browser';
import type { EnabledSites } from './enabled-sites';

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

/** A content script of ours (not one of our pages) in a tab, on an enabled site. */
async function fromEnabledSiteTab(sender: Sender, sites: EnabledSites): Promise<boolean> {
  if (!fromThisExtension(sender) || fromExtensionPage(sender) || sender.tab?.id === undefined) return false;
  return sites.includes(sender.url);
}

export async function allowedBy(policy: SenderPolicy, sender: Sender, sites: EnabledSites): Promise<boolean> {
  if (policy === 'page') return fromExtensionPage(sender);
  if (policy === 'panel' && fromExtensionPage(sender)) return true;
  return fromEnabledSiteTab(sender, sites);
}
