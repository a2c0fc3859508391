/**
 * Alert settings: ring sound, desktop notifications, going Away when the computer is idle or
 * locked. The agent's own choices live in storage.local; an administrator's policy (./policy.ts)
 * presets them and may lock them, and a locked value always wins — in the background too.
 */
import { storage } from 'wxt/utils/storage';
import { isLocked, type ManagedPolicy } from './policy';

export interface AlertSettings {
  /** Play the ring sound while a chat rings. */
  sound: boolean;
  /** 0..1 */
  volume: number;
  /** A desktop notification on every new ring (and when Agent Dock sets the agent Away). */
  notifications: boolean;
  /** Go Away when the computer is idle or locked. */
  awayWhenIdle: boolean;
  /** Seconds without input before the computer counts as idle (the browser's minimum is 15). */
  idleSeconds: number;
}

export type AlertKey = keyof AlertSettings;

export const ALERT_KEYS: readonly AlertKey[] = ['sound', 'volume', 'notifications', 'awayWhenIdle', 'idleSeconds'];

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  sound: true,
  volume: 0.8,
  notifications: true,
  awayWhenIdle: true,
  idleSeconds: 300,
};

/** The browser's idle API refuses intervals under 15 s; an hour is plenty for a contact center. */
export const MIN_IDLE_SECONDS = 15;
export const MAX_IDLE_SECONDS = 3600;

/** Only what the agent changed; everything else follows the policy, then the defaults. */
export const alertPreferences = storage.defineItem<Partial<AlertSettings>>('local:alertPreferences', { fallback: {} });

/** Keeps a value of the right type and range, or drops it (bad input never reaches the worker's logic). */
function clean(settings: Partial<Record<AlertKey, unknown>> | undefined): Partial<AlertSettings> {
  const out: Partial<AlertSettings> = {};
  if (!settings) return out;
  for (const key of ['sound', 'notifications', 'awayWhenIdle'] as const) {
    if (typeof settings[key] === 'boolean') out[key] = settings[key] as boolean;
  }
  if (typeof settings.volume === 'number' && Number.isFinite(settings.volume)) out.volume = Math.min(1, Math.max(0, settings.volume));
  if (typeof settings.idleSeconds === 'number' && Number.isFinite(settings.idleSeconds)) {
    out.idleSeconds = Math.round(Math.min(MAX_IDLE_SECONDS, Math.max(MIN_IDLE_SECONDS, settings.idleSeconds)));
  }
  return out;
}

/** Locked policy value, else the agent's choice, else the policy's preset, else the default. */
export function effectiveAlertSettings(preferences: Partial<AlertSettings> | undefined, policy: ManagedPolicy): AlertSettings {
  const preset = clean(policy.alerts);
  const own = clean(preferences);
  const result = { ...DEFAULT_ALERT_SETTINGS };
  for (const key of ALERT_KEYS) {
    const locked = isLocked(policy, `alerts.${key}`);
    const value = locked ? (preset[key] ?? own[key]) : (own[key] ?? preset[key]);
    if (value !== undefined) (result as Record<AlertKey, unknown>)[key] = value;
  }
  return result;
}
