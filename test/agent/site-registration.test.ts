/**
 * The background's side of per-site enablement, against a browser whose scripting and permissions
 * APIs record what they are asked (fakeBrowser implements neither).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { permissionsToRelease, planPanelRegistrations, syncPanelRegistrations } from '../../src/agent/site-registration';
import { newSiteRule, siteRules } from '../../src/settings/sites';

const log = { info: vi.fn(), warn: vi.fn() };
const REQUIRED = ['https://*.liveperson.net/*', 'http://127.0.0.1/*', 'http://localhost/*'];

interface Registered {
  id: string;
  matches: string[];
  allFrames: boolean;
  js: string[];
  runAt: 'document_start' | 'document_idle';
}

/** A panel registration and, beside it, the settings' early read for the same sites and frames. */
const panelWithEarlyRead = (id: string, matches: string[], allFrames: boolean): Registered[] => [
  { id, matches, allFrames, js: ['content-scripts/panel.js'], runAt: 'document_idle' },
  { id: `${id}-early-read`, matches, allFrames, js: ['panel-settings.js'], runAt: 'document_start' },
];

function fakeExtensionApis(grantedAtStart: string[], openTabs: Array<{ id: number; url: string }> = []) {
  const granted = new Set(grantedAtStart);
  let registered: Registered[] = [];
  const injected: Array<{ tabId: number; allFrames: boolean }> = [];
  const released: string[] = [];
  const wildcard = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()|[\]\\/]/g, '\\$&')).join('.*')}$`);
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => registered.filter((s) => ids.includes(s.id)),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        registered = registered.filter((s) => !ids.includes(s.id));
      },
      updateContentScripts: async (scripts: Registered[]) => {
        for (const { id, matches, allFrames, js, runAt } of scripts) {
          const script = registered.find((s) => s.id === id);
          if (!script) throw new Error(`No script with id ${id}`);
          Object.assign(script, { matches, allFrames, js, runAt });
        }
      },
      registerContentScripts: async (scripts: Registered[]) => {
        if (scripts.some((s) => registered.some((r) => r.id === s.id))) throw new Error('Duplicate script id');
        registered.push(...scripts.map(({ id, matches, allFrames, js, runAt }) => ({ id, matches, allFrames, js, runAt })));
      },
      executeScript: async ({ target }: { target: { tabId: number; allFrames: boolean } }) => {
        injected.push({ tabId: target.tabId, allFrames: target.allFrames });
        return [];
      },
    },
    permissions: {
      getAll: async () => ({ origins: [...granted] }),
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
      remove: async ({ origins }: { origins: string[] }) => {
        for (const o of origins) {
          granted.delete(o);
          released.push(o);
        }
        return true;
      },
    },
  });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ host_permissions: REQUIRED } as ReturnType<typeof fakeBrowser.runtime.getManifest>);
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async ({ url }: { url?: string | string[] }) =>
    openTabs.filter((t) => [url ?? []].flat().some((u) => wildcard(u).test(t.url)))) as unknown as typeof fakeBrowser.tabs.query);
  return { granted, get registered() { return registered; }, injected, released };
}

describe('panel registrations follow the site rules and the grants', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    log.warn.mockClear();
  });

  it('plans the hosts of enabled rules with access; the rest wait for access', () => {
    const rules = [
      newSiteRule('https://crm.example.com'),
      newSiteRule('https://crm.example.com/app/*', { frames: true }),
      newSiteRule('https://*.zendesk.com/agent/*'),
      newSiteRule('https://off.example.com', { enabled: false }),
    ];
    const plan = planPanelRegistrations(rules, (host) => host !== 'https://*.zendesk.com/*');
    expect(plan).toEqual({ top: [], frames: ['https://crm.example.com/*'], missing: ['https://*.zendesk.com/*'] });
  });

  it('gives back optional hosts no enabled rule needs, never required ones', () => {
    const rules = [newSiteRule('https://crm.example.com'), newSiteRule('https://old.example.com', { enabled: false })];
    expect(
      permissionsToRelease(['https://crm.example.com/*', 'https://old.example.com/*', 'http://localhost/*', 'https://*.liveperson.net/*'], REQUIRED, rules),
    ).toEqual(['https://old.example.com/*']);
  });

  it('registers an enabled site once granted, injects into its open tabs, and on disabling unregisters it and gives the permission back', async () => {
    const apis = fakeExtensionApis(REQUIRED, [
      { id: 7, url: 'https://crm.example.com/records/1' },
      { id: 8, url: 'https://other.example.com/' },
    ]);
    // Written first, access not granted yet: nothing to register.
    await siteRules.setValue([newSiteRule('https://crm.example.com')]);
    expect((await syncPanelRegistrations(log)).missing).toEqual(['https://crm.example.com/*']);
    expect(apis.registered).toEqual([]);

    apis.granted.add('https://crm.example.com/*');
    await syncPanelRegistrations(log);
    expect(apis.registered).toEqual(panelWithEarlyRead('agent-dock-panel', ['https://crm.example.com/*'], false));
    expect(apis.injected).toEqual([{ tabId: 7, allFrames: false }]);

    // Syncing again changes nothing and injects nothing twice.
    await syncPanelRegistrations(log);
    expect(apis.injected).toHaveLength(1);
    // After an install or update the open tabs' old scripts are cut off: every covered tab gets it again.
    await syncPanelRegistrations(log, undefined, { everywhere: true });
    expect(apis.injected).toEqual([{ tabId: 7, allFrames: false }, { tabId: 7, allFrames: false }]);
    apis.injected.pop();

    // "Also inside frames": re-registered for all frames, and the open tab's frames get it.
    await siteRules.setValue([newSiteRule('https://crm.example.com', { frames: true })]);
    await syncPanelRegistrations(log);
    expect(apis.registered).toEqual(panelWithEarlyRead('agent-dock-panel-frames', ['https://crm.example.com/*'], true));
    expect(apis.injected).toEqual([{ tabId: 7, allFrames: false }, { tabId: 7, allFrames: true }]);

    await siteRules.setValue([newSiteRule('https://crm.example.com', { enabled: false })]);
    await syncPanelRegistrations(log);
    expect(apis.registered).toEqual([]);
    expect(apis.released).toEqual(['https://crm.example.com/*']);
    expect(apis.granted.has('http://localhost/*')).toBe(true);
  });

  it('adds the early read beside a panel registered by an older version, without injecting again', async () => {
    const apis = fakeExtensionApis([...REQUIRED, 'https://crm.example.com/*'], [{ id: 7, url: 'https://crm.example.com/' }]);
    await fakeBrowser.scripting.registerContentScripts([panelWithEarlyRead('agent-dock-panel', ['https://crm.example.com/*'], false)[0]!]);
    await siteRules.setValue([newSiteRule('https://crm.example.com')]);
    await syncPanelRegistrations(log);
    expect(apis.registered).toEqual(panelWithEarlyRead('agent-dock-panel', ['https://crm.example.com/*'], false));
    expect(apis.injected).toEqual([]);
  });

  it('keeps going when a tab cannot take the script, and says so in the log', async () => {
    const apis = fakeExtensionApis([...REQUIRED, 'https://crm.example.com/*'], [{ id: 9, url: 'https://crm.example.com/' }]);
    (fakeBrowser as unknown as { scripting: { executeScript: () => Promise<never> } }).scripting.executeScript = async () => {
      throw new Error('Frame with ID 0 is showing error page');
    };
    await siteRules.setValue([newSiteRule('https://crm.example.com')]);
    await syncPanelRegistrations(log);
    expect(apis.registered).toEqual(panelWithEarlyRead('agent-dock-panel', ['https://crm.example.com/*'], false));
    expect(log.warn).toHaveBeenCalledWith('could not add the panel to tab 9', { error: 'Error: Frame with ID 0 is showing error page' });
  });
});
