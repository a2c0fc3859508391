import panelCss from '../../src/ui/panel/panel.css?inline';
import dockCss from '../../src/ui/dock/dock.css?inline';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { announceGenuineStart, genuineStartDone, ignoreForgedScriptStarted } from '../../src/ui/dock/forged-start';
import { startInPagePanel } from '../../src/ui/dock/in-page';
import { takePanelSettings } from '../../src/ui/dock/panel-settings';
import { loadPurifierIntoThisTab } from '../../src/ui/sanitize';
import { sharePanelRuntime } from '../../src/ui/panel-runtime';
import { loadChatToolsIntoThisTab } from '../../src/ui/panel/tools';
import { loadCustomerToolsIntoThisTab } from '../../src/ui/customer/load';
import { loadQuickToolsIntoThisTab } from '../../src/ui/panel/quick-tools';

// Module code runs before WXT's context announces this copy: the announcement is genuine.
announceGenuineStart();

// No `matches`: the background registers this script for the sites the agent enabled
// (src/agent/site-registration.ts), and the script itself follows the site rules.
export default defineContentScript({
  registration: 'runtime',
  // The CSS is adopted by the shadow root: no web-accessible resource to fetch.
  cssInjectionMode: 'manual',
  // WXT tells an older copy of this script to stop with a DOM event; its extra window.postMessage
  // (kept only for scripts built by older WXT) would reach the CRM page's message listeners.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // From now on a "newer copy started" event is the page's unless a copy of ours says otherwise.
    genuineStartDone();
    const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    ctx.onInvalidated(ignoreForgedScriptStarted(window, started, { extensionGone: () => !browser.runtime?.id }));
    // The parts loaded on demand (src/ui/on-demand.ts), which run on this script's Preact, can be
    // loaded before the panel starts: where the site rules' read (done at document_start) and the
    // background's first view are both here already, as on a reload, it draws a chat in this task.
    sharePanelRuntime();
    loadPurifierIntoThisTab();
    loadChatToolsIntoThisTab();
    loadCustomerToolsIntoThisTab();
    loadQuickToolsIntoThisTab();
    startInPagePanel(ctx, {
      css: `${panelCss}\n${dockCss}`,
      shadowMode: import.meta.env.MODE === 'production' ? 'closed' : 'open',
      settingsRead: takePanelSettings(),
    });
  },
});
