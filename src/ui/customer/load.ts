/**
 * Issue #22's panel parts (previous chats, Open record, the wrap-up card): loaded with the first
 * chat a CRM tab's panel shows, never in the panel's content script (../on-demand.ts;
 * entrypoints/customer-tools.content). Extension pages bundle them.
 */
import { CUSTOMER_TOOLS_GLOBAL } from '../injected-globals';
import { injectedIntoThisTab, OnDemand } from '../on-demand';
import type { customerTools as bundle } from './bundle';

export type CustomerTools = typeof bundle;

export const customerTools = new OnDemand<CustomerTools>('previous chats, Open record and the wrap-up card');

/** CRM tabs: the background injects the parts into this world; they are picked up from there. */
export function loadCustomerToolsIntoThisTab(): void {
  customerTools.loadWith(injectedIntoThisTab<CustomerTools>('customer-tools', CUSTOMER_TOOLS_GLOBAL));
}
