/** Reply-due settings: defaults, the agent's per-site choices, the fleet's presets and locks. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { effectiveReplyDue, parseReplyDueSettings, replyDuePreferencesItem } from '../../../src/features/reply-due/settings';
import { parsePolicy } from '../../../src/settings/policy';

const CRM = 'https://crm.example.com/cases/12';
const unlocked = { amberSeconds: false, redSeconds: false, notify: false };

describe('effectiveReplyDue', () => {
  it('is 30 s / 60 s with notifications by default', () => {
    expect(effectiveReplyDue(undefined, {})).toEqual({ amberSeconds: 30, redSeconds: 60, notify: true, locked: unlocked });
  });

  it('takes the agent’s values, the most specific site first', () => {
    const preferences = {
      amberSeconds: 45,
      sites: [
        { match: 'https://*.example.com/*', amberSeconds: 20 },
        { match: 'https://crm.example.com', amberSeconds: 10, redSeconds: 25 },
      ],
    };
    expect(effectiveReplyDue(preferences, {}, CRM)).toMatchObject({ amberSeconds: 10, redSeconds: 25 });
    expect(effectiveReplyDue(preferences, {}, 'https://help.example.com/x')).toMatchObject({ amberSeconds: 20, redSeconds: 60 });
    expect(effectiveReplyDue(preferences, {}, 'https://other.example.org/')).toMatchObject({ amberSeconds: 45, redSeconds: 60 });
    expect(effectiveReplyDue(preferences, {})).toMatchObject({ amberSeconds: 45 });
  });

  it('uses the policy as a preset the agent may override, unless it is locked', () => {
    const policy = parsePolicy({ replyDue: { amberSeconds: 20, redSeconds: 40, notify: false } });
    expect(effectiveReplyDue({ amberSeconds: 35 }, policy)).toEqual({ amberSeconds: 35, redSeconds: 40, notify: false, locked: unlocked });
    const locked = parsePolicy({ replyDue: { amberSeconds: 20, redSeconds: 40 }, locked: ['replyDue.redSeconds'] });
    expect(effectiveReplyDue({ amberSeconds: 35, redSeconds: 90 }, locked)).toEqual({
      amberSeconds: 35,
      redSeconds: 40,
      notify: true,
      locked: { amberSeconds: false, redSeconds: true, notify: false },
    });
    const all = parsePolicy({ replyDue: { amberSeconds: 15, redSeconds: 30, notify: true, sites: [{ match: 'https://crm.example.com', redSeconds: 20 }] }, locked: ['replyDue'] });
    expect(effectiveReplyDue({ amberSeconds: 50, redSeconds: 90, notify: false }, all, CRM)).toEqual({
      amberSeconds: 15,
      redSeconds: 20,
      notify: true,
      locked: { amberSeconds: true, redSeconds: true, notify: true },
    });
  });

  it('does not lock a value the policy does not set', () => {
    const policy = parsePolicy({ replyDue: { amberSeconds: 20 }, locked: ['replyDue'] });
    expect(effectiveReplyDue({ redSeconds: 90 }, policy)).toMatchObject({ amberSeconds: 20, redSeconds: 90, locked: { amberSeconds: true, redSeconds: false } });
  });

  it('never puts red before amber', () => {
    expect(effectiveReplyDue({ amberSeconds: 120, redSeconds: 60 }, {})).toMatchObject({ amberSeconds: 120, redSeconds: 120 });
  });
});

describe('parseReplyDueSettings', () => {
  it('drops each invalid value on its own, and bad site entries one by one', () => {
    expect(
      parseReplyDueSettings({
        amberSeconds: 2,
        redSeconds: 90,
        notify: 'yes',
        sites: [{ match: 'not a site', amberSeconds: 10 }, { match: 'https://crm.example.com', amberSeconds: 99999, redSeconds: 45 }, 'x'],
      }),
    ).toEqual({ amberSeconds: undefined, redSeconds: 90, notify: undefined, sites: [{ match: 'https://crm.example.com', amberSeconds: undefined, redSeconds: 45, notify: undefined }] });
    expect(parseReplyDueSettings('nonsense')).toEqual({});
    expect(parseReplyDueSettings({ sites: 'x' })).toEqual({ sites: [] });
  });

  it('keeps a policy’s replyDue and cannedResponses keys, and drops them when they are the wrong type', () => {
    expect(parsePolicy({ replyDue: { amberSeconds: 10 }, cannedResponses: [{ title: 't', text: 'x' }] })).toMatchObject({
      replyDue: { amberSeconds: 10 },
      cannedResponses: [{ title: 't', text: 'x' }],
    });
    expect(parsePolicy({ replyDue: 5, cannedResponses: 'x', accountId: '123' })).toEqual({ replyDue: undefined, cannedResponses: undefined, accountId: '123' });
  });
});

describe('preferences item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts empty and keeps what the agent saves', async () => {
    expect(await replyDuePreferencesItem.getValue()).toEqual({});
    await replyDuePreferencesItem.setValue({ amberSeconds: 20 });
    expect(effectiveReplyDue(await replyDuePreferencesItem.getValue(), {})).toMatchObject({ amberSeconds: 20 });
  });
});
