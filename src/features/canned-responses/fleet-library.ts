/**
 * The fleet's library: canned responses an administrator deploys to every agent through managed
 * storage (the policy key `cannedResponses`, see src/settings/policy.ts and
 * public/managed_schema.json). Like every policy key, an invalid entry is dropped on its own,
 * with a sentence for the options page, and never takes the others with it.
 */
import { describeIssues, responseEntrySchema } from './entry-schema';
import { looksLikeHtml, type CannedResponse } from './response';

export const MAX_FLEET_RESPONSES = 1000;

export function fleetResponses(policyValue: unknown): { responses: CannedResponse[]; problems: string[] } {
  if (policyValue === undefined) return { responses: [], problems: [] };
  if (!Array.isArray(policyValue)) return { responses: [], problems: ['cannedResponses: the policy value is not a list'] };
  const problems: string[] = [];
  const responses: CannedResponse[] = [];
  const seenIds = new Set<string>();
  policyValue.slice(0, MAX_FLEET_RESPONSES).forEach((raw, index) => {
    // `id` is the administrator's own stable name for the entry; the rest is a response entry.
    const { id, ...entry } = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : { id: undefined };
    const parsed = responseEntrySchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(...describeIssues(parsed.error, `cannedResponses[${index}]`));
      return;
    }
    const key = typeof id === 'string' || typeof id === 'number' ? String(id) : String(index);
    if (seenIds.has(key)) {
      problems.push(`cannedResponses[${index}]: id ${key} appears twice`);
      return;
    }
    seenIds.add(key);
    const r = parsed.data;
    responses.push({
      key: `fleet:${key}`,
      source: 'fleet',
      title: r.title,
      text: r.text,
      format: r.format ?? (looksLikeHtml(r.text) ? 'html' : 'plain'),
      shortcut: r.shortcut,
      lang: r.lang,
      categories: r.categories,
      skillIds: r.skillIds,
    });
  });
  if (policyValue.length > MAX_FLEET_RESPONSES) problems.push(`cannedResponses: only the first ${MAX_FLEET_RESPONSES} entries are used`);
  return { responses, problems };
}
