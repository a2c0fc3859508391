/**
 * The panel's host (src/ui/shadow-host.ts): one host per page, styles in its own shadow root, and
 * keystrokes typed in the panel never reach the page's shortcuts, while the page's own still work.
 */
import { describe, expect, it } from 'vitest';
import { inPanel, panelHostCount, PANEL_HOST, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

describe('panel host in Chromium', () => {
  const sandbox = useSandbox();

  it('mounts once, styled inside its shadow root, and keeps its keystrokes from the page', async () => {
    const page = await sandbox.ext.browser.newPage();
    await page.goto(sandbox.crm.url);
    await page.locator(inPanel(testId('panel'))).wait();
    expect(await panelHostCount(page)).toBe(1);
    const styles = await page.evaluate((host) => ({
      inShadow: [...document.querySelector(host)!.shadowRoot!.querySelectorAll('style')].map((s) => s.textContent ?? ''),
      inPage: [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''),
    }), PANEL_HOST);
    // The panel's CSS (it starts with its :host rules) lives in the shadow root, none in the page.
    expect(styles.inShadow).toHaveLength(1);
    expect(styles.inShadow[0]).toContain(':host');
    expect(styles.inPage.filter((css) => css.includes(':host'))).toEqual([]);

    await page.evaluate(() => {
      (globalThis as unknown as { __keys: string[] }).__keys = [];
      document.addEventListener('keydown', (e) => (globalThis as unknown as { __keys: string[] }).__keys.push(e.key));
    });
    const keys = () => page.evaluate(() => (globalThis as unknown as { __keys: string[] }).__keys);
    await page.locator(inPanel('button[aria-label="Collapse the panel"]')).wait();
    await page.$eval(inPanel('button[aria-label="Collapse the panel"]'), (b) => (b as HTMLButtonElement).focus());
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    expect(await keys()).toEqual([]);
    // Outside the panel the page hears its keys as before.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.$eval('body', (b) => (b as HTMLElement).focus());
    await page.keyboard.press('k');
    expect(await keys()).toEqual(['k']);
    await page.close();
  });
});
