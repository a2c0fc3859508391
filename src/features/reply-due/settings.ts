/**
 * Reply-due settings: the amber and red thresholds (defaults 30 s / 60 s) and whether a chat going
 * red raises a notification; the agent's own choices per site and for everywhere, an
 * administrator's policy (`replyDue` in managed storage) that presets and may lock them, like every
 * fleet setting (`locked: ["replyDue"]` or `["replyDue.redSeconds", …]`).
 * A site is an origin or URL pattern, matched as the site rules are (src/settings/site-match.ts).
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { isLocked, type ManagedPolicy } from '../../settings/policy';
import { effectiveRule, parseSitePattern } from '../../settings/site-match';

import { REPLY_DUE_DEFAULTS } from './defaults';

export { REPLY_DUE_DEFAULTS };
export const MIN_THRESHOLD_SECONDS = 5;
export const MAX_THRESHOLD_SECONDS = 3600;

export type ReplyDueKey = 'amberSeconds' | 'redSeconds' | 'notify';
const KEYS: readonly ReplyDueKey[] = ['amberSeconds', 'redSeconds', 'notify'];

const seconds = z.number().int().min(MIN_THRESHOLD_SECONDS).max(MAX_THRESHOLD_SECONDS);

/** One set of values; each may be absent ("not set here"). An invalid value is dropped alone. */
const valuesSchema = z.object({
  amberSeconds: seconds.optional().catch(undefined),
  redSeconds: seconds.optional().catch(undefined),
  notify: z.boolean().optional().catch(undefined),
});

const siteValuesSchema = valuesSchema.extend({
  match: z.string().max(500).refine((m) => typeof parseSitePattern(m) !== 'string', 'not an origin or URL pattern'),
});

/** The agent's preferences and the policy's `replyDue` share this shape. */
export const replyDueSettingsSchema = valuesSchema.extend({
  sites: z
    .array(z.unknown())
    .max(500)
    .catch([])
    .transform((sites) => sites.flatMap((s) => {
      const parsed = siteValuesSchema.safeParse(s);
      return parsed.success ? [parsed.data] : [];
    }))
    .optional(),
});

export type ReplyDueSettings = z.output<typeof replyDueSettingsSchema>;
type Values = z.output<typeof valuesSchema>;

export interface EffectiveReplyDue {
  amberSeconds: number;
  redSeconds: number;
  notify: boolean;
  /** Which values the agent cannot change here. */
  locked: Record<ReplyDueKey, boolean>;
}

/** The agent's own choices (only what they changed). */
export const replyDuePreferencesItem = storage.defineItem<ReplyDueSettings>('local:replyDue.preferences', { fallback: {}, version: 1 });

export function parseReplyDueSettings(raw: unknown): ReplyDueSettings {
  const parsed = replyDueSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The values that apply on `pageUrl`: the most specific site entry over the everywhere values. */
function valuesFor(settings: ReplyDueSettings, pageUrl: string | undefined): Values {
  const site = pageUrl ? effectiveRule(settings.sites ?? [], pageUrl) : undefined;
  const pick = <K extends ReplyDueKey>(key: K) => site?.[key] ?? settings[key];
  return { amberSeconds: pick('amberSeconds'), redSeconds: pick('redSeconds'), notify: pick('notify') };
}

/**
 * Locked policy value, else the agent's choice, else the policy's preset, else the default; each on
 * `pageUrl` (no URL: the everywhere values, which the background's badge uses). Red is never
 * before amber: a red threshold under the amber one is raised to it.
 */
export function effectiveReplyDue(preferences: unknown, policy: Pick<ManagedPolicy, 'locked' | 'replyDue'>, pageUrl?: string): EffectiveReplyDue {
  const preset = valuesFor(parseReplyDueSettings(policy.replyDue), pageUrl);
  const own = valuesFor(parseReplyDueSettings(preferences), pageUrl);
  const result: EffectiveReplyDue = { ...REPLY_DUE_DEFAULTS, locked: { amberSeconds: false, redSeconds: false, notify: false } };
  for (const key of KEYS) {
    const locked = preset[key] !== undefined && isLocked(policy, `replyDue.${key}`);
    const value = locked ? preset[key] : (own[key] ?? preset[key]);
    if (value !== undefined) (result as unknown as Record<ReplyDueKey, unknown>)[key] = value;
    result.locked[key] = locked;
  }
  if (result.redSeconds < result.amberSeconds) result.redSeconds = result.amberSeconds;
  return result;
}
