/**
 * axe-core in a page: its source is evaluated in the page's main world (DevTools evaluation is not
 * subject to the extension pages' CSP), then run on the whole page or on the panel's host, whose
 * open shadow root (e2e build) axe walks into.
 */
import axe from 'axe-core';
import type { Page } from 'puppeteer';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Violations of impact serious or critical: the ones a keyboard or screen-reader user cannot get past. */
export async function seriousAxeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async (selector) => {
    const run = (globalThis as unknown as { axe: typeof axe }).axe.run;
    const results = await run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  }, include);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
