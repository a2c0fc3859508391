/**
 * Which CRM pages a panel may act for, answered from memory (src/background/enabled-sites.ts):
 * as strict as asking storage and the browser every time, and kept true by the browser's events.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followEnabledSites, GRANT_ANSWER_LIFETIME_MS } from '../../src/background/enabled-sites';
import { newSiteRule, siteRules } from '../../src/settings/sites';

/** The hosts the agent granted; the browser's permission events, as the browser would fire them. */
function grants(initial: string[]) {
  const granted = new Set(initial);
  const added: Array<() => void> = [];
  const removed: Array<() => void> = [];
  const contains = vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)));
  Object.assign(fakeBrowser, {
    permissions: {
      contains,
      onAdded: { addListener: (l: () => void) => added.push(l) },
      onRemoved: { addListener: (l: () => void) => removed.push(l) },
    },
  });
  return {
    contains,
    grant: (origin: string) => {
      granted.add(origin);
      for (const l of added) l();
    },
    withdraw: (origin: string) => {
      granted.delete(origin);
      for (const l of removed) l();
    },
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await siteRules.setValue([newSiteRule('https://crm.example'), newSiteRule('https://off.example', { enabled: false })]);
});

describe('followEnabledSites', () => {
  it('asks storage and the browser once, then answers from memory', async () => {
    const { contains } = grants(['https://crm.example/*']);
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    const sites = followEnabledSites();
    for (let i = 0; i < 5; i++) expect(await sites.includes(`https://crm.example/record/${i}`)).toBe(true);
    expect(contains).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('refuses what the uncached check refused: no rule, a disabled rule, plain http, a forged rule without the grant', async () => {
    grants(['https://crm.example/*', 'https://off.example/*', 'http://crm.example/*']);
    const sites = followEnabledSites();
    expect(await sites.includes(undefined)).toBe(false);
    expect(await sites.includes('https://elsewhere.example/')).toBe(false);
    expect(await sites.includes('https://off.example/x')).toBe(false);
    expect(await sites.includes('http://crm.example/x')).toBe(false);
    // A content script can write storage.local, not grant itself a host.
    await siteRules.setValue([newSiteRule('https://forger.example')]);
    expect(await sites.includes('https://forger.example/inbox')).toBe(false);
  });

  it('follows a change to the rules at once, and says so', async () => {
    grants(['https://crm.example/*', 'https://off.example/*']);
    const sites = followEnabledSites();
    const changed = vi.fn();
    sites.onChange(changed);
    expect(await sites.includes('https://crm.example/x')).toBe(true);
    await siteRules.setValue([newSiteRule('https://crm.example', { enabled: false }), newSiteRule('https://off.example')]);
    expect(changed).toHaveBeenCalled();
    expect(await sites.includes('https://crm.example/x')).toBe(false);
    expect(await sites.includes('https://off.example/x')).toBe(true);
  });

  it('asks the browser again once a permission is withdrawn or granted, and says so', async () => {
    const { contains, withdraw, grant } = grants(['https://crm.example/*']);
    const sites = followEnabledSites();
    const changed = vi.fn();
    sites.onChange(changed);
    expect(await sites.includes('https://crm.example/x')).toBe(true);
    withdraw('https://crm.example/*');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(await sites.includes('https://crm.example/x')).toBe(false);
    grant('https://crm.example/*');
    expect(await sites.includes('https://crm.example/x')).toBe(true);
    expect(contains).toHaveBeenCalledTimes(3);
  });

  it('does not keep an answer that was on its way when the permission was withdrawn', async () => {
    const { contains, withdraw } = grants(['https://crm.example/*']);
    // The browser answers the first question (granted) only after the agent withdrew the grant.
    let answerFirst: (granted: boolean) => void = () => {};
    contains.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
    const sites = followEnabledSites();
    const first = sites.includes('https://crm.example/x');
    await vi.waitFor(() => expect(contains).toHaveBeenCalledTimes(1));
    withdraw('https://crm.example/*');
    answerFirst(true);
    await first;
    expect(await sites.includes('https://crm.example/x')).toBe(false);
    expect(contains).toHaveBeenCalledTimes(2);
  });

  it('asks the browser again after the answer’s lifetime, whatever the events said', async () => {
    const { contains } = grants(['https://crm.example/*']);
    let now = 1_000;
    const sites = followEnabledSites(() => now);
    await sites.includes('https://crm.example/x');
    now += GRANT_ANSWER_LIFETIME_MS - 1;
    await sites.includes('https://crm.example/x');
    expect(contains).toHaveBeenCalledTimes(1);
    now += 1;
    await sites.includes('https://crm.example/x');
    expect(contains).toHaveBeenCalledTimes(2);
  });
});
