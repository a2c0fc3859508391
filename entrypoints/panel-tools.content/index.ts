import { PANEL_TOOLS_GLOBAL } from '../../src/ui/injected-globals';
import { panelTools } from '../../src/ui/panel/tools-bundle';

// Injected by the background into a CRM tab when its panel first shows a chat (src/ui/panel/tools.ts);
// never registered for any page by itself. Built against the panel's own Preact (wxt.config.ts).
export default defineContentScript({
  registration: 'runtime',
  // No window.postMessage to the CRM page (see entrypoints/panel.content).
  noScriptStartedPostMessage: true,
  main() {
    (globalThis as Record<string, unknown>)[PANEL_TOOLS_GLOBAL] = panelTools;
  },
});
