import { CUSTOMER_TOOLS_GLOBAL } from '../../src/ui/injected-globals';
import { customerTools } from '../../src/ui/customer/bundle';

// Issue #22's panel parts (previous chats, Open record, the wrap-up card), injected by the
// background into a CRM tab when its panel first shows a chat (src/ui/customer/load.ts); never
// registered for any page by itself. Built against the panel's own Preact (wxt.config.ts).
export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main() {
    (globalThis as Record<string, unknown>)[CUSTOMER_TOOLS_GLOBAL] = customerTools;
  },
});
