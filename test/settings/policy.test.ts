/** Fleet policy: parsed leniently, presets and locks applied to the account and alert settings. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ALERT_SETTINGS, effectiveAlertSettings } from '../../src/settings/alerts';
import { accountPolicy, isLocked, parsePolicy, readManagedPolicy, signInRefusal, sitePolicy } from '../../src/settings/policy';
import { policySignInRefusal } from '../../src/agent/alert-wiring';
import { AgentRuntime } from '../../src/agent/runtime';
import { createLivePersonClient } from '../../src/api';

describe('managed policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the valid keys of a policy and drops the invalid ones', () => {
    const policy = parsePolicy({
      csdsUrl: 'https://api.liveperson.net',
      accountId: 'not an id!',
      sites: ['https://crm.example.com/*'],
      panelRules: [{ match: 'https://crm.example.com', dock: 'right' }],
      alerts: { volume: 7, sound: false },
      locked: ['csdsUrl', 'alerts.sound'],
    });
    expect(policy).toEqual({
      csdsUrl: 'https://api.liveperson.net',
      accountId: undefined,
      sites: ['https://crm.example.com/*'],
      panelRules: [{ match: 'https://crm.example.com', dock: 'right' }],
      alerts: { volume: undefined, sound: false },
      locked: ['csdsUrl', 'alerts.sound'],
    });
    expect(parsePolicy('nonsense')).toEqual({});
    expect(sitePolicy(policy)).toEqual({
      sites: ['https://crm.example.com/*'],
      panelRules: [{ match: 'https://crm.example.com', dock: 'right' }],
      locked: { sites: false, panelRules: false },
    });
    expect(sitePolicy(parsePolicy({ sites: ['https://a.example/*'], locked: ['sites', 'panelRules'] })).locked).toEqual({ sites: true, panelRules: false });
  });

  it('locks a setting by name or by its group', () => {
    const policy = parsePolicy({ locked: ['alerts', 'csdsUrl'] });
    expect(isLocked(policy, 'alerts.volume')).toBe(true);
    expect(isLocked(policy, 'csdsUrl')).toBe(true);
    expect(isLocked(policy, 'accountId')).toBe(false);
  });

  it('refuses a sign-in to another domain or account than the locked ones', () => {
    const policy = parsePolicy({ csdsUrl: 'https://api.liveperson.net', accountId: '12345678', locked: ['csdsUrl', 'accountId'] });
    expect(accountPolicy(policy).locked).toEqual({ csdsUrl: true, accountId: true });
    expect(signInRefusal(policy, { csdsUrl: 'https://api.liveperson.net/', accountId: '12345678' })).toBeUndefined();
    expect(signInRefusal(policy, { csdsUrl: 'https://evil.example', accountId: '12345678' })).toMatch(/administrator set the LivePerson domain/);
    expect(signInRefusal(policy, { csdsUrl: 'https://api.liveperson.net', accountId: '999' })).toMatch(/administrator set the account/);
    // A preset that is not locked is only a default.
    expect(signInRefusal(parsePolicy({ accountId: '12345678' }), { csdsUrl: 'https://x.example', accountId: '1' })).toBeUndefined();
  });

  it('applies alert presets under the agent’s choices, and locked values over them', () => {
    const policy = parsePolicy({ alerts: { sound: false, volume: 0.3, idleSeconds: 120 }, locked: ['alerts.volume'] });
    expect(effectiveAlertSettings({}, policy)).toEqual({ ...DEFAULT_ALERT_SETTINGS, sound: false, volume: 0.3, idleSeconds: 120 });
    expect(effectiveAlertSettings({ sound: true, volume: 1, idleSeconds: 5 }, policy)).toEqual({
      ...DEFAULT_ALERT_SETTINGS,
      sound: true, // the agent's choice: not locked
      volume: 0.3, // locked
      idleSeconds: 15, // clamped to the browser's minimum
    });
  });

  it('reads managed storage, and treats an empty one as no policy', async () => {
    expect(await readManagedPolicy()).toEqual({});
    await fakeBrowser.storage.managed.set({ accountId: '12345678', locked: ['accountId'] });
    expect(await readManagedPolicy()).toEqual({ accountId: '12345678', locked: ['accountId'] });
  });

  it('the background refuses a sign-in the policy locks out, before calling LivePerson', async () => {
    await fakeBrowser.storage.managed.set({ csdsUrl: 'https://api.liveperson.net', locked: ['csdsUrl'] });
    const calls: string[] = [];
    const runtime = new AgentRuntime({
      client: createLivePersonClient({ fetch: (async (url: string) => (calls.push(url), new Response('{}', { status: 500 }))) as typeof fetch }),
      store: { load: async () => null, save: async () => {} },
      pollIntervalMs: async () => 2000,
      signInRefusal: policySignInRefusal,
      log: { info: () => {}, warn: () => {} },
    });
    const result = await runtime.signIn({ csdsUrl: 'https://elsewhere.example', accountId: '1', username: 'a', password: 'b' });
    expect(result).toEqual({ ok: false, message: 'Your administrator set the LivePerson domain to https://api.liveperson.net.' });
    expect(calls).toEqual([]);
    await runtime.stop();
  });
});
