/**
 * The per-site record-lookup template as a setting: its zod schema, an administrator's fleet
 * policy (validated, optionally locked, replacing the agent's own for the same site, as site
 * rules do in src/settings/site-rules.ts), and which template applies to a CRM page.
 */
import { z } from 'zod';
import { effectiveRule, patternMatchesUrl, sitePattern } from '../../settings/site-match';
import { siteMatchSchema } from '../../settings/site-pattern-schema';
import { checkTemplate, templateOrigin } from './template';

export const crmRecordSettingSchema = z
  .object({
    /** The site, as a site rule's `match`: an origin or a URL pattern. */
    match: siteMatchSchema,
    template: z.string().superRefine((value, ctx) => {
      const check = checkTemplate(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
    }),
    locked: z.boolean().optional(),
  })
  .strict()
  .superRefine((setting, ctx) => {
    // The template must open a page of the site it is for.
    const pattern = sitePattern(setting.match);
    const origin = templateOrigin(setting.template);
    if (pattern && origin && !patternMatchesUrl({ ...pattern, path: '/*' }, `${origin}/`)) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: `The template opens ${origin}, which is not the site ${setting.match}.` });
    }
  });

export type CrmRecordSetting = z.output<typeof crmRecordSettingSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** An administrator's templates (managed storage), validated, locked when the policy says so. */
export function crmRecordSettingsFromPolicy(
  input: unknown,
  options: { locked: boolean },
): { ok: true; settings: CrmRecordSetting[] } | { ok: false; errors: string[] } {
  const parsed = z.array(crmRecordSettingSchema).max(500).safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, 10).map(describeIssue) };
  return { ok: true, settings: parsed.data.map((s) => ({ ...s, locked: options.locked || undefined })) };
}

/** The agent's own templates with the policy's over them (a policy entry replaces the agent's for the same site). */
export function mergeCrmRecordSettings(own: readonly CrmRecordSetting[], policy: readonly CrmRecordSetting[]): CrmRecordSetting[] {
  const bySite = new Map<string, CrmRecordSetting>(own.map((s) => [s.match, { ...s, locked: undefined }]));
  for (const s of policy) bySite.set(s.match, s);
  return [...bySite.values()];
}

/** Saves the agent's template for a site, unless the administrator locked that site's. */
export function setOwnCrmRecordSetting(
  effective: readonly CrmRecordSetting[],
  own: readonly CrmRecordSetting[],
  input: unknown,
): { ok: true; own: CrmRecordSetting[] } | { ok: false; errors: string[] } {
  const parsed = crmRecordSettingSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, 10).map(describeIssue) };
  const setting = { ...parsed.data, locked: undefined };
  if (effective.some((s) => s.match === setting.match && s.locked)) {
    return { ok: false, errors: [`Your administrator set the record link for ${setting.match}.`] };
  }
  return { ok: true, own: [...own.filter((s) => s.match !== setting.match), setting] };
}

/** The template for the CRM page at `url`: the most specific site that matches. */
export function crmRecordSettingFor(settings: readonly CrmRecordSetting[], url: string): CrmRecordSetting | undefined {
  return effectiveRule(settings, url);
}
