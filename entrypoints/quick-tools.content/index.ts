import { QUICK_TOOLS_GLOBAL } from '../../src/ui/injected-globals';
import { quickTools } from '../../src/ui/panel/quick-tools-bundle';

// Injected by the background into a CRM tab when its panel is first focused or the agent types `/`
// (src/ui/panel/quick-tools.tsx); never registered for any page by itself. Built against the
// panel's own Preact (wxt.config.ts).
export default defineContentScript({
  registration: 'runtime',
  // No window.postMessage to the CRM page (see entrypoints/panel.content).
  noScriptStartedPostMessage: true,
  main() {
    (globalThis as Record<string, unknown>)[QUICK_TOOLS_GLOBAL] = quickTools;
  },
});
