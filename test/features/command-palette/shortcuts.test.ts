/** Panel shortcuts: parsing, the checks, matching key events, and how they are shown. */
import { describe, expect, it } from 'vitest';
import { commandForKeyPress, resolveKeymap } from '../../../src/features/command-palette/keymap';
import { PANEL_COMMANDS } from '../../../src/features/command-palette/panel-commands';
import { bindingProblem, formatBinding, matchesKeyPress, parseShortcut, type KeyBinding, type KeyPress } from '../../../src/features/command-palette/shortcuts';

const press = (key: string, code: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

function parsed(text: string, platform: 'mac' | 'other' = 'other'): KeyBinding {
  const b = parseShortcut(text, platform);
  if (typeof b === 'string') throw new Error(b);
  return b;
}

describe('parseShortcut', () => {
  it('reads Mod as ⌘ on a Mac and Ctrl elsewhere', () => {
    expect(parsed('Mod+K', 'mac')).toEqual({ ctrl: false, meta: true, alt: false, shift: false, key: 'K' });
    expect(parsed('mod+k', 'other')).toEqual({ ctrl: true, meta: false, alt: false, shift: false, key: 'K' });
  });

  it('reads modifiers in any order and spelling, and named keys', () => {
    expect(parsed('shift + alt + down')).toEqual({ ctrl: false, meta: false, alt: true, shift: true, key: 'ArrowDown' });
    expect(parsed('Cmd+/')).toMatchObject({ meta: true, key: '/' });
    expect(parsed('Ctrl++'.replace('++', '+=')).key).toBe('=');
    expect(parsed('f2')).toMatchObject({ key: 'F2' });
  });

  it('says what is wrong with what is not a shortcut', () => {
    expect(parseShortcut('Hyper+K', 'other')).toBe('"Hyper" in "Hyper+K" is not Ctrl, ⌘ (Meta), Alt or Shift');
    expect(parseShortcut('Ctrl+Banana', 'other')).toBe('"Banana" in "Ctrl+Banana" is not a key a shortcut can use');
    expect(typeof parseShortcut('', 'other')).toBe('string');
  });
});

describe('bindingProblem', () => {
  it('refuses keys the agent types: letters, digits, signs, with or without Shift', () => {
    for (const text of ['K', 'Shift+K', '1', '/', 'Space', 'Enter', 'Shift+ArrowDown']) {
      expect(bindingProblem(parsed(text), 'other')).toMatch(/would take a key the agent types/);
    }
    expect(bindingProblem(parsed('Alt+K'), 'other')).toBeUndefined();
    expect(bindingProblem(parsed('F2'), 'other')).toBeUndefined();
  });

  it('refuses the browser’s own shortcuts', () => {
    expect(bindingProblem(parsed('Ctrl+W'), 'other')).toBe('Ctrl+W belongs to the browser');
    expect(bindingProblem(parsed('Mod+T', 'mac'), 'mac')).toBe('⌘T belongs to the browser');
    expect(bindingProblem(parsed('Ctrl+Tab', 'mac'), 'mac')).toBe('⌃Tab belongs to the browser');
  });
});

describe('matchesKeyPress', () => {
  const ctrlK = parsed('Mod+K');

  it('matches exact modifiers only', () => {
    expect(matchesKeyPress(ctrlK, press('k', 'KeyK', { ctrlKey: true }))).toBe(true);
    expect(matchesKeyPress(ctrlK, press('K', 'KeyK', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesKeyPress(ctrlK, press('k', 'KeyK'))).toBe(false);
    expect(matchesKeyPress(ctrlK, press('k', 'KeyK', { metaKey: true }))).toBe(false);
  });

  it('follows the agent’s layout for letters, and the physical key when ⌥ changes the letter', () => {
    // Dvorak: the key labelled K sits where QWERTY has V.
    expect(matchesKeyPress(ctrlK, press('k', 'KeyV', { ctrlKey: true }))).toBe(true);
    expect(matchesKeyPress(ctrlK, press('v', 'KeyK', { ctrlKey: true }))).toBe(false);
    // ⌥K on a Mac types ˚.
    expect(matchesKeyPress(parsed('Alt+K', 'mac'), press('˚', 'KeyK', { altKey: true }))).toBe(true);
    // A Cyrillic layout types л on K.
    expect(matchesKeyPress(ctrlK, press('л', 'KeyK', { ctrlKey: true }))).toBe(true);
  });

  it('matches named keys and Space', () => {
    expect(matchesKeyPress(parsed('Alt+ArrowDown'), press('ArrowDown', 'ArrowDown', { altKey: true }))).toBe(true);
    expect(matchesKeyPress(parsed('Alt+Space'), press(' ', 'Space', { altKey: true }))).toBe(true);
    expect(matchesKeyPress(parsed('Alt+/'), press('/', 'Slash', { altKey: true }))).toBe(true);
  });
});

describe('formatBinding', () => {
  it('writes shortcuts as each platform does', () => {
    expect(formatBinding(parsed('Mod+Shift+K', 'mac'), 'mac')).toBe('⇧⌘K');
    expect(formatBinding(parsed('Alt+ArrowDown', 'mac'), 'mac')).toBe('⌥↓');
    expect(formatBinding(parsed('Mod+Shift+K'), 'other')).toBe('Ctrl+Shift+K');
  });
});

describe('resolveKeymap', () => {
  it('gives the panel’s default shortcuts without a problem, on both platforms', () => {
    for (const platform of ['mac', 'other'] as const) {
      const keymap = resolveKeymap(PANEL_COMMANDS, {}, platform);
      expect(keymap.problems).toEqual([]);
      expect(keymap.bindings.size).toBe(PANEL_COMMANDS.filter((c) => 'shortcut' in c).length);
    }
  });

  it('applies the agent’s changes: a new shortcut, none at all', () => {
    const keymap = resolveKeymap(PANEL_COMMANDS, { 'chat.next': 'Alt+J', 'palette.open': null }, 'other');
    expect(keymap.problems).toEqual([]);
    expect(commandForKeyPress(keymap, press('j', 'KeyJ', { altKey: true }))).toBe('chat.next');
    expect(commandForKeyPress(keymap, press('ArrowDown', 'ArrowDown', { altKey: true }))).toBeUndefined();
    expect(commandForKeyPress(keymap, press('k', 'KeyK', { ctrlKey: true }))).toBeUndefined();
  });

  it('says every problem in one sentence each, and drops the shortcuts in conflict', () => {
    const keymap = resolveKeymap(PANEL_COMMANDS, { 'chat.next': 'Alt+I', 'chat.end': 'E', 'chat.transfer': 'Ctrl+W', 'no.such': 'Alt+X' }, 'other');
    expect(keymap.problems).toEqual([
      'no.such: there is no such command',
      'Transfer this chat: Ctrl+W belongs to the browser',
      'End this chat: E would take a key the agent types: add Ctrl, Meta or Alt',
      'Next chat and Open visitor info share Alt+I',
    ]);
    expect(keymap.bindings.has('chat.next')).toBe(false);
    expect(keymap.bindings.has('visitor.info')).toBe(false);
    expect(keymap.bindings.has('chat.previous')).toBe(true);
  });

  it('finds the command for a key press, and nothing for ordinary typing', () => {
    const keymap = resolveKeymap(PANEL_COMMANDS, {}, 'mac');
    expect(commandForKeyPress(keymap, press('k', 'KeyK', { metaKey: true }))).toBe('palette.open');
    expect(commandForKeyPress(keymap, press('Enter', 'Enter', { altKey: true }))).toBe('ring.accept');
    for (const key of ['k', '/', 'Enter', ' ', 'ArrowDown']) expect(commandForKeyPress(keymap, press(key, key))).toBeUndefined();
  });
});
