/**
 * A stand-in for Chrome's built-in Summarizer API (https://developer.chrome.com/docs/ai/summarizer-api):
 * the same `availability()` / `create()` / `summarize()` shape, answering at once with a summary
 * made of the chat's first line and its length, so a test can tell exactly what the card put into
 * the notes. Used by the e2e build (test/e2e/support/summarizer-scope.ts) and the unit tests.
 */
import type { SummarizerApi, SummarizerAvailability } from '../../../src/features/wrap-up/notes-summary';

/** What every stand-in summary starts with: the store build is checked never to carry it. */
export const STAND_IN_SUMMARY_PREFIX = 'On-device summary (stand-in):';

export function standInSummarizer(availability: SummarizerAvailability = 'available'): SummarizerApi & { inputs: string[] } {
  const inputs: string[] = [];
  return {
    inputs,
    availability: async () => availability,
    create: async () => ({
      summarize: async (text: string) => {
        inputs.push(text);
        const lines = text.split('\n').filter((line) => line.trim());
        return `${STAND_IN_SUMMARY_PREFIX} ${lines.length} line${lines.length === 1 ? '' : 's'}, starting “${lines[0] ?? ''}”`;
      },
    }),
  };
}
