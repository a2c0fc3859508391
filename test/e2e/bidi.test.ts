/**
 * The panel's direction against a hostile page, and bidi controls from a hostile visitor (issue
 * #19 L7): a page forcing `direction: rtl !important` on everything leaves the panel left-to-right
 * (lines keep `dir="auto"`: a Hebrew line still reads right to left), and a line carrying U+202E
 * shows the control as a visible token instead of reversing the text after it.
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, PANEL_HOST, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

describe('bidi on a hostile page', () => {
  const sandbox = useSandbox();

  it('keeps the panel left-to-right and shows bidi controls visibly', async () => {
    const popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    const tab = await sandbox.ext.browser.newPage();
    await tab.goto(`${sandbox.crm.url}hostile-rtl.html`);
    await tab.locator(inPanel(testId('panel'))).wait();
    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Hana' });
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();
    await visitor.sendLine('invoice\u202Efdp.exe');
    await visitor.sendLine('שלום');
    await tab.waitForFunction(
      (host) => {
        const texts = [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="line-text"]') ?? [])].map((t) => t.textContent ?? '');
        return texts.some((t) => t.startsWith('invoice')) && texts.includes('שלום');
      },
      { timeout: 15_000, polling: 100 },
      PANEL_HOST,
    );
    const seen = await tab.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      const panel = root.querySelector('[data-testid="panel"]')!;
      const texts = [...root.querySelectorAll('[data-testid="line-text"]')];
      return {
        hostDirection: getComputedStyle(document.querySelector(host)!).direction,
        panelDirection: getComputedStyle(panel).direction,
        lines: texts.map((t) => ({ text: t.textContent, dir: t.getAttribute('dir'), direction: getComputedStyle(t).direction })),
      };
    }, PANEL_HOST);
    expect(seen.hostDirection).toBe('ltr');
    expect(seen.panelDirection).toBe('ltr');
    const spoof = seen.lines.find((l) => l.text?.startsWith('invoice'));
    expect(spoof?.text).toBe('invoice[U+202E]fdp.exe');
    const hebrew = seen.lines.find((l) => l.text === 'שלום');
    expect(hebrew).toMatchObject({ dir: 'auto', direction: 'rtl' });
  });
});
