import { purify } from '../../src/ui/purify';
import { SANITIZER_GLOBAL } from '../../src/ui/injected-globals';

// Injected by the background into a CRM tab when its panel first shows an HTML line
// (src/ui/sanitize.ts); never registered for any page by itself.
export default defineContentScript({
  registration: 'runtime',
  // No window.postMessage to the CRM page (see entrypoints/panel.content).
  noScriptStartedPostMessage: true,
  main() {
    (globalThis as Record<string, unknown>)[SANITIZER_GLOBAL] = purify;
  },
});
