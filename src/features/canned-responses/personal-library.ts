/**
 * The agent's own canned responses: create, edit, delete (pure, each returning the next library
 * or the sentences that say why not), and the versioned storage item that keeps them.
 */
import { storage } from 'wxt/utils/storage';
import { describeIssues, responseEntrySchema, type ResponseEntryInput } from './entry-schema';
import { looksLikeHtml, normalizeShortcut, type CannedResponse } from './response';

export const MAX_PERSONAL_RESPONSES = 500;

export interface PersonalResponse {
  id: string;
  title: string;
  text: string;
  format: 'plain' | 'html';
  shortcut?: string;
  lang?: string;
  categories: string[];
  skillIds: string[];
  /** ms since the epoch; the newest edit of the same id wins an import. */
  updatedAt: number;
}

export interface PersonalLibrary {
  responses: PersonalResponse[];
}

export const EMPTY_PERSONAL_LIBRARY: PersonalLibrary = { responses: [] };

/** Version 1 from the start: a change of shape is a version 2 with a migration, never an "if old format" check. */
export const personalLibraryItem = storage.defineItem<PersonalLibrary>('local:cannedResponses.personal', {
  fallback: EMPTY_PERSONAL_LIBRARY,
  version: 1,
});

export type LibraryChange = { ok: true; library: PersonalLibrary; response?: PersonalResponse } | { ok: false; errors: string[] };

/** What the panel needs to make ids and timestamps; injected so tests are deterministic. */
export interface LibraryEnv {
  newId(): string;
  now(): number;
}

function shortcutTaken(library: PersonalLibrary, shortcut: string | undefined, exceptId?: string): PersonalResponse | undefined {
  const wanted = normalizeShortcut(shortcut);
  return wanted ? library.responses.find((r) => r.id !== exceptId && normalizeShortcut(r.shortcut) === wanted) : undefined;
}

function build(input: ResponseEntryInput, id: string, now: number): PersonalResponse | string[] {
  const parsed = responseEntrySchema.safeParse(input);
  if (!parsed.success) return describeIssues(parsed.error);
  const entry = parsed.data;
  return {
    id,
    title: entry.title,
    text: entry.text,
    format: entry.format ?? (looksLikeHtml(entry.text) ? 'html' : 'plain'),
    ...(entry.shortcut ? { shortcut: entry.shortcut } : {}),
    ...(entry.lang ? { lang: entry.lang } : {}),
    categories: entry.categories,
    skillIds: entry.skillIds,
    updatedAt: now,
  };
}

export function addResponse(library: PersonalLibrary, input: ResponseEntryInput, env: LibraryEnv): LibraryChange {
  if (library.responses.length >= MAX_PERSONAL_RESPONSES) return { ok: false, errors: [`The library is full (${MAX_PERSONAL_RESPONSES} responses).`] };
  const response = build(input, env.newId(), env.now());
  if (Array.isArray(response)) return { ok: false, errors: response };
  const clash = shortcutTaken(library, response.shortcut);
  if (clash) return { ok: false, errors: [`shortcut: /${response.shortcut} is already used by "${clash.title}"`] };
  return { ok: true, library: { responses: [...library.responses, response] }, response };
}

export function editResponse(library: PersonalLibrary, id: string, input: ResponseEntryInput, env: Pick<LibraryEnv, 'now'>): LibraryChange {
  const index = library.responses.findIndex((r) => r.id === id);
  if (index < 0) return { ok: false, errors: ['This response no longer exists.'] };
  const response = build(input, id, env.now());
  if (Array.isArray(response)) return { ok: false, errors: response };
  const clash = shortcutTaken(library, response.shortcut, id);
  if (clash) return { ok: false, errors: [`shortcut: /${response.shortcut} is already used by "${clash.title}"`] };
  const responses = library.responses.slice();
  responses[index] = response;
  return { ok: true, library: { responses }, response };
}

export function deleteResponse(library: PersonalLibrary, id: string): PersonalLibrary {
  return { responses: library.responses.filter((r) => r.id !== id) };
}

export function personalResponses(library: PersonalLibrary): CannedResponse[] {
  return library.responses.map((r) => ({
    key: `personal:${r.id}`,
    source: 'personal',
    title: r.title,
    text: r.text,
    format: r.format,
    shortcut: r.shortcut,
    lang: r.lang,
    categories: r.categories,
    skillIds: r.skillIds,
  }));
}
