/**
 * Search as you type, after `/` in the composer. Ranking, best first:
 * 1. the response whose `/shortcut` is exactly what was typed;
 * 2. shortcuts that start with it;
 * 3. fuzzy matches (fuzzysort) on the title, then on categories, then on the text — a title match
 *    counts more than the same match in the text.
 * Ties keep the merged library's order (precedence, then title). An empty query lists everything.
 */
import fuzzysort from 'fuzzysort';
import { normalizeShortcut, type CannedResponse } from './response';

export const DEFAULT_RESULT_LIMIT = 50;

/** How much a match in each field counts (fuzzysort scores are 0..1). */
const FIELD_WEIGHTS = { title: 1, categories: 0.8, text: 0.6 } as const;

export interface SearchHit {
  response: CannedResponse;
  /** Higher is better; for ordering only. */
  score: number;
}

export function searchResponses(responses: readonly CannedResponse[], typed: string, limit = DEFAULT_RESULT_LIMIT): SearchHit[] {
  const query = typed.trim().replace(/^\/+/, '');
  if (!query) return responses.slice(0, limit).map((response) => ({ response, score: 0 }));
  const shortcut = normalizeShortcut(query) ?? '';
  const order = new Map(responses.map((r, i) => [r.key, i]));
  const scored = new Map<string, SearchHit>();
  const offer = (response: CannedResponse, score: number) => {
    const known = scored.get(response.key);
    if (!known || known.score < score) scored.set(response.key, { response, score });
  };
  for (const response of responses) {
    const own = normalizeShortcut(response.shortcut);
    if (own === shortcut) offer(response, 3);
    else if (own?.startsWith(shortcut)) offer(response, 2 + shortcut.length / own.length / 10);
  }
  const fuzzy = fuzzysort.go(query, responses, {
    keys: [(r) => r.title, (r) => r.categories.join(' '), (r) => r.text.slice(0, 2000)],
    // Low enough for letters left out as one types fast (`rst pswd`, `refnd`); weighted after.
    threshold: 0.15,
    limit: 0,
    scoreFn: (result) =>
      Math.max(
        (result[0]?.score ?? 0) * FIELD_WEIGHTS.title,
        (result[1]?.score ?? 0) * FIELD_WEIGHTS.categories,
        (result[2]?.score ?? 0) * FIELD_WEIGHTS.text,
      ),
  });
  for (const hit of fuzzy) offer(hit.obj, hit.score);
  return [...scored.values()]
    .sort((a, b) => b.score - a.score || order.get(a.response.key)! - order.get(b.response.key)!)
    .slice(0, limit);
}
