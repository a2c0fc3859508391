/**
 * The sandbox as the extension's pages see it: present in sandbox builds, absent from the store
 * build. ./sandbox.ts holds the values (Node scripts import it too); this module folds them away
 * at build time, so no store bundle carries the demo account or password, even as dead code.
 */
import type { AccountSettings } from './account';
import { SANDBOX_BUILD } from './build-mode';
import { SANDBOX_ACCOUNT, SANDBOX_PASSWORD, type Connection } from './sandbox';

export type { Connection };

/** The demo account, or undefined in the store build. */
export const sandboxAccount: AccountSettings | undefined = SANDBOX_BUILD ? SANDBOX_ACCOUNT : undefined;
/** The emulator's published demo password; empty in the store build. */
export const sandboxPassword: string = SANDBOX_BUILD ? SANDBOX_PASSWORD : '';

/** Which of the two ways in `account` is (always LivePerson in the store build). */
export function connectionOf(account: Pick<AccountSettings, 'csdsUrl'>): Connection {
  if (!sandboxAccount) return 'liveperson';
  try {
    return new URL(account.csdsUrl).origin === new URL(sandboxAccount.csdsUrl).origin ? 'sandbox' : 'liveperson';
  } catch {
    return 'liveperson';
  }
}
