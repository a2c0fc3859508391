/**
 * The local sandbox `npm start` runs: the LivePerson emulator's demo account on loopback. The
 * options page offers it as one of the two ways in. Only settings know it: to the API client it is
 * just another CSDS URL. No storage here, so Node scripts (`npm start`) can import it too.
 */
import type { AccountSettings } from './account';

export const SANDBOX_ACCOUNT: AccountSettings = {
  csdsUrl: 'http://127.0.0.1:8090',
  accountId: '12345678',
  username: 'agent1',
};

/** The emulator's published demo password: no secret, and only ever prefilled for the sandbox. */
export const SANDBOX_PASSWORD = 'agent1-pass';

/** The two ways in. */
export type Connection = 'sandbox' | 'liveperson';


/** The demo CRM record page `npm start` serves: the panel runs there out of the box. */
export const SANDBOX_CRM_ORIGIN = 'http://127.0.0.1:8091';
