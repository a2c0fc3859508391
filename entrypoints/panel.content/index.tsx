import { render } from 'preact';
import css from '../../src/ui/panel/panel.css?inline';
import { Panel } from '../../src/ui/panel/Panel';
import { mountShadowHost } from '../../src/ui/shadow-host';

export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  // The CSS is inlined into the shadow root: no web-accessible resource to fetch.
  cssInjectionMode: 'manual',
  main(ctx) {
    const started = performance.now();
    const ui = mountShadowHost({ name: 'agent-dock-panel', css, mode: import.meta.env.MODE === 'production' ? 'closed' : 'open' });
    render(<Panel />, ui.container);
    ctx.onInvalidated(() => {
      render(null, ui.container);
      ui.remove();
    });
    // `npm run bench` reads this from the page: the panel's mount time.
    performance.measure('agent-dock:mount', { start: started });
  },
});
