/**
 * The shape of a canned response the agent or an administrator writes (personal library, its
 * import file, the fleet library in managed storage), and the sentences that say what is wrong.
 */
import { z } from 'zod';
import { SHORTCUT_PATTERN } from './response';

export const MAX_TITLE_LENGTH = 120;
/** LivePerson lines are short; a canned response longer than this is a document, not an answer. */
export const MAX_TEXT_LENGTH = 4000;

export const responseEntrySchema = z
  .object({
    title: z.string().trim().min(1, 'needs a title').max(MAX_TITLE_LENGTH, `is longer than ${MAX_TITLE_LENGTH} characters`),
    text: z
      .string()
      .refine((text) => text.trim().length > 0, 'needs a text')
      .refine((text) => text.length <= MAX_TEXT_LENGTH, `is longer than ${MAX_TEXT_LENGTH} characters`),
    shortcut: z
      .string()
      .trim()
      .transform((s) => s.replace(/^\/+/, '').toLowerCase())
      .refine((s) => SHORTCUT_PATTERN.test(s), 'must be one word of letters, digits, - or _ (at most 32)')
      .optional(),
    /** Absent: detected from the text (./response.ts `looksLikeHtml`). */
    format: z.enum(['plain', 'html']).optional(),
    lang: z.string().trim().max(35).optional(),
    categories: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    skillIds: z.array(z.coerce.string().trim().min(1).max(40)).max(200).default([]),
  })
  .strict();

export type ResponseEntryInput = z.input<typeof responseEntrySchema>;
export type ResponseEntry = z.output<typeof responseEntrySchema>;

/** `title: needs a title` — one sentence per problem, the field first. */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const where = [prefix, path].filter(Boolean).join(' ');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}
