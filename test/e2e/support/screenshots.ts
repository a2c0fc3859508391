/**
 * Where the end-to-end tests save their screenshots. A test run writes them under
 * test-results/screenshots/ (ignored by git): running the tests never changes a tracked file.
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1) writes the ones the README shows, in
 * test/e2e/screenshots/, to be committed.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const SCREENSHOTS_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? `${ROOT}test/e2e/screenshots` : `${ROOT}test-results/screenshots`;

/** The path to save the screenshot `name` (e.g. `panel.png`) to; its folder exists. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return `${SCREENSHOTS_DIR}/${name}`;
}
