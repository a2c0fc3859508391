/**
 * What the Chromium e2e build's wrap-up card gets instead of the browser's global scope
 * (wxt.config.ts swaps src/ui/customer/summarizer-scope.ts for this file in `--mode e2e` only):
 * a scope whose `Summarizer` is the stand-in, its model already available. Never in a store build.
 */
import { standInSummarizer } from '../../features/wrap-up/stand-in-summarizer';

let scope: object | undefined;

export function summarizerScope(): object {
  scope ??= { Summarizer: standInSummarizer() };
  return scope;
}
