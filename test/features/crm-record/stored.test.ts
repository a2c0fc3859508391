/** The agent's own record-link templates in storage, re-checked when read. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ownCrmRecordSettingsItem, readOwnCrmRecordSettings, saveOwnCrmRecordSettings } from '../../../src/features/crm-record/stored';

beforeEach(() => fakeBrowser.reset());

describe('stored record links', () => {
  it('round-trip without locks; an entry that points elsewhere is left out with its reason', async () => {
    await saveOwnCrmRecordSettings([{ match: 'https://crm.example.com', template: 'https://crm.example.com/s?q={email}', locked: true }]);
    expect((await readOwnCrmRecordSettings()).values).toEqual([{ match: 'https://crm.example.com', template: 'https://crm.example.com/s?q={email}', locked: undefined }]);
    await ownCrmRecordSettingsItem.setValue([{ match: 'https://crm.example.com', template: 'https://evil.example/?q={email}' }]);
    expect(await readOwnCrmRecordSettings()).toEqual({
      values: [],
      problems: ['Stored record link 1 was left out: The template opens https://evil.example, which is not the site https://crm.example.com.'],
    });
  });
});
