// @vitest-environment jsdom
/**
 * The panel's styles where it is drawn: its own first, then each on-demand part's as it arrives,
 * once; a panel drawn again (a new shadow root) gets them all. jsdom has no constructed
 * stylesheets, so these run the <style> fallback (Firefox's content-script sandbox); the
 * constructed-sheet path runs in Chromium (test/e2e/hostile-pages.test.ts, under a strict CSP).
 */
import { describe, expect, it } from 'vitest';
import { OnDemand } from '../../src/ui/on-demand';
import { addPanelStyles, stylePanelIn } from '../../src/ui/panel-styles';

const stylesOf = (root: ShadowRoot) => [...root.querySelectorAll('style')].map((s) => s.textContent);

describe('panel styles', () => {
  it('puts the panel’s own styles first and a part’s when it arrives, once, in every panel drawn', async () => {
    const first = document.createElement('div').attachShadow({ mode: 'open' });
    stylePanelIn(first, '.panel{}');
    expect(stylesOf(first)).toEqual(['.panel{}']);

    // A part brings its styles as `css` (the bundles in src/ui/panel/*-bundle.ts, src/ui/customer/bundle.ts).
    const tools = new OnDemand<{ css: string; name: string }>('tools');
    tools.loadWith(async () => ({ css: '.transfer{}', name: 'tools' }));
    await tools.load();
    addPanelStyles('.transfer{}');
    expect(stylesOf(first)).toEqual(['.panel{}', '.transfer{}']);

    // A part provided directly (extension pages) brings its styles the same way.
    new OnDemand<{ css: string }>('quick tools').provide({ css: '.palette{}' });
    expect(stylesOf(first)).toEqual(['.panel{}', '.transfer{}', '.palette{}']);

    // The panel drawn again (unmounted, then shown again): a new root, with everything so far.
    const second = document.createElement('div').attachShadow({ mode: 'open' });
    stylePanelIn(second, '.panel{}');
    expect(stylesOf(second)).toEqual(['.panel{}', '.transfer{}', '.palette{}']);
  });

  it('styles an extension page’s document, where the panel is drawn without a shadow root', () => {
    stylePanelIn(document);
    addPanelStyles('.wrap-up-card{}');
    expect([...document.head.querySelectorAll('style')].map((s) => s.textContent)).toContain('.wrap-up-card{}');
  });
});
