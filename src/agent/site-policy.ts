/**
 * The administrator's sites and panel rules (fleet policy, ../settings/policy.ts) folded into the
 * stored site rules, which the registration, the panels and the options page already follow.
 * Locked policy rules win over the agent's and are read-only; unlocked ones are presets the agent
 * may change (added only where the agent has no rule for that match). A lock the policy no longer
 * holds is released: the rule stays, the agent may change it again.
 */
import type { Logger } from './runtime';
import { readManagedPolicy, sitePolicy, watchManagedPolicy, type ManagedPolicy } from '../settings/policy';
import { mergeRules, rulesFromPolicy, siteRuleSchema } from '../settings/site-rules';
import { newSiteRule, siteRules, type SiteRule } from '../settings/sites';

/** The rules the policy asks for, and the sentences explaining what of it was refused. */
export function policySiteRules(policy: ManagedPolicy): { rules: SiteRule[]; problems: string[] } {
  const { sites, panelRules, locked } = sitePolicy(policy);
  const problems: string[] = [];
  const rules: SiteRule[] = [];
  if (sites) {
    const parsed = rulesFromPolicy(sites.map((match) => ({ match })), { locked: locked.sites });
    if (parsed.ok) rules.push(...parsed.rules);
    else problems.push(...parsed.errors.map((e) => `Policy "sites": ${e}`));
  }
  if (panelRules) {
    const parsed = rulesFromPolicy(panelRules, { locked: locked.panelRules });
    if (parsed.ok) rules.push(...parsed.rules);
    else problems.push(...parsed.errors.map((e) => `Policy "panelRules": ${e}`));
  }
  // A panel rule for a site also listed in `sites` refines it: the later one (the rule) wins.
  return { rules: mergeRules([], rules), problems };
}

/** The stored rules with the policy applied. Applying it twice changes nothing. */
export function withPolicyRules(own: readonly SiteRule[], policyRules: readonly SiteRule[]): SiteRule[] {
  const lockedNow = new Set(policyRules.filter((r) => r.locked).map((r) => r.match));
  const ownMatches = new Set(own.map((r) => r.match));
  const released = own.map((rule) => (rule.locked && !lockedNow.has(rule.match) ? unlocked(rule) : rule));
  const presets = policyRules.filter((r) => r.locked || !ownMatches.has(r.match));
  return mergeRules(released, presets);
}

function unlocked(rule: SiteRule): SiteRule {
  const { locked: _, ...rest } = rule;
  return newSiteRule(rule.match, rest);
}

/**
 * The stored rules as the background trusts them: storage.local is writable by a content script,
 * so anything that is not a valid rule is dropped before it is acted on.
 */
export function validStoredRules(stored: unknown): SiteRule[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((rule) => {
    const parsed = siteRuleSchema.safeParse(rule);
    return parsed.success ? [parsed.data] : [];
  });
}

async function apply(policy: ManagedPolicy, log: Logger): Promise<void> {
  const { rules, problems } = policySiteRules(policy);
  if (problems.length) log.warn('Parts of the administrator’s site policy were refused', { problems });
  const own = await siteRules.getValue();
  const valid = validStoredRules(own);
  const next = withPolicyRules(valid, rules);
  // Written only when the policy or validation changes something: this runs on every write of
  // the rules, and rewriting an unchanged list could undo a write made meanwhile.
  const unchanged = Array.isArray(own) && valid.length === own.length && JSON.stringify(next) === JSON.stringify(valid);
  if (!unchanged) await siteRules.setValue(next);
}

/**
 * Applies the policy now, whenever the administrator changes it, and whenever the stored rules
 * change: a write by anyone (a content script included) that unlocks, changes or removes a locked
 * rule is undone at once. Applying is idempotent, so its own write does not loop.
 */
export function keepSiteRulesFollowingPolicy(log: Logger): void {
  const run = (policy: ManagedPolicy) =>
    apply(policy, log).catch((error: unknown) => log.warn('Could not apply the site policy', { error: String(error) }));
  watchManagedPolicy((policy) => void run(policy));
  siteRules.watch(() => void readManagedPolicy().then(run));
  void readManagedPolicy().then(run);
}
