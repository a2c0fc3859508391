/**
 * Issue #22's messages at the boundary: a CRM tab gets the record link, dispositions and recipe
 * of its own site only, saves a taught recipe only for its own site (never over a fleet lock),
 * and searches history only for a chat its panel shows, with no say in whose history.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentRuntime } from '../../src/agent/runtime';
import { serveCommands } from '../../src/background/serve-commands';
import { followEnabledSites } from '../../src/background/enabled-sites';
import { saveOwnCrmRecordSettings } from '../../src/features/crm-record/stored';
import { readOwnRecipes, saveOwnDispositions, saveOwnRecipes } from '../../src/features/wrap-up/stored';
import type { Recipe } from '../../src/features/wrap-up/recipe';
import { newSiteRule, siteRules } from '../../src/settings/sites';

const runtime = {
  restore: vi.fn(async () => {}),
  view: vi.fn(() => ({ version: 1, chats: [{ id: 'K1', visitorId: '4711', lines: [] }] })),
  withLogin: vi.fn(async () => ({ ok: false, error: { kind: 'network', message: 'offline' } })),
};

async function deliver(type: string, data: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  let answer: unknown;
  await new Promise<void>((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender, (response: unknown) => {
      answer = response;
      resolve();
    });
  });
  return (answer as { res?: unknown }).res;
}

const tabOn = (url: string, id = 3) => ({ id: fakeBrowser.runtime.id, url, tab: { id } as Browser.tabs.Tab });
const crm = () => tabOn('https://crm.example/record/1');
const granted = new Set(['https://crm.example/*', 'https://other.example/*', 'https://not-enabled.example/*']);
const field = (label: string, name: string) => ({ value: 'notes' as const, label, locator: { tag: 'textarea' as const, name } });
const recipe = (site: string, name: string): Recipe => ({ version: 1, site, fields: [field(name, name)] });

beforeAll(() => {
  Object.assign(fakeBrowser, { permissions: { contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))) } });
  serveCommands(runtime as unknown as AgentRuntime, followEnabledSites());
});

beforeEach(async () => {
  vi.clearAllMocks();
  await fakeBrowser.storage.local.clear();
  await fakeBrowser.storage.managed.clear();
  await siteRules.setValue([newSiteRule('https://crm.example'), newSiteRule('https://other.example')]);
  await saveOwnCrmRecordSettings([
    { match: 'https://crm.example', template: 'https://crm.example/search?q={email}' },
    { match: 'https://other.example', template: 'https://other.example/find?id={customerId}' },
  ]);
  await saveOwnRecipes([recipe('https://crm.example', 'crm_notes'), recipe('https://other.example', 'other_notes')]);
  await saveOwnDispositions([{ dispositions: ['Resolved', 'Follow-up'] }]);
});

describe('getCrmSiteSettings', () => {
  it('answers a CRM tab with its own site’s settings only', async () => {
    const answer = (await deliver('getCrmSiteSettings', undefined, crm())) as Record<string, unknown>;
    expect(answer).toMatchObject({ ok: true, site: 'https://crm.example', template: 'https://crm.example/search?q={email}', dispositions: { choices: ['Resolved', 'Follow-up'] } });
    expect(JSON.stringify(answer)).not.toContain('other');
  });

  it('refuses a tab on a site that is not enabled', async () => {
    expect(await deliver('getCrmSiteSettings', undefined, tabOn('https://not-enabled.example/x'))).toEqual({ ok: false, message: 'Refused: Agent Dock is not enabled on this site.' });
  });

  it('lets the fleet’s template and dispositions replace the agent’s, and a bad policy entry is left out alone', async () => {
    await fakeBrowser.storage.managed.set({
      crmRecordTemplates: [{ match: 'https://crm.example', template: 'https://crm.example/c/{customerId}' }, { match: 'https://crm.example', template: 'https://evil.example/{email}' }],
      dispositions: [{ site: 'https://crm.example', dispositions: ['Sale', 'No sale'] }],
      locked: ['dispositions'],
    });
    const answer = await deliver('getCrmSiteSettings', undefined, crm());
    // The whole template list is refused when one entry leaves its site; the agent's own stays.
    expect(answer).toMatchObject({ template: 'https://crm.example/search?q={email}', dispositions: { choices: ['Sale', 'No sale'], locked: true } });
  });
});

describe('saveCrmRecipe', () => {
  it('saves Teach’s fields as the recipe of the asking tab’s own site', async () => {
    expect(await deliver('saveCrmRecipe', { fields: [field('Case notes', 'case_notes')] }, crm())).toEqual({ ok: true });
    const own = (await readOwnRecipes()).values;
    expect(own.find((r) => r.site === 'https://crm.example')?.fields.map((f) => f.label)).toEqual(['Case notes']);
    expect(own.find((r) => r.site === 'https://other.example')?.fields.map((f) => f.label)).toEqual(['other_notes']);
  });

  it('cannot name another site, and refuses to re-teach a site the fleet locked', async () => {
    expect(await deliver('saveCrmRecipe', { site: 'https://other.example', fields: [field('X', 'x')] }, crm())).toMatchObject({ ok: false, message: expect.stringContaining('Invalid request') });
    await fakeBrowser.storage.managed.set({ crmRecipes: [recipe('https://crm.example', 'fleet_notes')], locked: ['crmRecipes'] });
    expect(await deliver('saveCrmRecipe', { fields: [field('Case notes', 'case_notes')] }, crm())).toEqual({ ok: false, message: 'Your administrator set the CRM fields for https://crm.example.' });
    expect(await deliver('getCrmSiteSettings', undefined, crm())).toMatchObject({ recipe: { locked: true, fields: [{ label: 'fleet_notes' }] } });
  });
});

describe('searchChatHistory', () => {
  it('answers only for a chat the panel shows, and takes no visitor or customer id from the page', async () => {
    expect(await deliver('searchChatHistory', { chatId: 'K9', kind: 'visitor', offset: 0, limit: 10 }, crm())).toEqual({ ok: false, message: 'Refused: this panel does not show that chat.' });
    expect(await deliver('searchChatHistory', { chatId: 'K1', kind: 'visitor', visitorId: 'someone-else', offset: 0, limit: 10 }, crm())).toMatchObject({
      ok: false,
      message: expect.stringContaining('Invalid request'),
    });
    expect(await deliver('searchChatHistory', { chatId: 'K1', kind: 'visitor', offset: 0, limit: 10 }, crm())).toEqual({ ok: false, message: 'Could not load the previous chats: offline' });
    expect(runtime.withLogin).toHaveBeenCalledTimes(1);
  });
});
