/** Loading the account's library for the panel: over HTTP from the emulator, and when a part fails. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CONFIG_SERVICE, createLivePersonClient } from '../../../src/api';
import { loadAccountLibrary } from '../../../src/features/canned-responses/account-loader';
import { ACCOUNT, signedIn, unwrap, type SignedIn } from '../../api/support';
import { PREDEFINED_CONTENT_REVISION } from '../../emulator/predefined-content';

const address = { origin: 'https://va.ac.liveperson.net', accountId: '12345678' };
const documentedItems = readFileSync(new URL('../../fixtures/liveperson/predefined-content-items.json', import.meta.url), 'utf8');

describe('the account library for the panel (loadAccountLibrary), over HTTP', () => {
  let s: SignedIn | undefined;
  afterEach(async () => {
    await s?.emulator.close();
    s = undefined;
  });

  it('loads the emulator’s library as canned responses in the agent’s language, with category names', async () => {
    s = await signedIn();
    const origin = unwrap(await s.client.domain.lookup({ csdsUrl: s.emulator.baseUrl, accountId: ACCOUNT, service: ACCOUNT_CONFIG_SERVICE }));
    const library = unwrap(await loadAccountLibrary(s.client.accountConfig({ bearer: s.login.bearer }), { origin, accountId: ACCOUNT }, ['es-ES', 'en-US']));
    expect(library.revision).toBe(PREDEFINED_CONTENT_REVISION);
    expect(library.warnings).toEqual([]);
    const byKey = new Map(library.responses.map((r) => [r.key, r]));
    expect(byKey.get('account:3400001')).toMatchObject({ title: 'Saludo', lang: 'es-ES', categories: ['Greetings'], format: 'plain' });
    expect(byKey.get('account:3400004')).toMatchObject({ title: 'Reset password', lang: 'en-US', format: 'html', skillIds: ['2'] });
    expect(byKey.has('account:3400007')).toBe(false);
    expect(byKey.has('account:3400008')).toBe(false);
  });

  it('still serves the items when the categories fail, and fails when the items do', async () => {
    const items = unwrap(await createLivePersonClient({ fetch: (async () => new Response(documentedItems, { status: 200 })) as typeof fetch }).accountConfig({ bearer: 'b' }).getPredefinedContent(address));
    const failing = { message: 'LivePerson answered 500', kind: 'http' as const, status: 500 };
    const api = {
      getPredefinedContent: async () => ({ ok: true as const, value: items }),
      getPredefinedCategories: async () => ({ ok: false as const, error: failing }),
    };
    const library = unwrap(await loadAccountLibrary(api, address, ['en-US']));
    expect(library.responses.map((r) => r.title)).toEqual(['Hello', 'Closing']);
    expect(library.warnings).toEqual(['Predefined categories: LivePerson answered 500']);
    const down = await loadAccountLibrary({ ...api, getPredefinedContent: async () => ({ ok: false as const, error: failing }) }, address, ['en']);
    expect(down).toEqual({ ok: false, error: failing });
  });
});
