/**
 * The agent's own record-link templates in storage.local: a versioned WXT item from the first
 * version, each entry checked again when read (one bad entry is reported, the rest kept).
 */
import { storage } from 'wxt/utils/storage';
import { crmRecordSettingSchema, type CrmRecordSetting } from './settings';

export const ownCrmRecordSettingsItem = storage.defineItem<unknown[]>('local:crmRecordTemplates', { fallback: [], version: 1 });

export async function readOwnCrmRecordSettings(): Promise<{ values: CrmRecordSetting[]; problems: string[] }> {
  const values: CrmRecordSetting[] = [];
  const problems: string[] = [];
  const stored = await ownCrmRecordSettingsItem.getValue();
  (Array.isArray(stored) ? stored : []).forEach((raw, i) => {
    const parsed = crmRecordSettingSchema.safeParse(raw);
    if (parsed.success) values.push({ ...parsed.data, locked: undefined });
    else problems.push(`Stored record link ${i + 1} was left out: ${(parsed.error.issues[0]?.message ?? 'not a record link').replace(/\.$/, '')}.`);
  });
  return { values, problems };
}

export async function saveOwnCrmRecordSettings(settings: readonly CrmRecordSetting[]): Promise<void> {
  await ownCrmRecordSettingsItem.setValue(settings.map(({ locked: _locked, ...setting }) => setting));
}
