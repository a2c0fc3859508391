import { render } from 'preact';
import css from '../../src/ui/panel/panel.css?inline';
import { Panel } from '../../src/ui/panel/Panel';
import { hostField } from '../../src/ui/panel/write-back';
import { loadPurifierIntoThisTab } from '../../src/ui/sanitize';

export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  // The CSS is inlined into the shadow root: no web-accessible resource to fetch.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const ui = await createShadowRootUi(ctx, {
      name: 'agent-dock-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css,
      // Keystrokes typed in the panel stay in the panel: host shortcuts do not fire.
      isolateEvents: true,
      mode: import.meta.env.MODE === 'production' ? 'closed' : 'open',
      onMount: (container) => render(<Panel />, container),
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    loadPurifierIntoThisTab();
    // Fill writes into the page field the agent last focused: follow focus on this page.
    ctx.onInvalidated(hostField.watch(document, ui.shadowHost));
    ui.mount();
  },
});
