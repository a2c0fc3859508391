/**
 * Panel shortcuts: written `Mod+K`, `Alt+Shift+ArrowDown`, `F2` (`Mod` is ⌘ on a Mac, Ctrl
 * elsewhere), parsed, checked, matched against key events, and shown as the platform writes them.
 *
 * Checks: a shortcut needs Ctrl, ⌘ or Alt unless it is a function key, so it never takes a letter,
 * digit or sign the agent types (Shift alone types capitals); the browser's own shortcuts that a
 * page cannot take (Ctrl+W, Ctrl+T, …) are refused; two commands never share one.
 * Matching reads `event.key` for letters and digits (the agent's keyboard layout, as the browser's
 * own shortcuts do) and falls back to `event.code` when the key is not one (⌥ on a Mac turns K
 * into ˚). Hand-written rather than tinykeys: its ⌘/Ctrl choice is fixed when it loads (tests
 * cannot pick a platform) and it validates nothing.
 */

export type Platform = 'mac' | 'other';

export interface KeyBinding {
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  /** Upper-case letter or digit (`K`, `1`), or a `KeyboardEvent.key` name (`ArrowDown`, `F2`, `/`). */
  key: string;
}

/** What a key event looks like to the matcher (a DOM `KeyboardEvent` fits). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const NAMED_KEYS = [
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Tab', 'Space', 'Backspace', 'Delete',
  'Home', 'End', 'PageUp', 'PageDown', '/', '.', ',', ';', '[', ']', '\\', '-', '=', '`', "'",
];
const FUNCTION_KEY = /^F([1-9]|1[0-2])$/;
const ALIASES: Record<string, string> = { esc: 'Escape', return: 'Enter', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', slash: '/', period: '.', comma: ',' };

/** The browser keeps these for itself: a page never sees them (or must not take them). */
const BROWSER_RESERVED = ['Mod+W', 'Mod+T', 'Mod+N', 'Mod+Q', 'Mod+Shift+T', 'Mod+Shift+N', 'Mod+Shift+W', 'Ctrl+Tab', 'Ctrl+Shift+Tab', 'Mod+L', 'Mod+R'];

function normalizeKey(raw: string): string | undefined {
  const alias = ALIASES[raw.toLowerCase()];
  if (alias) return alias;
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (FUNCTION_KEY.test(raw.toUpperCase())) return raw.toUpperCase();
  return NAMED_KEYS.find((k) => k.toLowerCase() === raw.toLowerCase());
}

/** Parses `Mod+Shift+K`; a sentence when it is not a shortcut. */
export function parseShortcut(text: string, platform: Platform): KeyBinding | string {
  const parts = text.trim().split(/\s*\+\s*(?=.)/);
  const keyText = parts.pop() ?? '';
  const binding: KeyBinding = { ctrl: false, meta: false, alt: false, shift: false, key: '' };
  for (const part of parts) {
    const mod = part.toLowerCase();
    if (mod === 'mod') binding[platform === 'mac' ? 'meta' : 'ctrl'] = true;
    else if (mod === 'ctrl' || mod === 'control') binding.ctrl = true;
    else if (mod === 'meta' || mod === 'cmd' || mod === 'command' || mod === '⌘') binding.meta = true;
    else if (mod === 'alt' || mod === 'option' || mod === '⌥') binding.alt = true;
    else if (mod === 'shift' || mod === '⇧') binding.shift = true;
    else return `"${part}" in "${text}" is not Ctrl, ⌘ (Meta), Alt or Shift`;
  }
  const key = normalizeKey(keyText);
  if (!key) return `"${keyText}" in "${text}" is not a key a shortcut can use`;
  binding.key = key;
  return binding;
}

/** One spelling per binding, for comparing: `Ctrl+Alt+Shift+Meta+K`. */
export function bindingId(b: KeyBinding): string {
  return [b.ctrl && 'Ctrl', b.alt && 'Alt', b.shift && 'Shift', b.meta && 'Meta', b.key].filter(Boolean).join('+');
}

/** Why this binding cannot be a panel shortcut; undefined when it can. */
export function bindingProblem(b: KeyBinding, platform: Platform): string | undefined {
  if (!b.ctrl && !b.meta && !b.alt && !FUNCTION_KEY.test(b.key)) {
    return `${formatBinding(b, platform)} would take a key the agent types: add Ctrl, ${platform === 'mac' ? '⌘' : 'Meta'} or Alt`;
  }
  const reserved = BROWSER_RESERVED.map((r) => parseShortcut(r, platform)).find((r) => typeof r !== 'string' && bindingId(r) === bindingId(b));
  if (reserved) return `${formatBinding(b, platform)} belongs to the browser`;
  return undefined;
}

/** `⌥⇧↓` on a Mac, `Alt+Shift+ArrowDown` elsewhere. */
export function formatBinding(b: KeyBinding, platform: Platform): string {
  if (platform === 'mac') {
    const arrows: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Enter: '↩', Escape: '⎋' };
    return `${b.ctrl ? '⌃' : ''}${b.alt ? '⌥' : ''}${b.shift ? '⇧' : ''}${b.meta ? '⌘' : ''}${arrows[b.key] ?? b.key}`;
  }
  return bindingId(b);
}

const CODE_OF_KEY = (key: string) => (/^[A-Z]$/.test(key) ? `Key${key}` : /^[0-9]$/.test(key) ? `Digit${key}` : undefined);

export function matchesKeyPress(b: KeyBinding, press: KeyPress): boolean {
  if (press.ctrlKey !== b.ctrl || press.metaKey !== b.meta || press.altKey !== b.alt || press.shiftKey !== b.shift) return false;
  const code = CODE_OF_KEY(b.key);
  if (code) {
    const typed = press.key.length === 1 ? press.key.toUpperCase() : '';
    // A letter or digit on the agent's layout wins; the physical key serves when ⌥ or the layout changes what it types.
    return /^[A-Z0-9]$/.test(typed) ? typed === b.key : press.code === code;
  }
  if (b.key === 'Space') return press.key === ' ' || press.code === 'Space';
  return press.key.toLowerCase() === b.key.toLowerCase();
}
