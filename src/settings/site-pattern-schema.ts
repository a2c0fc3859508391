/**
 * A site as a site rule names it (`match`: an origin or a URL pattern, ./site-match.ts), for every
 * schema that takes one: site rules, CRM record templates, dispositions, wrap-up recipes.
 *
 * A module of its own: ./site-match.ts stays free of zod (every CRM page loads it), and
 * ./site-rules.ts brings the stored rules' defaults, which name the sandbox's demo CRM — shared
 * from there, the sandbox's settings rode along into the store build's shared chunk.
 */
import { z } from 'zod';
import { parseSitePattern } from './site-match';

export const siteMatchSchema = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    const parsed = parseSitePattern(value);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });
