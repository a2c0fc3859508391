/** The administrator's sites and panel rules, folded into the agent's stored site rules. */
import { describe, expect, it } from 'vitest';
import { policySiteRules, withPolicyRules } from '../../src/agent/site-policy';
import { newSiteRule } from '../../src/settings/sites';

const CRM = 'https://crm.example.com';
const HELP = 'https://*.zendesk.com/agent/*';

describe('site policy', () => {
  it('reads sites and panel rules from the policy, a panel rule refining a listed site, locks by group', () => {
    const { rules, problems } = policySiteRules({
      sites: [CRM, HELP],
      panelRules: [{ match: CRM, dock: 'left', width: 420 }],
      locked: ['panelRules'],
    });
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      newSiteRule(CRM, { dock: 'left', width: 420, locked: true }),
      newSiteRule(HELP),
    ]);
  });

  it('refuses what is not a rule, saying where, and keeps the rest', () => {
    const { rules, problems } = policySiteRules({ sites: [CRM], panelRules: [{ match: CRM, dock: 'sideways' }] });
    expect(rules).toEqual([newSiteRule(CRM)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Policy "panelRules": \[0\]\.dock|^Policy "panelRules": .*dock/);
  });

  it('lets a locked policy rule win, keeps the agent’s own rule over an unlocked preset, adds missing presets', () => {
    const own = [newSiteRule(CRM, { dock: 'right' }), newSiteRule(HELP, { width: 500 })];
    const policy = [newSiteRule(CRM, { dock: 'left', locked: true }), newSiteRule(HELP, { width: 300 }), newSiteRule('https://erp.example.com')];
    expect(withPolicyRules(own, policy)).toEqual([
      newSiteRule(CRM, { dock: 'left', locked: true }),
      newSiteRule(HELP, { width: 500 }),
      newSiteRule('https://erp.example.com'),
    ]);
  });

  it('is stable when applied again, and releases a lock the policy no longer holds', () => {
    const policy = [newSiteRule(CRM, { dock: 'left', locked: true })];
    const once = withPolicyRules([], policy);
    expect(withPolicyRules(once, policy)).toEqual(once);
    expect(withPolicyRules(once, [])).toEqual([newSiteRule(CRM, { dock: 'left' })]);
  });
});

describe('a forged write of the site rules (a content script can write storage.local)', () => {
  it('cannot unlock, change or remove a fleet-locked rule: the background puts it back at once', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { keepSiteRulesFollowingPolicy } = await import('../../src/agent/site-policy');
    const { siteRules } = await import('../../src/settings/sites');
    fakeBrowser.reset();
    await fakeBrowser.storage.managed.set({ sites: [CRM], locked: ['sites'] });
    keepSiteRulesFollowingPolicy({ info: () => {}, warn: () => {} });
    const locked = newSiteRule(CRM, { locked: true });
    const settled = async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await settled();
    expect(await siteRules.getValue()).toContainEqual(locked);

    for (const forged of [
      [newSiteRule(CRM, { enabled: false })], // unlocked and disabled
      [], // removed
      [{ match: CRM, enabled: 'nope', locked: 'no' }], // not a rule at all
      'garbage',
    ]) {
      await fakeBrowser.storage.local.set({ siteRules: forged });
      await settled();
      expect(await siteRules.getValue(), JSON.stringify(forged)).toContainEqual(locked);
    }
  });
});
