/**
 * A canned response as the panel offers it, whatever library it came from. Pure types and
 * small helpers: no storage, no network, so the panel's on-demand bundle can import it.
 */

/** Where a response comes from; the order of precedence is in ./merge.ts. */
export type LibrarySource = 'fleet' | 'account' | 'personal';

export type ResponseFormat = 'plain' | 'html';

export interface CannedResponse {
  /** Unique across libraries: `<source>:<id in that library>`. */
  key: string;
  source: LibrarySource;
  title: string;
  /** The message, with `{placeholders}` (./placeholders.ts). */
  text: string;
  /** HTML responses go through the same sanitizer as visitor HTML before they are shown or sent. */
  format: ResponseFormat;
  /** Optional short word typed after `/` to pick it at once, e.g. `greet`. */
  shortcut?: string;
  /** BCP 47 tag when known (`en-US`). */
  lang?: string;
  /** Category names, for grouping and search. */
  categories: string[];
  /** Skill ids it is meant for; empty means every skill. */
  skillIds: string[];
}

/**
 * Whether a message holds markup. LivePerson's predefined content "may hold HTML" and says no more,
 * so anything that looks like a tag or an entity counts: better sanitized for nothing than shown raw.
 */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i.test(text) || /&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);
}

/** Shortcuts are compared without case and without a leading `/`. */
export function normalizeShortcut(shortcut: string | undefined): string | undefined {
  const cleaned = shortcut?.trim().replace(/^\/+/, '').toLowerCase();
  return cleaned ? cleaned : undefined;
}

/** A shortcut is one word (letters, digits, `-`, `_`), at most 32 characters. */
export const SHORTCUT_PATTERN = /^[\p{L}\p{N}_-]{1,32}$/u;
