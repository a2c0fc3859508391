/**
 * Whether a content script's page is on an enabled site (the rule of ./senders.ts), answered from
 * memory. Every panel command and every panel's view port asks; reading the rules from storage and
 * asking the browser for the host permission each time were two round trips to the browser
 * process before a command ran or a panel's first view left: about 6 ms at the median, 20–30 ms at
 * times (measured in the service worker on a CRM page load).
 *
 * The answers follow the browser's events: a change to the rules (storage.onChanged) replaces them
 * at once, an added or removed permission forgets every grant, and a grant is asked again after
 * GRANT_ANSWER_LIFETIME_MS whatever the events said. `onChange` tells the view port, which checks
 * its connected panels again (docs/security.md, threat 2: a compromised content-script renderer).
 */
import { browser } from 'wxt/browser';
import { effectiveRule } from '../settings/site-match';
import { panelSchemeAllowed, siteRules, type SiteRule } from '../settings/sites';

/** The longest a "granted" (or "not granted") answer is used before the browser is asked again. */
export const GRANT_ANSWER_LIFETIME_MS = 60_000;

export interface EnabledSites {
  /**
   * The page at `url` is on an enabled site: an allowed scheme (no plain http), an enabled rule,
   * and the host permission the agent granted for it. The rules live in storage.local, which a
   * content script can write; the permission it cannot grant itself (the browser asks the agent),
   * so a forged "enabled" rule for its own site gains it nothing.
   */
  includes(url: string | undefined): Promise<boolean>;
  /** Calls back once the rules or the grants changed; returns the stop function. */
  onChange(listener: () => void): () => void;
}

export function followEnabledSites(now: () => number = Date.now): EnabledSites {
  let rules: Promise<readonly SiteRule[]> | undefined;
  const grants = new Map<string, { answer: Promise<boolean>; at: number }>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const currentRules = () => {
    if (!rules) {
      const read = siteRules.getValue();
      rules = read;
      // A failed read is not kept: the next question reads again.
      read.catch(() => {
        if (rules === read) rules = undefined;
      });
    }
    return rules;
  };
  siteRules.watch((latest) => {
    rules = Promise.resolve(latest);
    changed();
  });

  const granted = (origin: string) => {
    const known = grants.get(origin);
    if (known && now() - known.at < GRANT_ANSWER_LIFETIME_MS) return known.answer;
    const answer = browser.permissions.contains({ origins: [origin] }).catch(() => false);
    grants.set(origin, { answer, at: now() });
    return answer;
  };
  const forgetGrants = () => {
    grants.clear();
    changed();
  };
  browser.permissions?.onAdded?.addListener(forgetGrants);
  browser.permissions?.onRemoved?.addListener(forgetGrants);

  return {
    async includes(url) {
      if (!url || !panelSchemeAllowed(url)) return false;
      if (effectiveRule(await currentRules(), url)?.enabled !== true) return false;
      const { protocol, hostname } = new URL(url);
      return granted(`${protocol}//${hostname}/*`);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
