/**
 * Account settings the agent types once: where LivePerson is and who they are.
 * Lives in storage.local (readable by content scripts, so never a secret here: no password, no token).
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

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

export const accountSettings = storage.defineItem<AccountSettings>('local:account', {
  fallback: { csdsUrl: LIVEPERSON_CSDS_URL, accountId: '', username: '' },
});

/** The agent's own LivePerson account, kept while they try the sandbox so that switching back restores it. */
export const livePersonAccount = storage.defineItem<AccountSettings>('local:account-liveperson', {
  fallback: { csdsUrl: LIVEPERSON_CSDS_URL, accountId: '', username: '' },
});
