/** What the popup and options page do to the rules, with the browser's permission prompt answered by the test. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newSiteRule, siteRules } from '../../src/settings/sites';
import { addSite, setPanelOnPage, updateRule } from '../../src/ui/site-actions';

let answer = true;
const asked: string[][] = [];

beforeEach(() => {
  fakeBrowser.reset();
  answer = true;
  asked.length = 0;
  Object.assign(fakeBrowser, {
    permissions: {
      request: async ({ origins }: { origins: string[] }) => {
        asked.push(origins);
        return answer;
      },
      contains: async () => false,
    },
  });
});

const stored = async () => (await siteRules.getValue()).map((r) => [r.match, r.enabled]);

describe('turning sites on and off', () => {
  it('adds a site and asks for that host only', async () => {
    await siteRules.setValue([]);
    expect(await addSite(' https://crm.example.com/ ')).toEqual({ ok: true });
    expect(asked).toEqual([['https://crm.example.com/*']]);
    expect(await stored()).toEqual([['https://crm.example.com', true]]);
  });

  it('leaves a refused site off, and says why', async () => {
    await siteRules.setValue([]);
    answer = false;
    expect(await addSite('https://crm.example.com')).toEqual({ ok: false, message: 'Access to https://crm.example.com/* was not granted, so the panel stays off there.' });
    expect(await stored()).toEqual([['https://crm.example.com', false]]);
  });

  it('switches one site off under a wider rule with a rule of its own, keeping the wider rule’s layout', async () => {
    await siteRules.setValue([newSiteRule('https://*.example.com/*', { dock: 'left' })]);
    expect(await setPanelOnPage('https://crm.example.com/records/1', false)).toEqual({ ok: true });
    expect((await siteRules.getValue()).map((r) => [r.match, r.enabled, r.dock])).toEqual([
      ['https://*.example.com/*', true, 'left'],
      ['https://crm.example.com', false, 'left'],
    ]);
    expect(asked).toEqual([]);
    // And back on: the site's own rule, asking for its host.
    expect(await setPanelOnPage('https://crm.example.com/records/1', true)).toEqual({ ok: true });
    expect(await stored()).toEqual([
      ['https://*.example.com/*', true],
      ['https://crm.example.com', true],
    ]);
    expect(asked).toEqual([['https://crm.example.com/*']]);
  });

  it('leaves an administrator’s rules alone', async () => {
    await siteRules.setValue([{ ...newSiteRule('https://crm.example.com'), locked: true }]);
    expect(await setPanelOnPage('https://crm.example.com/', false)).toEqual({ ok: false, message: 'This site is set by your administrator.' });
    await updateRule('https://crm.example.com', { dock: 'floating' });
    expect((await siteRules.getValue())[0]?.dock).toBe('right');
  });

  it('refuses pages that are not on the web', async () => {
    expect(await setPanelOnPage('chrome://extensions/', true)).toEqual({ ok: false, message: 'Agent Dock runs on web pages (http or https) only.' });
  });

  it('refuses plain http sites with a sentence saying why (issue #19 L2)', async () => {
    const refused = { ok: false, message: expect.stringContaining('only on https sites') };
    expect(await setPanelOnPage('http://crm.example.com/record/1', true)).toEqual(refused);
    expect(await addSite('http://crm.example.com')).toEqual(refused);
    expect((await siteRules.getValue()).some((r) => r.match === 'http://crm.example.com' && r.enabled)).toBe(false);
  });
});
