/**
 * One list from the three libraries. Precedence, highest first: **fleet** (the administrator who
 * deploys Agent Dock), **account** (LivePerson's Predefined Content), **personal** (the agent's own).
 * Precedence decides two things only:
 * - the same response (same text, ignoring case and spacing) offered twice is listed once, from
 *   the higher library;
 * - a `/shortcut` claimed twice belongs to the higher library; the other response stays listed and
 *   searchable without it, and the clash is reported so the options page can say so.
 * Responses meant for other skills are left out when the chat's skill is known.
 */
import { normalizeShortcut, type CannedResponse, type LibrarySource } from './response';

export const SOURCE_PRECEDENCE: readonly LibrarySource[] = ['fleet', 'account', 'personal'];

export interface ShortcutClash {
  shortcut: string;
  /** The response that keeps it. */
  keptBy: CannedResponse;
  /** The response that lost it. */
  lostBy: CannedResponse;
}

export interface MergedLibrary {
  responses: CannedResponse[];
  clashes: ShortcutClash[];
}

const sameText = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function mergeLibraries(libraries: Partial<Record<LibrarySource, readonly CannedResponse[]>>, chat: { skillId?: string } = {}): MergedLibrary {
  const responses: CannedResponse[] = [];
  const clashes: ShortcutClash[] = [];
  const texts = new Set<string>();
  const shortcuts = new Map<string, CannedResponse>();
  for (const source of SOURCE_PRECEDENCE) {
    const ordered = [...(libraries[source] ?? [])].sort((a, b) => a.title.localeCompare(b.title));
    for (const response of ordered) {
      if (chat.skillId !== undefined && response.skillIds.length > 0 && !response.skillIds.includes(chat.skillId)) continue;
      const text = sameText(response.text);
      if (texts.has(text)) continue;
      texts.add(text);
      const shortcut = normalizeShortcut(response.shortcut);
      const holder = shortcut ? shortcuts.get(shortcut) : undefined;
      if (shortcut && holder) {
        clashes.push({ shortcut, keptBy: holder, lostBy: response });
        responses.push({ ...response, shortcut: undefined });
        continue;
      }
      if (shortcut) shortcuts.set(shortcut, response);
      responses.push(shortcut ? { ...response, shortcut } : response);
    }
  }
  return { responses, clashes };
}
