/**
 * The three libraries and their merge: the account's (LivePerson's documented example and the
 * emulator's set, through the real client), the fleet's (managed storage) and the agent's own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../../src/api';
import type { PredefinedCategory, PredefinedContentItem } from '../../../src/api/types';
import { accountResponses, pickTranslation } from '../../../src/features/canned-responses/account-library';
import { fleetResponses } from '../../../src/features/canned-responses/fleet-library';
import { mergeLibraries } from '../../../src/features/canned-responses/merge';
import type { CannedResponse } from '../../../src/features/canned-responses/response';
import { looksLikeHtml } from '../../../src/features/canned-responses/response';
import { PREDEFINED_CATEGORIES, PREDEFINED_CONTENT } from '../../emulator/predefined-content';

/** The emulator's data set, read by the real client (so the shapes are the client's, not hand-made). */
async function emulatorLibrary(): Promise<{ items: PredefinedContentItem[]; categories: PredefinedCategory[] }> {
  const body = (value: unknown) => (async () => new Response(JSON.stringify(value), { status: 200 })) as typeof fetch;
  const address = { origin: 'https://va.ac.liveperson.net', accountId: '1' };
  const items = await createLivePersonClient({ fetch: body(PREDEFINED_CONTENT) }).accountConfig({ bearer: 'b' }).getPredefinedContent(address);
  const categories = await createLivePersonClient({ fetch: body(PREDEFINED_CATEGORIES) }).accountConfig({ bearer: 'b' }).getPredefinedCategories(address);
  if (!items.ok || !categories.ok) throw new Error('the emulator data set did not parse');
  return { items: items.value.items, categories: categories.value.categories };
}

const response = (over: Partial<CannedResponse> & Pick<CannedResponse, 'key' | 'source'>): CannedResponse => ({
  title: over.key,
  text: `text of ${over.key}`,
  format: 'plain',
  categories: [],
  skillIds: [],
  ...over,
});

describe('account library (Predefined Content)', () => {
  it('reads LivePerson’s documented example in the agent’s language', async () => {
    const body = readFileSync(new URL('../../fixtures/liveperson/predefined-content-items.json', import.meta.url), 'utf8');
    const fetch = (async () => new Response(body, { status: 200 })) as typeof globalThis.fetch;
    const content = await createLivePersonClient({ fetch }).accountConfig({ bearer: 'b' }).getPredefinedContent({ origin: 'https://va.ac.liveperson.net', accountId: '1' });
    if (!content.ok) throw new Error(content.error.message);
    const hebrew = accountResponses(content.value.items, [], ['he-IL']);
    expect(hebrew.map((r) => [r.title, r.text, r.lang])).toEqual([
      ['משפט פתיחה', '!שלום', 'he-il'],
      ['משפט סגירה', 'תודה ושלום', 'he'],
    ]);
    expect(accountResponses(content.value.items, [], ['en-GB']).map((r) => r.text)).toEqual(['Hello, how can I help you?', 'Thank you for chatting with me!']);
  });

  it('leaves out deleted, disabled and non-text items, names categories, flags the HTML item', async () => {
    const { items, categories } = await emulatorLibrary();
    const withDeleted = [...items, { ...items[0]!, id: 'gone', deleted: true }, { ...items[0]!, id: 'video', type: 3 }];
    const responses = accountResponses(withDeleted, categories, ['en-US']);
    const titles = responses.map((r) => r.title);
    expect(titles).not.toContain('Holiday hours');
    expect(titles).toHaveLength(6);
    expect(responses.map((r) => r.key)).not.toContain('account:gone');
    expect(responses.map((r) => r.key)).not.toContain('account:video');
    expect(responses.find((r) => r.title === 'Refund policy')?.categories).toEqual(['Orders and shipping', 'Account and billing']);
    expect(responses.filter((r) => r.format === 'html').map((r) => r.title)).toEqual(['Reset password']);
  });

  it('picks the exact language, then the same language elsewhere, then the first translation', () => {
    const texts = [
      { lang: 'en-US', title: 'Hi', msg: 'Hi', isDefault: false },
      { lang: 'es-ES', title: 'Hola', msg: 'Hola', isDefault: false },
    ];
    expect(pickTranslation(texts, ['es-es'])?.msg).toBe('Hola');
    expect(pickTranslation(texts, ['es-MX'])?.msg).toBe('Hola');
    expect(pickTranslation(texts, ['fr-FR', 'es'])?.msg).toBe('Hola');
    expect(pickTranslation(texts, ['fr-FR'])?.msg).toBe('Hi');
    expect(pickTranslation([], ['fr'])).toBeUndefined();
  });

  it('recognises HTML by its tags or entities', () => {
    expect(looksLikeHtml('<p>Hi</p>')).toBe(true);
    expect(looksLikeHtml('Fish &amp; chips')).toBe(true);
    expect(looksLikeHtml('2 < 3 and 4 > 1')).toBe(false);
    expect(looksLikeHtml('Hello')).toBe(false);
  });
});

