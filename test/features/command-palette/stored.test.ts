/** The agent's shortcut overrides as read back from storage, and the platform's modifier. */
import { describe, expect, it } from 'vitest';
import { cleanOverrides, currentPlatform } from '../../../src/features/command-palette/stored';

describe('shortcut overrides from storage', () => {
  it('keeps only command ids with a shortcut text or null', () => {
    expect(cleanOverrides({ 'chat.next': 'Alt+J', 'chat.end': null, 'Bad Id': 'Alt+X', 'chat.copy-transcript': 42, 'x.y': 'a'.repeat(41) })).toEqual({
      'chat.next': 'Alt+J',
      'chat.end': null,
    });
  });

  it('reads anything else as no overrides', () => {
    for (const raw of [null, undefined, 'Alt+J', ['chat.next'], 7]) expect(cleanOverrides(raw)).toEqual({});
  });

  it('writes ⌘ on a Mac and Ctrl elsewhere', () => {
    expect(currentPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(currentPlatform({ platform: 'Win32' })).toBe('other');
    expect(currentPlatform({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('other');
  });
});
