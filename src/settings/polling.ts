/**
 * Poll interval. LivePerson asks clients not to poll faster than every 2 s; we only allow a faster
 * cadence against a loopback host (the local emulator in tests), never against a real service.
 * The setting lives in storage.local, which a content script can write: whatever it holds, the
 * interval used is 2–60 s (a huge value would overflow setTimeout's 32-bit delay and poll back to
 * back; a slow one would leave rings unheard).
 */
import { storage } from 'wxt/utils/storage';

export const DEFAULT_POLL_INTERVAL_MS = 2000;
export const LIVEPERSON_MIN_POLL_INTERVAL_MS = 2000;
/** Floor even on loopback, so a typo cannot turn the worker into a busy loop. */
export const LOOPBACK_MIN_POLL_INTERVAL_MS = 100;
export const MAX_POLL_INTERVAL_MS = 60_000;

export const pollIntervalSetting = storage.defineItem<number>('local:pollIntervalMs', {
  fallback: DEFAULT_POLL_INTERVAL_MS,
});

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The interval actually used against `serviceUrl`, whatever the setting says. */
export function effectivePollInterval(requestedMs: number, serviceUrl: string): number {
  const floor = isLoopbackUrl(serviceUrl) ? LOOPBACK_MIN_POLL_INTERVAL_MS : LIVEPERSON_MIN_POLL_INTERVAL_MS;
  if (typeof requestedMs !== 'number' || !Number.isFinite(requestedMs)) return DEFAULT_POLL_INTERVAL_MS;
  return Math.min(MAX_POLL_INTERVAL_MS, Math.max(floor, Math.round(requestedMs)));
}
