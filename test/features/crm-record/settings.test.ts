/** The record template as a per-site setting: schema, fleet policy with locks, which one applies. */
import { describe, expect, it } from 'vitest';
import {
  crmRecordSettingFor,
  crmRecordSettingSchema,
  crmRecordSettingsFromPolicy,
  mergeCrmRecordSettings,
  setOwnCrmRecordSetting,
} from '../../../src/features/crm-record/settings';

const own = [{ match: 'https://crm.example.com', template: 'https://crm.example.com/s?q={email}' }];

describe('schema', () => {
  it('accepts a template on the site it is for, including a site pattern', () => {
    expect(crmRecordSettingSchema.safeParse(own[0]).success).toBe(true);
    expect(crmRecordSettingSchema.safeParse({ match: 'https://*.zendesk.com/agent/*', template: 'https://acme.zendesk.com/agent/search/1?q={email}' }).success).toBe(true);
  });

  it('refuses a template that opens another site, a bad site, a bad template, unknown keys', () => {
    const other = crmRecordSettingSchema.safeParse({ match: 'https://crm.example.com', template: 'https://evil.example/s?q={email}' });
    expect(other.success || other.error.issues[0]!.message).toBe('The template opens https://evil.example, which is not the site https://crm.example.com.');
    expect(crmRecordSettingSchema.safeParse({ match: 'crm', template: own[0]!.template }).success).toBe(false);
    expect(crmRecordSettingSchema.safeParse({ match: own[0]!.match, template: 'https://crm.example.com/s' }).success).toBe(false);
    expect(crmRecordSettingSchema.safeParse({ ...own[0], extra: 1 }).success).toBe(false);
  });
});

describe('fleet policy', () => {
  it('replaces the agent’s template for the same site, locked when the policy says so', () => {
    const policy = crmRecordSettingsFromPolicy([{ match: 'https://crm.example.com', template: 'https://crm.example.com/customers?id={customerId}' }], { locked: true });
    expect(policy.ok).toBe(true);
    if (!policy.ok) return;
    const effective = mergeCrmRecordSettings([...own, { match: 'https://other.example', template: 'https://other.example/?e={email}' }], policy.settings);
    expect(effective).toEqual([
      { match: 'https://crm.example.com', template: 'https://crm.example.com/customers?id={customerId}', locked: true },
      { match: 'https://other.example', template: 'https://other.example/?e={email}', locked: undefined },
    ]);
    const refused = setOwnCrmRecordSetting(effective, own, { match: 'https://crm.example.com', template: 'https://crm.example.com/x?q={name}' });
    expect(refused).toEqual({ ok: false, errors: ['Your administrator set the record link for https://crm.example.com.'] });
    const allowed = setOwnCrmRecordSetting(effective, own, { match: 'https://other.example', template: 'https://other.example/?p={phone}' });
    expect(allowed.ok && allowed.own.map((s) => s.template)).toEqual(['https://crm.example.com/s?q={email}', 'https://other.example/?p={phone}']);
  });

  it('says what is wrong in a policy, line by line', () => {
    const bad = crmRecordSettingsFromPolicy([{ match: 'https://crm.example.com', template: 'https://evil.example/?q={email}' }, { match: 'x' }], { locked: false });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toContain('[0].template: The template opens https://evil.example, which is not the site https://crm.example.com.');
      expect(bad.errors.some((e) => e.startsWith('[1].match:'))).toBe(true);
    }
  });

  it('an agent’s own setting never carries a lock', () => {
    const saved = setOwnCrmRecordSetting([], [], { ...own[0], locked: true });
    expect(saved.ok && saved.own[0]!.locked).toBeUndefined();
  });
});

describe('which template applies', () => {
  it('is the most specific site matching the page', () => {
    const settings = [
      { match: 'https://*.example.com/*', template: 'https://a.example.com/s?q={email}' },
      { match: 'https://crm.example.com/app/*', template: 'https://crm.example.com/app/s?q={phone}' },
    ];
    expect(crmRecordSettingFor(settings, 'https://crm.example.com/app/home')?.template).toBe('https://crm.example.com/app/s?q={phone}');
    expect(crmRecordSettingFor(settings, 'https://b.example.com/')?.template).toBe('https://a.example.com/s?q={email}');
    expect(crmRecordSettingFor(settings, 'https://elsewhere.org/')).toBeUndefined();
  });
});
