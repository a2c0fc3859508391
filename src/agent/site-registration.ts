/**
 * Keeps the panel's content-script registrations in step with the site rules and the host
 * permissions the agent granted: rules in storage → `scripting.registerContentScripts` for the
 * hosts of enabled rules that have their permission. Whoever writes the rules (options page,
 * popup, an import, an admin policy), this is the one place that acts on them.
 *
 * - A host newly covered gets the script in its already-open tabs (`scripting.executeScript`).
 * - A host no enabled rule needs any more gives its optional permission back.
 * - Registrations persist across worker restarts; the sync runs again on every start anyway.
 */
import { browser } from 'wxt/browser';
import type { Logger } from './runtime';
import { hostPatternOf } from '../settings/site-match';
import { ruleSchemeAllowed, siteRules, type SiteRule } from '../settings/sites';

export const PANEL_SCRIPT_FILE = 'content-scripts/panel.js';
/** Starts, at document_start, the settings read the panel's first paint waits on (src/ui/dock/panel-settings.ts). */
export const EARLY_READ_SCRIPT_FILE = 'panel-settings.js';
const TOP_ID = 'agent-dock-panel';
const FRAMES_ID = 'agent-dock-panel-frames';
/** The early read's registration beside a panel registration: same sites, same frames. */
const earlyReadId = (panelId: string) => `${panelId}-early-read`;

export interface PanelRegistrationPlan {
  /** Host patterns where the panel runs in the top page only. */
  top: string[];
  /** Host patterns where it also runs in frames. */
  frames: string[];
  /** Host patterns enabled rules need but the agent has not granted. */
  missing: string[];
}

/** What to register, from the rules and the host permissions granted (required ones included). */
export function planPanelRegistrations(rules: readonly SiteRule[], granted: (hostPattern: string) => boolean): PanelRegistrationPlan {
  const top = new Set<string>();
  const frames = new Set<string>();
  const missing = new Set<string>();
  for (const rule of rules) {
    // Plain http sites never get the panel (loopback excepted in the sandbox build).
    if (!rule.enabled || !ruleSchemeAllowed(rule.match)) continue;
    const host = hostPatternOf(rule.match);
    if (!host) continue;
    if (!granted(host)) missing.add(host);
    else (rule.frames ? frames : top).add(host);
  }
  for (const host of frames) top.delete(host);
  return { top: [...top].sort(), frames: [...frames].sort(), missing: [...missing].sort() };
}

/** Optional host permissions held that no enabled rule needs: given back. Required ones stay. */
export function permissionsToRelease(granted: readonly string[], required: readonly string[], rules: readonly SiteRule[]): string[] {
  const needed = new Set(rules.filter((r) => r.enabled).map((r) => hostPatternOf(r.match)));
  return granted.filter((origin) => !required.includes(origin) && !needed.has(origin));
}

function requiredHostPermissions(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

async function applyRegistrations(plan: PanelRegistrationPlan): Promise<string[]> {
  const panels = [
    { id: TOP_ID, matches: plan.top, allFrames: false },
    { id: FRAMES_ID, matches: plan.frames, allFrames: true },
  ];
  const wanted = panels.flatMap((panel) => [
    { ...panel, js: [PANEL_SCRIPT_FILE], runAt: 'document_idle' as const, persistAcrossSessions: true },
    { ...panel, id: earlyReadId(panel.id), js: [EARLY_READ_SCRIPT_FILE], runAt: 'document_start' as const, persistAcrossSessions: true },
  ]);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: wanted.map((s) => s.id) });
  const before = new Map(existing.map((s) => [s.id, new Set(s.matches ?? [])]));
  // Updated in place, never unregistered first: a page loading meanwhile still gets the panel.
  const stale = wanted.filter((s) => s.matches.length === 0 && before.has(s.id)).map((s) => s.id);
  const changed = wanted.filter((s) => s.matches.length > 0 && before.has(s.id) && !sameSet(before.get(s.id)!, s.matches));
  const added = wanted.filter((s) => s.matches.length > 0 && !before.has(s.id));
  if (changed.length > 0) await browser.scripting.updateContentScripts(changed);
  if (added.length > 0) await browser.scripting.registerContentScripts(added);
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  // Hosts newly covered, or newly covered in frames too: their open tabs get the script now.
  const was = (id: string, host: string) => before.get(id)?.has(host) ?? false;
  return [...plan.top.filter((h) => !was(TOP_ID, h) && !was(FRAMES_ID, h)), ...plan.frames.filter((h) => !was(FRAMES_ID, h))];
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((x) => a.has(x));
}

/** Tabs opened before the host was enabled get the panel now: no reload needed. */
async function injectIntoOpenTabs(hosts: readonly string[], framesHosts: ReadonlySet<string>, log: Logger): Promise<void> {
  for (const host of hosts) {
    const tabs = await browser.tabs.query({ url: host });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: framesHosts.has(host) }, files: [`/${PANEL_SCRIPT_FILE}`] });
      } catch (error) {
        // A tab still loading or showing an error page: its registration covers the next load.
        log.warn(`could not add the panel to tab ${tab.id}`, { error: String(error) });
      }
    }
  }
}

/**
 * `everywhere`: inject into every open tab of every covered host, not only newly covered ones —
 * after an install or update, when the tabs' old copies of the script were cut off.
 */
export async function syncPanelRegistrations(log: Logger, rules?: SiteRule[], options: { everywhere?: boolean } = {}): Promise<PanelRegistrationPlan> {
  const current = rules ?? (await siteRules.getValue());
  const required = requiredHostPermissions();
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const grantedCheck = async (host: string) => browser.permissions.contains({ origins: [host] });
  const grantedHosts = new Set<string>();
  for (const rule of current) {
    const host = hostPatternOf(rule.match);
    if (host && rule.enabled && (await grantedCheck(host))) grantedHosts.add(host);
  }
  const plan = planPanelRegistrations(current, (host) => grantedHosts.has(host));
  const added = await applyRegistrations(plan);
  await injectIntoOpenTabs(options.everywhere ? [...plan.top, ...plan.frames] : added, new Set(plan.frames), log);
  const release = permissionsToRelease(granted, required, current);
  if (release.length > 0) await browser.permissions.remove({ origins: release });
  return plan;
}

/**
 * Wires the sync to its triggers: every worker start, a change of the rules, a permission granted
 * or removed (the agent may also do that in the browser's own extension settings).
 * Call synchronously from the background's main().
 */
export function keepPanelRegistrationsInSync(log: Logger): void {
  let chain: Promise<unknown> = Promise.resolve();
  const sync = (rules?: SiteRule[], options?: { everywhere?: boolean }) => {
    chain = chain
      .then(() => syncPanelRegistrations(log, rules, options))
      .catch((error: unknown) => log.warn('could not update where the panel runs', { error: String(error) }));
  };
  siteRules.watch((rules) => sync(rules ?? undefined));
  browser.permissions.onAdded.addListener(() => sync());
  browser.permissions.onRemoved.addListener(() => sync());
  // Installed or updated: tabs open on enabled sites get the panel without a reload.
  browser.runtime.onInstalled.addListener(() => sync(undefined, { everywhere: true }));
  sync();
}
