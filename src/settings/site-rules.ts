/**
 * Site rules from outside: the zod schema of a rule, the import/export file, an admin policy's
 * input. The stored form and defaults are in ./sites.ts; matching in ./site-match.ts. The
 * background registers the content script for the hosts of enabled rules
 * (../agent/site-registration.ts).
 */
import { z } from 'zod';
import { siteMatchSchema } from './site-pattern-schema';
import { PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, SITE_RULE_DEFAULTS as D, type SiteRule } from './sites';

export const siteRuleSchema = z
  .object({
    match: siteMatchSchema,
    enabled: z.boolean().default(D.enabled),
    mode: z.enum(['in-page', 'side-panel']).default(D.mode),
    dock: z.enum(['right', 'left', 'floating']).default(D.dock),
    width: z.number().int().min(PANEL_MIN_WIDTH).max(PANEL_MAX_WIDTH).default(D.width),
    startCollapsed: z.boolean().default(D.startCollapsed),
    autoOpenOnRing: z.boolean().default(D.autoOpenOnRing),
    pushPage: z.boolean().default(D.pushPage),
    zIndex: z.number().int().min(0).max(2147483647).optional(),
    frames: z.boolean().default(D.frames),
    locked: z.boolean().optional(),
  })
  .strict();

// The schema and the stored type must not drift apart.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Equal<z.output<typeof siteRuleSchema>, SiteRule> = true;
void schemaMatchesType;

export const SITE_RULES_FORMAT = 'agent-dock-site-rules';

export const siteRulesFileSchema = z
  .object({
    format: z.literal(SITE_RULES_FORMAT),
    version: z.literal(1),
    rules: z.array(siteRuleSchema).max(500),
  })
  .strict();

export function exportSiteRules(rules: readonly SiteRule[]): string {
  return `${JSON.stringify({ format: SITE_RULES_FORMAT, version: 1, rules }, null, 2)}\n`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Reads an exported rules file; a bad file is a list of sentences naming what is wrong where. */
export function parseSiteRulesFile(text: string): { ok: true; rules: SiteRule[] } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON (${error instanceof Error ? error.message : String(error)}).`] };
  }
  const parsed = siteRulesFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, 10).map(describeIssue) };
  const seen = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (seen.has(rule.match)) return { ok: false, errors: [`rules: "${rule.match}" appears twice.`] };
    seen.add(rule.match);
  }
  // A file is the agent's own: a lock is only for rules an admin policy sets.
  return { ok: true, rules: parsed.data.rules.map(({ locked: _locked, ...rule }) => rule) };
}

/**
 * For an admin policy (managed storage): its rules, validated, optionally locked, merged over the
 * agent's own (a policy rule replaces the agent's rule for the same match).
 */
export function rulesFromPolicy(
  input: unknown,
  options: { locked: boolean },
): { ok: true; rules: SiteRule[] } | { ok: false; errors: string[] } {
  const parsed = z.array(siteRuleSchema).safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, 10).map(describeIssue) };
  return { ok: true, rules: parsed.data.map((rule) => ({ ...rule, locked: options.locked || undefined })) };
}

export function mergeRules(own: readonly SiteRule[], policy: readonly SiteRule[]): SiteRule[] {
  const byMatch = new Map(own.map((rule) => [rule.match, rule]));
  for (const rule of policy) byMatch.set(rule.match, rule);
  return [...byMatch.values()];
}
