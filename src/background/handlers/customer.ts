/**
 * Issue #22, knowing the customer: a shown chat's visitor's earlier chats (for a panel showing
 * that chat), and the CRM settings of the asking tab's own site (never another site's). Opening
 * the record needs no message: the panel navigates its own page to its own origin
 * (src/ui/customer/OpenRecord.tsx says why).
 */
import type { AgentRuntime } from '../../agent/runtime';
import { chatHistorySearch, type ChatHistoryDeps } from '../chat-history';
import { crmSiteSettings, saveRecipeForPage } from '../../settings/crm-site';
import { crmRecipeSchema, historySearchSchema } from '../../messaging/schemas';
import { readManagedPolicy } from '../../settings/policy';
import type { Sender } from '../senders';
import type { HandlerTable } from './handler';

export type HistoryServices = Pick<ChatHistoryDeps, 'lookup' | 'history'>;

/** The page a tab's content script (or one of our pages) asks for; our pages have no CRM site. */
function crmPageOf(sender: Sender): string | undefined {
  const url = sender.url ?? sender.tab?.url;
  return url && /^https?:/.test(url) ? url : undefined;
}

export function customerHandlers(runtime: AgentRuntime, services: HistoryServices): HandlerTable {
  const search = chatHistorySearch({
    view: () => runtime.view(),
    withLogin: (call) => runtime.withLogin(call),
    now: () => Date.now(),
    ...services,
  });
  return {
    searchChatHistory: { from: 'panel', schema: historySearchSchema, chatOf: (input) => input.chatId, run: (input) => search(input) },
    getCrmSiteSettings: {
      from: 'tab',
      async run(_input, sender) {
        const page = crmPageOf(sender);
        if (!page) return { ok: false, message: 'CRM settings belong to a CRM page.' };
        return { ok: true, ...(await crmSiteSettings(page, await readManagedPolicy())) };
      },
    },
    saveCrmRecipe: {
      from: 'tab',
      schema: crmRecipeSchema,
      async run(input, sender) {
        const page = crmPageOf(sender);
        if (!page) return { ok: false, message: 'Teach CRM fields on the CRM page itself.' };
        return saveRecipeForPage(page, await readManagedPolicy(), input.fields);
      },
    },
  };
}
