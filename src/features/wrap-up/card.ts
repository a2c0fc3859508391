/**
 * The wrap-up card's data: the dispositions to choose from (a list per site, or one for the
 * whole fleet; an administrator's list replaces the agent's and may be locked) and the checks on
 * what the agent entered. The card comes after the agent survey and never blocks ending a chat.
 */
import { z } from 'zod';
import { effectiveRule } from '../../settings/site-match';
import { siteMatchSchema } from '../../settings/site-pattern-schema';
import type { WrapUpAnswers } from './recipe-values';

export const MAX_NOTES = 10_000;

export const dispositionListSchema = z
  .object({
    /** A site rule's `match`; absent: every site. */
    site: siteMatchSchema
      .optional(),
    dispositions: z
      .array(z.string().trim().min(1).max(80))
      .min(1)
      .max(50)
      .refine((list) => new Set(list.map((d) => d.toLowerCase())).size === list.length, 'A disposition appears twice.'),
    locked: z.boolean().optional(),
  })
  .strict();

export type DispositionList = z.output<typeof dispositionListSchema>;

export interface Dispositions {
  choices: string[];
  /** Where they come from, for the options page: a site's list, the all-sites list, or none. */
  from: 'site' | 'all-sites' | 'none';
  locked: boolean;
}

/**
 * The dispositions on the CRM page at `url`. The policy's lists replace the agent's for the same
 * scope; a list for the site beats the all-sites list; the most specific site wins.
 */
export function dispositionsFor(url: string, own: readonly DispositionList[], policy: readonly DispositionList[]): Dispositions {
  const byScope = new Map<string, DispositionList>();
  for (const list of own) byScope.set(list.site ?? '*', { ...list, locked: undefined });
  for (const list of policy) byScope.set(list.site ?? '*', list);
  const lists = [...byScope.values()];
  const site = effectiveRule(
    lists.filter((l): l is DispositionList & { site: string } => l.site !== undefined).map((l) => ({ ...l, match: l.site })),
    url,
  );
  const chosen = site ?? byScope.get('*');
  if (!chosen) return { choices: [], from: 'none', locked: false };
  return { choices: [...chosen.dispositions], from: site ? 'site' : 'all-sites', locked: chosen.locked === true };
}

/** Problems with the card as entered, one sentence each; empty when it can be logged. */
export function checkWrapUp(answers: WrapUpAnswers, dispositions: Dispositions): string[] {
  const problems: string[] = [];
  if (answers.disposition !== undefined && answers.disposition !== '' && !dispositions.choices.includes(answers.disposition)) {
    problems.push(`“${answers.disposition}” is not one of this site’s dispositions.`);
  }
  if (answers.notes.length > MAX_NOTES) problems.push(`The notes are longer than ${MAX_NOTES.toLocaleString('en')} characters.`);
  return problems;
}
