/**
 * A short summary of the chat for the wrap-up notes, made on the agent's machine by the browser's
 * built-in Summarizer API (Chrome 138+, https://developer.chrome.com/docs/ai/summarizer-api), and
 * only offered where it exists: there is no server fallback, so no transcript leaves the machine
 * for this. The summary is a draft the agent edits before it is used. `availability()` and
 * `create()` get the same options, as the API asks; a model still to download needs a user
 * gesture, so the card asks first ("needs-download") and creates on the click.
 */

export type SummarizerAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface SummarizerSession {
  summarize(text: string, options?: { context?: string; signal?: AbortSignal }): Promise<string>;
  destroy?(): void;
}

/** The part of the API we use (the global `Summarizer`). */
export interface SummarizerApi {
  availability(options: SummaryOptions): Promise<SummarizerAvailability | string>;
  create(options: SummaryOptions & { signal?: AbortSignal }): Promise<SummarizerSession>;
}

export interface SummaryOptions {
  type: 'key-points' | 'tldr' | 'teaser' | 'headline';
  format: 'plain-text' | 'markdown';
  length: 'short' | 'medium' | 'long';
  sharedContext?: string;
}

export const NOTES_SUMMARY_OPTIONS: SummaryOptions = {
  type: 'tldr',
  format: 'plain-text',
  length: 'short',
  sharedContext: 'A customer-service chat between a website visitor and a support agent.',
};

/** The most recent part of long chats: the model's input is limited. */
export const MAX_SUMMARY_INPUT = 12_000;

export type SummaryOffer = 'none' | 'ready' | 'needs-download';

export function summarizerIn(scope: object = globalThis): SummarizerApi | undefined {
  const api = (scope as { Summarizer?: SummarizerApi }).Summarizer;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : undefined;
}

/** Whether the card shows "Summarize": ready, after a download the agent starts, or not at all. */
export async function summaryOffer(api: SummarizerApi | undefined): Promise<SummaryOffer> {
  if (!api) return 'none';
  try {
    const availability = await api.availability(NOTES_SUMMARY_OPTIONS);
    if (availability === 'available') return 'ready';
    if (availability === 'downloadable' || availability === 'downloading') return 'needs-download';
    return 'none';
  } catch {
    return 'none';
  }
}

/** Summarizes the transcript; call it from the agent's click. Failures are sentences. */
export async function summarizeForNotes(
  api: SummarizerApi,
  transcript: string,
  signal?: AbortSignal,
): Promise<{ ok: true; summary: string } | { ok: false; reason: string }> {
  const text = transcript.trim();
  if (!text) return { ok: false, reason: 'There is nothing to summarize yet.' };
  const input = text.length > MAX_SUMMARY_INPUT ? text.slice(-MAX_SUMMARY_INPUT) : text;
  let session: SummarizerSession | undefined;
  try {
    session = await api.create({ ...NOTES_SUMMARY_OPTIONS, signal });
    const summary = (await session.summarize(input, { signal })).trim();
    return summary ? { ok: true, summary } : { ok: false, reason: 'The summarizer returned nothing; write the notes yourself.' };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'AbortError') return { ok: false, reason: 'Summary cancelled.' };
    if (name === 'NotAllowedError') return { ok: false, reason: 'The browser needs a click to download its summary model; press Summarize again.' };
    return { ok: false, reason: `The browser could not summarize this chat (${error instanceof Error ? error.message : String(error)}).` };
  } finally {
    session?.destroy?.();
  }
}