describe('fleet library (managed storage)', () => {
  it('reads valid entries and drops invalid ones one by one, saying why', () => {
    const { responses, problems } = fleetResponses([
      { id: 'greet', title: 'Greeting', text: 'Welcome to ACME, {visitorName}!', shortcut: '/Greet' },
      { id: 'legal', title: 'Terms', text: '<a href="https://acme.example/terms">Our terms</a>', skillIds: [1] },
      { title: '', text: 'no title' },
      { id: 'greet', title: 'Again', text: 'duplicate id' },
      'nonsense',
      { title: 'Extra', text: 'x', colour: 'red' },
    ]);
    expect(responses.map((r) => [r.key, r.shortcut, r.format, r.skillIds])).toEqual([
      ['fleet:greet', 'greet', 'plain', []],
      ['fleet:legal', undefined, 'html', ['1']],
    ]);
    expect(problems).toEqual([
      'cannedResponses[2] title: needs a title',
      'cannedResponses[3]: id greet appears twice',
      'cannedResponses[4] title: Invalid input: expected string, received undefined',
      'cannedResponses[4] text: Invalid input: expected string, received undefined',
      expect.stringMatching(/^cannedResponses\[5\]: Unrecognized key/),
    ]);
  });

  it('is empty without a policy, and says so when the value is not a list', () => {
    expect(fleetResponses(undefined)).toEqual({ responses: [], problems: [] });
    expect(fleetResponses({ title: 'x' }).problems).toEqual(['cannedResponses: the policy value is not a list']);
  });
});

describe('mergeLibraries', () => {
  it('lists fleet, then account, then personal, each by title', () => {
    const merged = mergeLibraries({
      personal: [response({ key: 'personal:b', source: 'personal', title: 'B' }), response({ key: 'personal:a', source: 'personal', title: 'A' })],
      account: [response({ key: 'account:z', source: 'account', title: 'Z' })],
      fleet: [response({ key: 'fleet:m', source: 'fleet', title: 'M' })],
    });
    expect(merged.responses.map((r) => r.key)).toEqual(['fleet:m', 'account:z', 'personal:a', 'personal:b']);
  });

  it('lists the same text once, from the higher library', () => {
    const merged = mergeLibraries({
      account: [response({ key: 'account:1', source: 'account', text: 'Thank you  for chatting!' })],
      personal: [response({ key: 'personal:1', source: 'personal', text: 'thank you for chatting!' })],
    });
    expect(merged.responses.map((r) => r.key)).toEqual(['account:1']);
  });

  it('gives a clashing shortcut to the higher library and reports the clash', () => {
    const fleet = response({ key: 'fleet:g', source: 'fleet', shortcut: 'greet' });
    const mine = response({ key: 'personal:g', source: 'personal', shortcut: 'Greet' });
    const merged = mergeLibraries({ fleet: [fleet], personal: [mine] });
    expect(merged.responses.map((r) => [r.key, r.shortcut])).toEqual([
      ['fleet:g', 'greet'],
      ['personal:g', undefined],
    ]);
    expect(merged.clashes).toEqual([{ shortcut: 'greet', keptBy: fleet, lostBy: mine }]);
  });

  it('leaves out responses for other skills when the chat’s skill is known', async () => {
    const { items, categories } = await emulatorLibrary();
    const account = accountResponses(items, categories, ['en-US']);
    const titles = (skillId?: string) => mergeLibraries({ account }, { skillId }).responses.map((r) => r.title);
    expect(titles('2')).toContain('Reset password');
    expect(titles('2')).not.toContain('Order status');
    expect(titles('1')).toContain('Order status');
    expect(titles('1')).not.toContain('Reset password');
    expect(titles(undefined)).toEqual(expect.arrayContaining(['Order status', 'Reset password']));
    expect(titles('1')).toEqual(expect.arrayContaining(['Greeting', 'Closing', 'Refund policy']));
  });
});
