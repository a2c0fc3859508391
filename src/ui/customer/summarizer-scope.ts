/**
 * Where the wrap-up card looks for the browser's built-in Summarizer API: the global scope. The
 * Chromium e2e build swaps this module for a stand-in summarizer (wxt.config.ts,
 * test/e2e/support/summarizer-scope.ts), since Chromium in the test bed has no model to download;
 * every other build keeps the browser's own, and the store build is checked to carry no stand-in.
 */
export function summarizerScope(): object {
  return globalThis;
}
