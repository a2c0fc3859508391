/**
 * Fleet policy: what an administrator presets, and may lock, through managed storage
 * (`storage.managed`, schema in public/managed_schema.json; examples in the README). Chrome answers
 * `{}` without a policy; Firefox throws when there is none: both mean "no policy".
 *
 * Test builds only (`wxt build --mode e2e`): a policy can also be injected under the storage.local
 * key `e2e:managedPolicy`, because a real policy needs an OS-level file for the whole machine.
 * Production builds never read that key (the branch is removed at build time).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';

export const managedPolicySchema = z.object({
  /** The CSDS (Domain API) base URL, e.g. https://api.liveperson.net */
  csdsUrl: z.url().optional().catch(undefined),
  accountId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional()
    .catch(undefined),
  /** Sites (match patterns) where the panel is enabled. */
  sites: z.array(z.string()).optional().catch(undefined),
  /** Site rules in the rules file's form (`{ match, dock, width, … }`), checked by ../settings/site-rules.ts. */
  panelRules: z.array(z.unknown()).optional().catch(undefined),
  alerts: z
    .object({
      sound: z.boolean().optional().catch(undefined),
      volume: z.number().min(0).max(1).optional().catch(undefined),
      notifications: z.boolean().optional().catch(undefined),
      awayWhenIdle: z.boolean().optional().catch(undefined),
      idleSeconds: z.number().int().min(15).max(3600).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  /** Canned responses for every agent; entries checked one by one in ../features/canned-responses/fleet-library.ts. */
  cannedResponses: z.array(z.unknown()).optional().catch(undefined),
  /** Reply-due thresholds and notification, everywhere and per site; read by ../features/reply-due/settings.ts. */
  replyDue: z.record(z.string(), z.unknown()).optional().catch(undefined),
  /** Issue #22, each entry checked in ../settings/crm-site.ts: record-lookup templates per site, CRM recipes, wrap-up dispositions. */
  crmRecordTemplates: z.array(z.unknown()).optional().catch(undefined),
  crmRecipes: z.array(z.unknown()).optional().catch(undefined),
  dispositions: z.array(z.unknown()).optional().catch(undefined),
  /** Setting names the agent cannot change: `csdsUrl`, `accountId`, `sites`, `panelRules`, `alerts` or `alerts.<name>`, `replyDue` or `replyDue.<name>`, `crmRecordTemplates`, `crmRecipes`, `dispositions`. */
  locked: z.array(z.string()).optional().catch(undefined),
});

export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

/** Storage key of the test builds' injected policy (see above). */
export const E2E_POLICY_KEY = 'e2e:managedPolicy';

const testBuild = import.meta.env.MODE === 'e2e';

/** A setting is locked by its name, or by the name of its group (`alerts` locks `alerts.sound`). */
export function isLocked(policy: ManagedPolicy, key: string): boolean {
  return (policy.locked ?? []).some((name) => name === key || key.startsWith(`${name}.`));
}

/** The account fields the policy presets, and which of them the agent cannot change. */
export function accountPolicy(policy: ManagedPolicy): {
  preset: { csdsUrl?: string; accountId?: string };
  locked: { csdsUrl: boolean; accountId: boolean };
} {
  return {
    preset: { csdsUrl: policy.csdsUrl, accountId: policy.accountId },
    locked: {
      csdsUrl: policy.csdsUrl !== undefined && isLocked(policy, 'csdsUrl'),
      accountId: policy.accountId !== undefined && isLocked(policy, 'accountId'),
    },
  };
}

/**
 * The enabled sites and panel rules the administrator set, and whether the agent may change them.
 * (../agent/site-policy.ts applies them; this only reads the policy.)
 */
export function sitePolicy(policy: ManagedPolicy): {
  sites?: string[];
  panelRules?: unknown[];
  locked: { sites: boolean; panelRules: boolean };
} {
  return {
    sites: policy.sites,
    panelRules: policy.panelRules,
    locked: {
      sites: policy.sites !== undefined && isLocked(policy, 'sites'),
      panelRules: policy.panelRules !== undefined && isLocked(policy, 'panelRules'),
    },
  };
}

/** Why a sign-in is refused by the policy, or undefined when it is allowed. */
export function signInRefusal(policy: ManagedPolicy, input: { csdsUrl: string; accountId: string }): string | undefined {
  const { preset, locked } = accountPolicy(policy);
  const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
  if (locked.csdsUrl && preset.csdsUrl && !sameUrl(preset.csdsUrl, input.csdsUrl)) {
    return `Your administrator set the LivePerson domain to ${preset.csdsUrl}.`;
  }
  if (locked.accountId && preset.accountId && preset.accountId !== input.accountId) {
    return `Your administrator set the account to ${preset.accountId}.`;
  }
  return undefined;
}

/** Parses what the browser hands over; an invalid key is dropped, never the whole policy. */
export function parsePolicy(raw: unknown): ManagedPolicy {
  const parsed = managedPolicySchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

export async function readManagedPolicy(): Promise<ManagedPolicy> {
  let raw: Record<string, unknown> = {};
  try {
    raw = (await browser.storage.managed.get()) ?? {};
  } catch {
    // Firefox without a policy: "Managed storage manifest not found". No policy.
  }
  if (testBuild && Object.keys(raw).length === 0) {
    const injected = await browser.storage.local.get(E2E_POLICY_KEY);
    raw = (injected[E2E_POLICY_KEY] as Record<string, unknown> | undefined) ?? {};
  }
  return parsePolicy(raw);
}

/** Calls back with the new policy whenever the administrator's policy changes. */
export function watchManagedPolicy(callback: (policy: ManagedPolicy) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (testBuild && area === 'local' && E2E_POLICY_KEY in changes)) void readManagedPolicy().then(callback);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
