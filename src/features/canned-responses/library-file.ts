/**
 * Export and import of the personal library as a JSON file:
 * `{"format":"agent-dock-canned-responses","version":1,"responses":[{title, text, shortcut?, …}]}`.
 * Reading is all or nothing, and a bad file is a list of sentences, one per problem, each naming
 * the response (number and title) and the field.
 */
import { z } from 'zod';
import { describeIssues, responseEntrySchema, type ResponseEntry } from './entry-schema';
import { addResponse, MAX_PERSONAL_RESPONSES, type LibraryEnv, type PersonalLibrary } from './personal-library';
import { normalizeShortcut } from './response';

export const LIBRARY_FILE_FORMAT = 'agent-dock-canned-responses';
export const LIBRARY_FILE_VERSION = 1;
/** A file longer than this is not a canned-response library (and would freeze the page to parse). */
export const MAX_LIBRARY_FILE_CHARS = 5_000_000;
/** Enough to fix a file in one go, few enough to read. */
const MAX_REPORTED_PROBLEMS = 20;

const headerSchema = z.object({ format: z.literal(LIBRARY_FILE_FORMAT), version: z.number(), responses: z.array(z.unknown()) });

export function exportLibrary(library: PersonalLibrary): string {
  const responses = library.responses.map(({ title, text, format, shortcut, lang, categories, skillIds }) => ({
    title,
    text,
    format,
    ...(shortcut ? { shortcut } : {}),
    ...(lang ? { lang } : {}),
    ...(categories.length ? { categories } : {}),
    ...(skillIds.length ? { skillIds } : {}),
  }));
  return `${JSON.stringify({ format: LIBRARY_FILE_FORMAT, version: LIBRARY_FILE_VERSION, responses }, null, 2)}\n`;
}

export type LibraryFileResult = { ok: true; responses: ResponseEntry[] } | { ok: false; errors: string[] };

function label(index: number, raw: unknown): string {
  const title = raw && typeof raw === 'object' && 'title' in raw && typeof raw.title === 'string' ? ` ("${raw.title.slice(0, 40)}")` : '';
  return `Response ${index + 1}${title}`;
}

export function parseLibraryFile(text: string): LibraryFileResult {
  if (text.length > MAX_LIBRARY_FILE_CHARS) return { ok: false, errors: ['The file is too large to be a canned-response library.'] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON (${error instanceof Error ? error.message : String(error)}).`] };
  }
  const header = headerSchema.safeParse(json);
  if (!header.success) {
    return { ok: false, errors: [`This is not an Agent Dock canned-response file (it needs "format": "${LIBRARY_FILE_FORMAT}", a version and a responses list).`] };
  }
  if (header.data.version > LIBRARY_FILE_VERSION) {
    return { ok: false, errors: [`The file was written by a newer Agent Dock (version ${header.data.version}); this one reads version ${LIBRARY_FILE_VERSION}.`] };
  }
  if (header.data.version !== LIBRARY_FILE_VERSION) return { ok: false, errors: [`Unknown file version ${header.data.version}.`] };
  if (header.data.responses.length > MAX_PERSONAL_RESPONSES) {
    return { ok: false, errors: [`The file has ${header.data.responses.length} responses; a library holds at most ${MAX_PERSONAL_RESPONSES}.`] };
  }

  const errors: string[] = [];
  const responses: ResponseEntry[] = [];
  const shortcuts = new Map<string, number>();
  header.data.responses.forEach((raw, index) => {
    const parsed = responseEntrySchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...describeIssues(parsed.error, label(index, raw)));
      return;
    }
    const shortcut = normalizeShortcut(parsed.data.shortcut);
    if (shortcut && shortcuts.has(shortcut)) {
      errors.push(`${label(index, raw)}: shortcut /${shortcut} is already used by response ${shortcuts.get(shortcut)! + 1}`);
    }
    if (shortcut) shortcuts.set(shortcut, index);
    responses.push(parsed.data);
  });
  if (errors.length > MAX_REPORTED_PROBLEMS) {
    return { ok: false, errors: [...errors.slice(0, MAX_REPORTED_PROBLEMS), `… and ${errors.length - MAX_REPORTED_PROBLEMS} more problems.`] };
  }
  return errors.length ? { ok: false, errors } : { ok: true, responses };
}

/**
 * Adds the file's responses to the library. A response already there (same title and text) is
 * skipped; a shortcut the library already uses is a problem, and then nothing is imported.
 */
export function importIntoLibrary(
  library: PersonalLibrary,
  entries: readonly ResponseEntry[],
  env: LibraryEnv,
): { ok: true; library: PersonalLibrary; added: number; skipped: number } | { ok: false; errors: string[] } {
  const same = (a: { title: string; text: string }, b: { title: string; text: string }) => a.title === b.title && a.text === b.text;
  let next = library;
  let skipped = 0;
  const errors: string[] = [];
  entries.forEach((entry, index) => {
    if (next.responses.some((r) => same(r, entry))) {
      skipped += 1;
      return;
    }
    const change = addResponse(next, entry, env);
    if (change.ok) next = change.library;
    else errors.push(...change.errors.map((e) => `${label(index, entry)}: ${e}`));
  });
  return errors.length ? { ok: false, errors } : { ok: true, library: next, added: next.responses.length - library.responses.length, skipped };
}
