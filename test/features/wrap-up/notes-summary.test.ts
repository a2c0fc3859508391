/** The on-device summary for the notes: offered only where the browser has the Summarizer API. */
import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_INPUT, NOTES_SUMMARY_OPTIONS, summarizeForNotes, summarizerIn, summaryOffer, type SummarizerApi } from '../../../src/features/wrap-up/notes-summary';

function fake(availability: string, behaviour: (text: string) => Promise<string> = async (t) => `  Summary of ${t.length} chars.  `) {
  const calls: { availability: unknown[]; create: unknown[]; inputs: string[]; destroyed: number } = { availability: [], create: [], inputs: [], destroyed: 0 };
  const api: SummarizerApi = {
    availability: async (options) => {
      calls.availability.push(options);
      return availability;
    },
    create: async (options) => {
      calls.create.push(options);
      return {
        summarize: async (text) => {
          calls.inputs.push(text);
          return behaviour(text);
        },
        destroy: () => void calls.destroyed++,
      };
    },
  };
  return { api, calls };
}

describe('offer', () => {
  it('follows the browser: none without the API, ready, or after a download the agent starts', async () => {
    expect(summarizerIn({})).toBeUndefined();
    expect(await summaryOffer(undefined)).toBe('none');
    expect(await summaryOffer(fake('available').api)).toBe('ready');
    expect(await summaryOffer(fake('downloadable').api)).toBe('needs-download');
    expect(await summaryOffer(fake('downloading').api)).toBe('needs-download');
    expect(await summaryOffer(fake('unavailable').api)).toBe('none');
    const broken: SummarizerApi = { availability: () => Promise.reject(new Error('x')), create: () => Promise.reject(new Error('x')) };
    expect(await summaryOffer(broken)).toBe('none');
    const { api } = fake('available');
    expect(summarizerIn({ Summarizer: api })).toBe(api);
  });
});

describe('summarizing', () => {
  it('asks with the same options as availability, trims, and frees the session', async () => {
    const { api, calls } = fake('available');
    await summaryOffer(api);
    expect(await summarizeForNotes(api, ' hello ')).toEqual({ ok: true, summary: 'Summary of 5 chars.' });
    expect(calls.create[0]).toMatchObject(calls.availability[0] as object);
    expect(calls.availability[0]).toEqual(NOTES_SUMMARY_OPTIONS);
    expect(calls.destroyed).toBe(1);
  });

  it('sends the most recent part of a long chat', async () => {
    const { api, calls } = fake('available');
    await summarizeForNotes(api, `${'a'.repeat(MAX_SUMMARY_INPUT)}END`);
    expect(calls.inputs[0]).toHaveLength(MAX_SUMMARY_INPUT);
    expect(calls.inputs[0]!.endsWith('END')).toBe(true);
  });

  it('says what went wrong, in words', async () => {
    const error = (name: string) => async () => {
      const e = new Error('boom');
      e.name = name;
      throw e;
    };
    expect(await summarizeForNotes(fake('available').api, '  ')).toEqual({ ok: false, reason: 'There is nothing to summarize yet.' });
    expect(await summarizeForNotes(fake('available', error('NotAllowedError')).api, 'x')).toMatchObject({ ok: false, reason: expect.stringMatching(/needs a click/) });
    expect(await summarizeForNotes(fake('available', error('AbortError')).api, 'x')).toEqual({ ok: false, reason: 'Summary cancelled.' });
    expect(await summarizeForNotes(fake('available', error('OperationError')).api, 'x')).toEqual({ ok: false, reason: 'The browser could not summarize this chat (boom).' });
    expect(await summarizeForNotes(fake('available', async () => ' ').api, 'x')).toMatchObject({ ok: false, reason: expect.stringMatching(/returned nothing/) });
  });
});
