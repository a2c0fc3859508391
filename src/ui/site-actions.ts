/**
 * What the options page and the popup do to site rules. The rule is written first, then access is
 * asked for (that needs the click's user gesture): the background registers the panel once both
 * hold, whatever order the browser answers in — and the popup may close while Chrome asks.
 */
import { browser } from 'wxt/browser';
import { effectiveRule, hostPatternOf, originOf, parseSitePattern } from '../settings/site-match';
import { HTTP_SITE_REFUSED, newSiteRule, ruleSchemeAllowed, siteRules, type SiteRule } from '../settings/sites';

export type SiteActionResult = { ok: true } | { ok: false; message: string };

export async function hasAccess(match: string): Promise<boolean> {
  const host = hostPatternOf(match);
  return !!host && browser.permissions.contains({ origins: [host] });
}

/** Asks the browser for the rule's host, during the click that enabled it. */
async function requestAccess(match: string): Promise<SiteActionResult> {
  const host = hostPatternOf(match);
  if (!host) return { ok: false, message: `"${match}" is not a site Agent Dock can run on.` };
  let granted: boolean;
  try {
    granted = await browser.permissions.request({ origins: [host] });
  } catch (error) {
    return { ok: false, message: `The browser refused to ask for access to ${host} (${error instanceof Error ? error.message : String(error)}).` };
  }
  return granted ? { ok: true } : { ok: false, message: `Access to ${host} was not granted, so the panel stays off there.` };
}

async function update(change: (rules: SiteRule[]) => SiteRule[]): Promise<void> {
  await siteRules.setValue(change(await siteRules.getValue()));
}

/** Turns a rule on (asking for its site) or off (the background gives the site back). */
export async function setRuleEnabled(match: string, enabled: boolean): Promise<SiteActionResult> {
  if (enabled && !ruleSchemeAllowed(match)) return { ok: false, message: HTTP_SITE_REFUSED };
  await update((rules) => rules.map((r) => (r.match === match ? { ...r, enabled } : r)));
  if (!enabled) return { ok: true };
  const access = await requestAccess(match);
  if (!access.ok) await update((rules) => rules.map((r) => (r.match === match ? { ...r, enabled: false } : r)));
  return access;
}

/** Adds a site (an origin or a URL pattern) with the default layout, enabled. */
export async function addSite(match: string): Promise<SiteActionResult> {
  const trimmed = match.trim().replace(/\/$/, '');
  const parsed = parseSitePattern(trimmed);
  if (typeof parsed === 'string') return { ok: false, message: parsed };
  if (!ruleSchemeAllowed(trimmed)) return { ok: false, message: HTTP_SITE_REFUSED };
  const existing = (await siteRules.getValue()).find((r) => r.match === trimmed);
  if (existing?.locked) return { ok: false, message: `${trimmed} is set by your administrator.` };
  if (!existing) await update((rules) => [...rules, newSiteRule(trimmed)]);
  return setRuleEnabled(trimmed, true);
}

export async function updateRule(match: string, patch: Partial<SiteRule>): Promise<void> {
  await update((rules) => rules.map((r) => (r.match === match && !r.locked ? { ...r, ...patch, match: r.match } : r)));
}

export async function removeRule(match: string): Promise<void> {
  await update((rules) => rules.filter((r) => r.match !== match || r.locked));
}

/** "Show the panel on this site" for the page at `url`: its rule, or a new rule for its origin. */
export async function setPanelOnPage(url: string, enabled: boolean): Promise<SiteActionResult> {
  const origin = originOf(url);
  if (!origin) return { ok: false, message: 'Agent Dock runs on web pages (http or https) only.' };
  if (enabled && !ruleSchemeAllowed(origin)) return { ok: false, message: HTTP_SITE_REFUSED };
  const rule = effectiveRule(await siteRules.getValue(), url);
  if (rule?.locked) return { ok: false, message: 'This site is set by your administrator.' };
  // A wider rule stays as it is: this origin gets its own, more specific one.
  if (rule && (rule.match === origin || enabled === rule.enabled)) return setRuleEnabled(rule.match, enabled);
  await update((rules) => [...rules.filter((r) => r.match !== origin), newSiteRule(origin, { ...(rule ?? {}), match: origin, enabled: false, locked: undefined })]);
  return setRuleEnabled(origin, enabled);
}
