/** What a CRM tab's content script asks for its own tab: the scripts it loads on demand, the side panel. */
import { browser } from 'wxt/browser';
import { setSidePanelForTab } from '../../agent/side-panel';
import type { PanelScript } from '../../messaging/protocol';
import { panelScriptSchema, sidePanelSchema } from '../../messaging/schemas';
import type { HandlerTable } from './handler';

/** What the agent reads when a script a CRM tab loads on demand cannot be injected there. */
const PANEL_SCRIPT_UNAVAILABLE: Record<PanelScript, string> = {
  sanitizer: 'HTML lines show as text: the sanitizer could not be loaded in this tab.',
  'panel-tools': 'The chat tools (transfer, wrap-up survey, visitor details, copy and fill) could not be loaded in this tab: reload the page.',
  'customer-tools': 'Previous chats, Open record and the wrap-up card could not be loaded in this tab: reload the page.',
  'quick-tools': 'Canned responses and the command palette could not be loaded in this tab: reload the page.',
};

export function panelHandlers(): HandlerTable {
  return {
    injectPanelScript: {
      from: 'tab',
      schema: panelScriptSchema,
      async run({ script }, sender) {
        const tabId = sender.tab!.id!;
        // Built from entrypoints/<script>.content.
        const file = `/content-scripts/${script}.js` as const;
        try {
          await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file] });
          return { ok: true } as const;
        } catch (error) {
          console.warn(`Agent Dock: could not inject ${file}`, { tabId, error: String(error) });
          return { ok: false, message: PANEL_SCRIPT_UNAVAILABLE[script] } as const;
        }
      },
    },
    useSidePanel: {
      from: 'tab',
      schema: sidePanelSchema,
      run: (input, sender) => setSidePanelForTab(sender.tab!.id!, sender.tab?.url ?? sender.url, input.enabled),
    },
  };
}
