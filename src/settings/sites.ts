/**
 * Site rules as stored: where the panel runs and how it sits there, in storage.local (content
 * scripts read them to lay the panel out; no secret here). No zod in this module: the content
 * script imports it. The schema, import/export and policy input are in ./site-rules.ts.
 */
import { localItem } from './local-item';
import { sitePattern } from './site-match';
import { SANDBOX_BUILD } from './build-mode';
import { SANDBOX_CRM_ORIGIN } from './sandbox';

export const PANEL_MIN_WIDTH = 280;
export const PANEL_MAX_WIDTH = 900;
export const PANEL_DEFAULT_WIDTH = 360;
/** Above nearly every CRM overlay; a rule's `zIndex` overrides it. */
export const PANEL_DEFAULT_Z_INDEX = 2147483000;

export type PanelDock = 'right' | 'left' | 'floating';
export type PanelMode = 'in-page' | 'side-panel';

export interface SiteRule {
  /** An origin or a URL pattern (see ./site-match.ts); the most specific match wins. */
  match: string;
  /** Panel on/off for this site. */
  enabled: boolean;
  /** In the page, or in Chrome's side panel (for CRMs where nothing may cover the page). */
  mode: PanelMode;
  dock: PanelDock;
  /** px */
  width: number;
  startCollapsed: boolean;
  /** A collapsed panel opens by itself when a chat rings. */
  autoOpenOnRing: boolean;
  /** Make room for the docked panel (a page margin) instead of overlaying the page. Opt-in. */
  pushPage: boolean;
  /** For CRMs whose own overlays sit above the panel's default z-index. */
  zIndex?: number;
  /** Also run inside frames of this site (by default only in the top page). */
  frames: boolean;
  /** Set by an admin policy: the agent cannot change or remove it. */
  locked?: boolean;
}

export const SITE_RULE_DEFAULTS: Omit<SiteRule, 'match'> = {
  enabled: true,
  mode: 'in-page',
  dock: 'right',
  width: PANEL_DEFAULT_WIDTH,
  startCollapsed: false,
  autoOpenOnRing: true,
  pushPage: false,
  frames: false,
};

/**
 * Where the panel may run: https pages. Plain http is refused (any network on the way could
 * read and rewrite the page around the panel), except loopback in the sandbox build.
 */
export function panelSchemeAllowed(url: string, sandbox: boolean = SANDBOX_BUILD): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  const host = parsed.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  return sandbox && parsed.protocol === 'http:' && loopback;
}

/**
 * Whether a rule's `match` may enable the panel: https, or any scheme (`*`), whose http pages are
 * refused page by page (`panelSchemeAllowed`); plain `http://` only for loopback in the sandbox build.
 */
export function ruleSchemeAllowed(match: string, sandbox: boolean = SANDBOX_BUILD): boolean {
  const pattern = sitePattern(match);
  if (!pattern) return false;
  if (pattern.scheme !== 'http') return true;
  return panelSchemeAllowed(`http://${pattern.host === '*' ? 'any.invalid' : pattern.host}/`, sandbox);
}

/** What the options page says about a site it refuses for its scheme. */
export const HTTP_SITE_REFUSED = 'Agent Dock runs only on https sites: on plain http, any network on the way could read and change the page around your chats.';

export function newSiteRule(match: string, overrides: Partial<SiteRule> = {}): SiteRule {
  return { ...SITE_RULE_DEFAULTS, ...overrides, match };
}

/**
 * Before any rule is saved: none in the store build. The sandbox build's demo CRM page (loopback,
 * which that build grants for the sandbox's emulator anyway); the e2e build serves its test pages
 * on any loopback port.
 */
export function defaultSiteRules(mode: string = import.meta.env.MODE): SiteRule[] {
  if (mode === 'production') return [];
  return [newSiteRule(mode === 'e2e' ? 'http://127.0.0.1/*' : SANDBOX_CRM_ORIGIN)];
}

/**
 * The keys alone, for the panel's early read (src/ui/dock/panel-settings.ts), which every CRM page
 * loads: it imports them without the items (hence the default's call marked pure).
 */
export const SITE_RULES_KEY = 'siteRules';
export const PANEL_PLACEMENTS_KEY = 'panelPlacements';

// SANDBOX_BUILD folds at build time: the store bundle holds no demo rule at all.
export const siteRules = localItem<SiteRule[]>(SITE_RULES_KEY, SANDBOX_BUILD ? /* @__PURE__ */ defaultSiteRules() : []);

/** Where the agent left the panel on a site (by origin): its width, and its place when floating. */
export interface PanelPlacement {
  width?: number;
  left?: number;
  top?: number;
  height?: number;
}

export const panelPlacements = localItem<Record<string, PanelPlacement>>(PANEL_PLACEMENTS_KEY, {});
