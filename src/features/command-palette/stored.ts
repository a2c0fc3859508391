/**
 * The agent's own shortcuts: overrides of the panel commands' defaults (`{"chat.next": "Alt+J",
 * "chat.end": null}`), edited on the options page and read by the panel (./keymap.ts resolves
 * them). Version 1 from the start; a malformed entry is dropped when read, never trusted.
 */
import { storage } from 'wxt/utils/storage';
import type { ShortcutOverrides } from './keymap';
import type { Platform } from './shortcuts';

export const shortcutOverridesItem = storage.defineItem<Record<string, string | null>>('local:commandPalette.shortcuts', {
  fallback: {},
  version: 1,
});

/** Only `id → text | null` entries, ids as the registry writes them; anything else is dropped. */
export function cleanOverrides(raw: unknown): ShortcutOverrides {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).filter(([id, text]) => /^[a-z][a-z0-9.-]{0,80}$/.test(id) && (text === null || (typeof text === 'string' && text.length <= 40))),
  );
}

/** ⌘ on a Mac, Ctrl elsewhere. */
export function currentPlatform(nav: { platform?: string; userAgent?: string } = globalThis.navigator ?? {}): Platform {
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent || '') ? 'mac' : 'other';
}
