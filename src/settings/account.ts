/**
 * Account settings the agent types once: where LivePerson is and who they are. They decide where
 * the password goes, so they live where no content script can write them: the extension origin's
 * IndexedDB (./trusted-item.ts), not storage.local. Never a secret here: no password, no token.
 */
import { get, set, update } from 'idb-keyval';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { isAllowedUrl } from '../api/allow-list';
import { SANDBOX_BUILD } from './build-mode';
import { trustedItem, trustedStore } from './trusted-item';

export const accountSettingsSchema = z.object({
  /** The CSDS (Domain API) base URL: `https://api.liveperson.net` for LivePerson, or the sandbox's. */
  csdsUrl: z.string().url(),
  accountId: z.string(),
  username: z.string(),
  /** Which LivePerson protocol carries this account's conversations (src/conversation/factory.ts); Chat when unset. */
  protocol: z.enum(['chat', 'messaging']).optional(),
});

export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const LIVEPERSON_CSDS_URL = 'https://api.liveperson.net';

const FALLBACK: AccountSettings = { csdsUrl: LIVEPERSON_CSDS_URL, accountId: '', username: '' };

/** A stored account, if it is one and names a host the client would contact (loopback only in the sandbox build). */
export function parseAccount(stored: unknown): AccountSettings | undefined {
  const parsed = accountSettingsSchema.safeParse(stored);
  return parsed.success && isAllowedUrl(parsed.data.csdsUrl, { allowLoopback: SANDBOX_BUILD }) ? parsed.data : undefined;
}

/** Where earlier versions kept them: storage.local keys (WXT's `local:account`, `local:account-liveperson`). */
export const LEGACY_ACCOUNT_KEYS = { account: 'account', 'account-liveperson': 'account-liveperson' } as const;
const MIGRATED_KEY = 'account-moved-from-storage-local';

/**
 * Once per profile: the account saved in storage.local by an earlier version moves to IndexedDB,
 * then leaves storage.local. Afterwards (the mark is in IndexedDB too) storage.local is never read
 * for it again, so a content script's write there changes nothing. A value already in IndexedDB
 * wins: several contexts may run this at once, and `update` is atomic.
 */
export async function moveAccountFromStorageLocal(): Promise<void> {
  const db = trustedStore();
  if (await get(MIGRATED_KEY, db)) return;
  const keys = Object.values(LEGACY_ACCOUNT_KEYS);
  const legacy = await browser.storage.local.get(keys);
  for (const [key, legacyKey] of Object.entries(LEGACY_ACCOUNT_KEYS)) {
    const value = parseAccount(legacy[legacyKey]);
    if (value) await update<unknown>(key, (current) => current ?? value, db);
  }
  await set(MIGRATED_KEY, true, db);
  await browser.storage.local.remove(keys);
}

const accountItem = (key: keyof typeof LEGACY_ACCOUNT_KEYS) =>
  trustedItem<AccountSettings>(key, FALLBACK, { parse: parseAccount, ready: moveAccountFromStorageLocal });

/** The account the sign-in forms propose: the last one signed in to, or the one chosen on the options page. */
export const accountSettings = accountItem('account');

/** The agent's own LivePerson account, kept while they try the sandbox so that switching back restores it. */
export const livePersonAccount = accountItem('account-liveperson');
