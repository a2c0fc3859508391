/**
 * The site rules and panel placements the panel's first paint waits on (the rule decides whether,
 * where and how wide it shows).
 *
 * A storage read is a round trip to the browser process. So that the panel does not wait on it,
 * a small script registered beside the panel at document_start (entrypoints/panel-settings.ts,
 * src/agent/site-registration.ts) starts the read while the page loads, and the panel's script,
 * at document_idle, takes it over, done. A panel injected into a tab that was already open has no
 * early read to take and reads for itself.
 */
import { browser } from 'wxt/browser';
import type { EarlyViewPort } from '../store';
import { storedValue } from '../../settings/local-item';
import {
  PANEL_PLACEMENTS_KEY,
  SITE_RULES_KEY,
  panelPlacements,
  siteRules,
  type PanelPlacement,
  type SiteRule,
} from '../../settings/sites';

export type PanelSettings = readonly [SiteRule[], Record<string, PanelPlacement>];

/** Only the keys here: every CRM page loads the early read, which needs neither item nor default. */
const KEYS = [SITE_RULES_KEY, PANEL_PLACEMENTS_KEY];
const readStored = (): Promise<Record<string, unknown>> => browser.storage.local.get(KEYS);

interface EarlyRead {
  /** The latest read: a change to either setting before the panel takes over starts another. */
  stored: Promise<Record<string, unknown>>;
  /** What the latest read answered, once it has: the panel draws from it without waiting a task. */
  answered?: Record<string, unknown>;
  /** The view's port, opened now so that the background's first view is here when the panel runs. */
  viewPort?: EarlyViewPort;
  /** Once the panel has taken over: where its storage listener delivers the changes, not re-read. */
  handedTo?: (changes: StorageChanges) => void;
  stopFollowing(): void;
}

export type StorageChanges = Record<string, { newValue?: unknown }>;

/**
 * The view port's name, src/messaging/protocol.ts's VIEW_PORT (test/ui/dock/panel-settings.test.ts
 * holds them equal): importing that module would bring its messaging library into every CRM page.
 */
export const EARLY_VIEW_PORT = 'agent-dock:view';

/** (Where the extension's context is gone, this throws, as the storage read above does.) */
function openViewPort(): EarlyViewPort {
  const port = browser.runtime.connect({ name: EARLY_VIEW_PORT });
  const buffer = (message: unknown) => void early.received.push(message);
  const early: EarlyViewPort = { port, received: [], disconnected: false, stopBuffering: () => port.onMessage.removeListener(buffer) };
  port.onMessage.addListener(buffer);
  port.onDisconnect.addListener(() => (early.disconnected = true));
  return early;
}

/** Both scripts run in the extension's one isolated world of the frame: a global joins them. */
const EARLY_READ = Symbol.for('agent-dock.panel-settings');
const scope = globalThis as { [EARLY_READ]?: EarlyRead };

/** At document_start: read now, and again on a change, until the panel takes over. */
export function startEarlyRead(): void {
  if (scope[EARLY_READ]) return;
  const read = () => {
    const stored = readStored();
    early.stored = stored;
    early.answered = undefined;
    void stored.then((answer) => {
      if (early.stored === stored) early.answered = answer;
    });
  };
  const follow = (changes: StorageChanges, area: string) => {
    if (area !== 'local' || !KEYS.some((key) => key in changes)) return;
    if (early.handedTo) early.handedTo(changes);
    else read();
  };
  const early: EarlyRead = { stored: Promise.resolve({}), stopFollowing: () => browser.storage.onChanged.removeListener(follow) };
  read();
  browser.storage.onChanged.addListener(follow);
  early.viewPort = openViewPort();
  scope[EARLY_READ] = early;
}

export interface PanelSettingsRead {
  settings: Promise<PanelSettings>;
  /** The settings now, where the early read has already answered (as it has by document_idle). */
  answered?: PanelSettings;
  /** Whether it is the early read (`npm run bench` and the e2e tests look: the mount measure says). */
  startedEarly: boolean;
  /** The view's port the early read opened: the panel takes it over, or closes it if it does not show. */
  viewPort?: EarlyViewPort;
  /**
   * Follows both settings from now on; returns the stop function. The early read's storage listener
   * is handed over where there is one (a listener added in the panel's first task costs it a few
   * ms of the browser's bindings, with the panel waiting), else one is added.
   */
  follow(changed: (settings: Partial<{ rules: SiteRule[]; placements: Record<string, PanelPlacement> }>) => void): () => void;
}

/**
 * The panel's read: the early one where there is one, else a new one. The caller watches both
 * settings from the same task on (storage events arrive as later tasks), so no change falls
 * between the early read's following and the panel's.
 */
export function takePanelSettings(): PanelSettingsRead {
  const early = scope[EARLY_READ];
  delete scope[EARLY_READ];
  // Until the panel follows, changes are dropped: it does so in this same task, before any arrives.
  if (early) early.handedTo = () => {};
  const settingsOf = (stored: Record<string, unknown>): PanelSettings => [storedValue(siteRules, stored), storedValue(panelPlacements, stored)];
  const settings = (early?.stored ?? readStored()).then(settingsOf);
  const follow: PanelSettingsRead['follow'] = (changed) => {
    const deliver = (changes: StorageChanges) => {
      const newValues = (key: string) => ({ [key]: changes[key]!.newValue });
      changed({
        ...(SITE_RULES_KEY in changes && { rules: storedValue(siteRules, newValues(SITE_RULES_KEY)) }),
        ...(PANEL_PLACEMENTS_KEY in changes && { placements: storedValue(panelPlacements, newValues(PANEL_PLACEMENTS_KEY)) }),
      });
    };
    if (early) {
      early.handedTo = deliver;
      return early.stopFollowing;
    }
    const listener = (changes: StorageChanges, area: string) => {
      if (area === 'local' && KEYS.some((key) => key in changes)) deliver(changes);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  };
  return { settings, answered: early?.answered && settingsOf(early.answered), startedEarly: early !== undefined, viewPort: early?.viewPort, follow };
}
