/**
 * Predefined Content and Categories: the client against LivePerson's documented examples
 * (test/fixtures/liveperson/, through an injected fetch) and against the emulator over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CONFIG_SERVICE, createLivePersonClient } from '../../src/api';
import { PREDEFINED_CONTENT_REVISION } from '../emulator/predefined-content';
import { ACCOUNT, signedIn, unwrap, type SignedIn } from './support';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/liveperson/${name}`, import.meta.url), 'utf8');

/** A fetch that answers every request with `body`, and remembers what was asked. */
function answering(body: string, headers: Record<string, string> = {}, status = 200) {
  const seen: Array<{ url: string; headers: Headers }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input instanceof Request ? input.url : input), headers: new Headers(init?.headers) });
    return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const address = { origin: 'https://va.ac.liveperson.net', accountId: '12345678' };

describe('against LivePerson’s documented examples', () => {
  it('reads the Get Predefined Content Items example, both hotkey spellings included', async () => {
    const { fetch, seen } = answering(fixture('predefined-content-items.json'), { 'ac-revision': '1234' });
    const api = createLivePersonClient({ fetch }).accountConfig({ bearer: 'the-bearer' });
    const content = unwrap(await api.getPredefinedContent({ ...address, langs: ['en-US', 'he-IL'], skillIds: ['4'] }));
    expect(content.revision).toBe('1234');
    expect(content.unreadable).toBe(0);
    expect(content.items).toEqual([
      {
        id: '18799',
        deleted: false,
        enabled: true,
        type: 0,
        hotkey: { prefix: 'a', suffix: '9' },
        texts: [
          { msg: 'Hello, how can I help you?', lang: 'en-us', title: 'Hello', isDefault: false },
          { msg: '!שלום', lang: 'he-il', title: 'משפט פתיחה', isDefault: false },
        ],
        categoryIds: ['234', '5674', '4', '3'],
        skillIds: ['234', '5674', '4', '3'],
      },
      expect.objectContaining({ id: '2', hotkey: { prefix: 'b', suffix: '9' }, categoryIds: ['13', '22', '46'] }),
    ]);
    const url = new URL(seen[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://va.ac.liveperson.net/api/account/12345678/configuration/engagement-window/canned-responses');
    expect(Object.fromEntries(url.searchParams)).toEqual({ v: '2.0', lang: 'en-US,he-IL', skill_ids: '4' });
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer the-bearer');
  });

  it('reads the appendix’s entity example, sent alone (a list of one)', async () => {
    const { fetch } = answering(fixture('predefined-content-entity.json'));
    const content = unwrap(await createLivePersonClient({ fetch }).accountConfig({ bearer: 'b' }).getPredefinedContent(address));
    expect(content.items.map((i) => i.id)).toEqual(['18799']);
    expect(content.revision).toBeUndefined();
  });

  it('reads the Categories List example', async () => {
    const { fetch, seen } = answering(fixture('predefined-categories.json'), { 'ac-revision': '77' });
    const result = unwrap(await createLivePersonClient({ fetch }).accountConfig({ bearer: 'b' }).getPredefinedCategories(address));
    expect(result).toEqual({
      revision: '77',
      categories: [
        { id: '1', name: 'iPhone4', deleted: false, order: 1 },
        { id: '2', name: 'iPhone5', deleted: false, order: 2 },
      ],
    });
    expect(new URL(seen[0]!.url).pathname).toBe('/api/account/12345678/configuration/le-categories/categories');
  });

  it('is tolerant like LivePerson: absent optional parts, numbers and booleans as strings, skillsIds', async () => {
    const odd = [
      { id: '7', data: { msg: 'Only a message', lang: 'en-US' }, hotkey: { prefix: 'alt' } },
      { id: 8, deleted: 'false', enabled: 'false', type: '0', data: [{ msg: 'Hi', title: 'Hi', lang: 'en-US', isDefault: 'true' }, { title: 'no msg' }], skillsIds: ['3'] },
      { deleted: false, data: [] },
      'not an item',
    ];
    const { fetch } = answering(JSON.stringify(odd));
    const content = unwrap(await createLivePersonClient({ fetch }).accountConfig({ bearer: 'b' }).getPredefinedContent(address));
    expect(content.unreadable).toBe(2);
    expect(content.items).toEqual([
      { id: '7', deleted: false, enabled: true, type: 0, hotkey: undefined, texts: [{ msg: 'Only a message', lang: 'en-US', title: '', isDefault: false }], categoryIds: [], skillIds: [] },
      { id: '8', deleted: false, enabled: false, type: 0, hotkey: undefined, texts: [{ msg: 'Hi', title: 'Hi', lang: 'en-US', isDefault: true }], categoryIds: [], skillIds: ['3'] },
    ]);
  });

  it('returns errors as values: 403, a body that is not JSON, an unreachable host', async () => {
    const forbidden = answering(JSON.stringify({ error: { message: 'Not Authorized' } }), {}, 403);
    const refused = await createLivePersonClient({ fetch: forbidden.fetch }).accountConfig({ bearer: 'b' }).getPredefinedContent(address);
    expect(refused.ok || refused.error).toMatchObject({ status: 403, message: expect.stringContaining('Not Authorized') });
    const html = answering('<html>oops</html>');
    const bad = await createLivePersonClient({ fetch: html.fetch }).accountConfig({ bearer: 'b' }).getPredefinedCategories(address);
    expect(bad.ok || bad.error.kind).toBe('bad-response');
    const down = await createLivePersonClient({ timeoutMs: 2000, allowLoopback: true }).accountConfig({ bearer: 'b' }).getPredefinedContent({ origin: 'http://127.0.0.1:9', accountId: ACCOUNT });
    expect(down.ok || down.error.kind).toBe('network');
  });
});

describe('against the emulator over HTTP', () => {
  let ctx: SignedIn | undefined;
  afterEach(async () => {
    await ctx?.emulator.close();
    ctx = undefined;
  });

  async function accountConfig(s: SignedIn) {
    const origin = unwrap(await s.client.domain.lookup({ csdsUrl: s.emulator.baseUrl, accountId: ACCOUNT, service: ACCOUNT_CONFIG_SERVICE }));
    return { origin, api: s.client.accountConfig({ bearer: s.login.bearer }) };
  }

  it('finds accountConfigReadOnly through CSDS and in the login’s service list', async () => {
    ctx = await signedIn();
    expect(ctx.login.serviceOrigins[ACCOUNT_CONFIG_SERVICE]).toBe(ctx.emulator.baseUrl);
    expect((await accountConfig(ctx)).origin).toBe(ctx.emulator.baseUrl);
  });

  it('lists the account’s items without deleted ones, with the revision, and filters by language and skill', async () => {
    ctx = await signedIn();
    const { origin, api } = await accountConfig(ctx);
    const all = unwrap(await api.getPredefinedContent({ origin, accountId: ACCOUNT }));
    expect(all.revision).toBe(PREDEFINED_CONTENT_REVISION);
    expect(all.items.some((i) => i.deleted)).toBe(false);
    expect(all.items.find((i) => i.texts[0]?.title === 'Holiday hours')?.enabled).toBe(false);
    expect(all.items.find((i) => i.texts[0]?.title === 'Reset password')?.texts[0]?.msg).toContain('<a href=');
    expect(all.items.find((i) => i.id === '3400002')?.hotkey).toEqual({ prefix: 'alt', suffix: '2' });

    const withDeleted = unwrap(await api.getPredefinedContent({ origin, accountId: ACCOUNT, includeDeleted: true }));
    expect(withDeleted.items.filter((i) => i.deleted).map((i) => i.texts[0]?.title)).toEqual(['Summer sale']);

    const spanish = unwrap(await api.getPredefinedContent({ origin, accountId: ACCOUNT, langs: ['es-es'] }));
    expect(spanish.items.length).toBeGreaterThan(1);
    expect(spanish.items.every((i) => i.texts.every((t) => t.lang === 'es-ES'))).toBe(true);

    const support = unwrap(await api.getPredefinedContent({ origin, accountId: ACCOUNT, skillIds: ['2'] }));
    expect(support.items.every((i) => i.skillIds.length === 0 || i.skillIds.includes('2'))).toBe(true);
    expect(support.items.map((i) => i.texts[0]?.title)).not.toContain('Order status');
  });

  it('lists categories, the deleted one only on request', async () => {
    ctx = await signedIn();
    const { origin, api } = await accountConfig(ctx);
    const live = unwrap(await api.getPredefinedCategories({ origin, accountId: ACCOUNT }));
    expect(live.categories.map((c) => c.name)).toEqual(['Greetings', 'Orders and shipping', 'Account and billing', 'Closings']);
    const all = unwrap(await api.getPredefinedCategories({ origin, accountId: ACCOUNT, includeDeleted: true }));
    expect(all.categories.find((c) => c.deleted)?.name).toBe('Summer sale 2025');
  });

  it('refuses a missing or expired bearer (401), as every LivePerson API does', async () => {
    ctx = await signedIn();
    const { origin } = await accountConfig(ctx);
    const stranger = await createLivePersonClient({ allowLoopback: true }).accountConfig({ bearer: 'not-a-bearer' }).getPredefinedContent({ origin, accountId: ACCOUNT });
    expect(stranger.ok || stranger.error.kind).toBe('auth-expired');
    await fetch(`${ctx.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    const expired = await ctx.client.accountConfig({ bearer: ctx.login.bearer }).getPredefinedCategories({ origin, accountId: ACCOUNT });
    expect(expired.ok || expired.error.kind).toBe('auth-expired');
  });

  it('answers 400 without the required version, as the appendix documents', async () => {
    ctx = await signedIn();
    const response = await fetch(`${ctx.emulator.baseUrl}/api/account/${ACCOUNT}/configuration/engagement-window/canned-responses`, {
      headers: { Authorization: `Bearer ${ctx.login.bearer}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('version') } });
  });

  it('groups by category on request (group_by=CATEGORIES), an item in each of its categories', async () => {
    ctx = await signedIn();
    const response = await fetch(`${ctx.emulator.baseUrl}/api/account/${ACCOUNT}/configuration/engagement-window/canned-responses?v=2.0&group_by=CATEGORIES`, {
      headers: { Authorization: `Bearer ${ctx.login.bearer}` },
    });
    const groups = (await response.json()) as Record<string, Array<{ id: number }>>;
    expect(groups['3100002']?.map((i) => i.id)).toEqual([3400003, 3400005]);
    expect(groups['3100003']?.map((i) => i.id)).toEqual([3400004, 3400005]);
  });
});
