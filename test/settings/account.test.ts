/**
 * The saved account (where the sign-in forms send the password) lives where no content script can
 * write it: the extension origin's IndexedDB (issue #19 M1). A content script can write
 * storage.local; here such a write is made with fakeBrowser, as it would land.
 */
import 'fake-indexeddb/auto';
import { clear, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountSettings, livePersonAccount, LIVEPERSON_CSDS_URL, moveAccountFromStorageLocal, parseAccount } from '../../src/settings/account';
import { trustedItem, trustedStore, TRUSTED_DB } from '../../src/settings/trusted-item';

const SAVED = { csdsUrl: 'https://api.liveperson.net', accountId: '12345678', username: 'agent1' };
const FORGED = { csdsUrl: 'https://login.evil.example', accountId: '666', username: 'mallory' };
const FORGED_LIVEPERSON = { csdsUrl: 'https://api.liveperson.net', accountId: '99999999', username: 'mallory' };
const NOTHING_SAVED = { csdsUrl: LIVEPERSON_CSDS_URL, accountId: '', username: '' };

beforeEach(async () => {
  fakeBrowser.reset();
  await clear(trustedStore());
});

describe('the saved account', () => {
  it('is kept in IndexedDB, not in storage.local', async () => {
    await accountSettings.setValue(SAVED);
    expect(await accountSettings.getValue()).toEqual(SAVED);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('ignores a content script’s write to storage.local, with or without an account saved', async () => {
    expect(await accountSettings.getValue()).toEqual(NOTHING_SAVED);
    await fakeBrowser.storage.local.set({ account: FORGED_LIVEPERSON, 'account-liveperson': FORGED_LIVEPERSON });
    expect(await accountSettings.getValue()).toEqual(NOTHING_SAVED);
    expect(await livePersonAccount.getValue()).toEqual(NOTHING_SAVED);

    await accountSettings.setValue(SAVED);
    await fakeBrowser.storage.local.set({ account: FORGED_LIVEPERSON });
    expect(await accountSettings.getValue()).toEqual(SAVED);
  });

  it('reads what it stored as untrusted input: an invalid value or a non-LivePerson host is not proposed', async () => {
    expect(parseAccount(SAVED)).toEqual(SAVED);
    expect(parseAccount(FORGED)).toBeUndefined();
    expect(parseAccount({ csdsUrl: 'not a url', accountId: '1', username: 'a' })).toBeUndefined();
    expect(parseAccount('account')).toBeUndefined();
    // The unit tests run as the sandbox build does: loopback is the emulator's.
    expect(parseAccount({ ...SAVED, csdsUrl: 'http://127.0.0.1:8090' })).toBeDefined();
  });

  it('tells every watcher after a write, in this page and in others (the ping carries no value)', async () => {
    const seen: unknown[] = [];
    const stop = accountSettings.watch((value) => seen.push(value));
    await accountSettings.setValue(SAVED);
    await expect.poll(() => seen).toEqual([SAVED]);

    // Another context writes to the database and pings: the watcher reads the database again.
    const other = trustedItem('account', NOTHING_SAVED, { parse: parseAccount });
    await other.setValue({ ...SAVED, username: 'agent2' });
    await expect.poll(() => seen.at(-1)).toEqual({ ...SAVED, username: 'agent2' });
    // A bare ping after a write it did not see: the watcher reads the database, and tells the change.
    await set('account', { ...SAVED, username: 'agent3' }, trustedStore());
    const channel = new BroadcastChannel(TRUSTED_DB.channel);
    channel.postMessage('account');
    channel.close();
    await expect.poll(() => seen.at(-1)).toEqual({ ...SAVED, username: 'agent3' });
    // Each value once, however often it was heard (the writer's own call and its ping).
    expect(seen).toEqual([SAVED, { ...SAVED, username: 'agent2' }, { ...SAVED, username: 'agent3' }]);
    stop();
  });
});

describe('moving the account out of storage.local', () => {
  it('moves both saved accounts once, then deletes them from storage.local', async () => {
    const own = { ...SAVED, accountId: '11111111' };
    await fakeBrowser.storage.local.set({ account: SAVED, 'account-liveperson': own, siteRules: [] });
    await moveAccountFromStorageLocal();
    expect(await accountSettings.getValue()).toEqual(SAVED);
    expect(await livePersonAccount.getValue()).toEqual(own);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ siteRules: [] });

    // Once moved, storage.local is not read again.
    await fakeBrowser.storage.local.set({ account: FORGED_LIVEPERSON });
    await moveAccountFromStorageLocal();
    expect(await accountSettings.getValue()).toEqual(SAVED);
  });

  it('happens on the first read, whichever page comes first', async () => {
    await fakeBrowser.storage.local.set({ account: SAVED });
    expect(await accountSettings.getValue()).toEqual(SAVED);
    expect(await fakeBrowser.storage.local.get('account')).toEqual({});
  });

  it('drops an old value naming a host that is not LivePerson’s, and keeps one already in IndexedDB', async () => {
    await fakeBrowser.storage.local.set({ account: FORGED });
    expect(await accountSettings.getValue()).toEqual(NOTHING_SAVED);
    expect(await fakeBrowser.storage.local.get('account')).toEqual({});

    await clear(trustedStore());
    await trustedItem('account', NOTHING_SAVED, { parse: parseAccount }).setValue(SAVED);
    await fakeBrowser.storage.local.set({ account: FORGED_LIVEPERSON });
    await Promise.all([moveAccountFromStorageLocal(), moveAccountFromStorageLocal(), accountSettings.getValue()]);
    expect(await accountSettings.getValue()).toEqual(SAVED);
  });
});
