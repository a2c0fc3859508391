import { describe, expect, it } from 'vitest';
import { effectiveRule, globMatches, hostPatternOf, parseSitePattern, patternMatchesUrl } from '../../src/settings/site-match';
import { exportSiteRules, mergeRules, parseSiteRulesFile, rulesFromPolicy } from '../../src/settings/site-rules';
import { defaultSiteRules, newSiteRule } from '../../src/settings/sites';

const matches = (match: string, url: string) => {
  const pattern = parseSitePattern(match);
  if (typeof pattern === 'string') throw new Error(pattern);
  return patternMatchesUrl(pattern, url);
};

describe('site patterns', () => {
  it('matches an origin exactly, port included', () => {
    expect(matches('https://crm.example.com', 'https://crm.example.com/records/1?x=1')).toBe(true);
    expect(matches('https://crm.example.com', 'https://crm.example.com:8443/')).toBe(false);
    expect(matches('https://crm.example.com', 'http://crm.example.com/')).toBe(false);
    expect(matches('https://crm.example.com', 'https://evil.crm.example.com/')).toBe(false);
    expect(matches('http://127.0.0.1:8091', 'http://127.0.0.1:8091/')).toBe(true);
    expect(matches('http://127.0.0.1:8091', 'http://127.0.0.1:8090/')).toBe(false);
  });

  it('matches URL patterns: subdomain wildcards, any port when none is given, path wildcards', () => {
    expect(matches('https://*.zendesk.com/agent/*', 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
    expect(matches('https://*.zendesk.com/agent/*', 'https://zendesk.com/agent/')).toBe(true);
    expect(matches('https://*.zendesk.com/agent/*', 'https://acme.zendesk.com/admin')).toBe(false);
    expect(matches('https://*.zendesk.com/agent/*', 'https://zendesk.com.evil.net/agent/')).toBe(false);
    expect(matches('http://127.0.0.1/*', 'http://127.0.0.1:43211/hostile-spa.html')).toBe(true);
    expect(matches('*://crm.example.com/*', 'http://crm.example.com/x')).toBe(true);
    expect(matches('*://crm.example.com/*', 'file:///crm.example.com/x')).toBe(false);
  });

  it('refuses what is neither an origin nor a URL pattern, with a sentence', () => {
    expect(parseSitePattern('crm dot example')).toMatch(/is not an origin/);
    expect(parseSitePattern('ftp://files.example.com')).toMatch(/is not an origin/);
    expect(parseSitePattern('https://*.example.com')).toMatch(/wildcard/);
  });

  it('asks for and registers the whole host, any port', () => {
    expect(hostPatternOf('https://crm.example.com')).toBe('https://crm.example.com/*');
    expect(hostPatternOf('http://127.0.0.1:8091')).toBe('http://127.0.0.1/*');
    expect(hostPatternOf('https://*.zendesk.com/agent/*')).toBe('https://*.zendesk.com/*');
    expect(hostPatternOf('nonsense')).toBeUndefined();
  });

  it('lets the most specific rule win, whatever the order', () => {
    const rules = [
      newSiteRule('https://*.example.com/*', { dock: 'left' }),
      newSiteRule('https://crm.example.com/app/*', { dock: 'floating' }),
      newSiteRule('https://crm.example.com', { dock: 'right' }),
      newSiteRule('https://*.crm.example.com/*', { enabled: false }),
    ];
    const dock = (url: string) => effectiveRule(rules, url)?.dock;
    expect(dock('https://crm.example.com/app/records')).toBe('floating');
    expect(dock('https://crm.example.com/home')).toBe('right');
    expect(dock('https://other.example.com/')).toBe('left');
    expect(effectiveRule(rules, 'https://eu.crm.example.com/')?.enabled).toBe(false);
    expect(effectiveRule([...rules].reverse(), 'https://crm.example.com/app/x')?.dock).toBe('floating');
    expect(effectiveRule(rules, 'https://example.org/')).toBeUndefined();
  });
});

describe('path globs (matched without a RegExp)', () => {
  // The RegExp the matching used before: `*` is `.*`, everything else literal, anchored.
  const asRegExp = (glob: string, text: string) =>
    new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(text);
  const globs = ['/*', '/app/*', '/app/*/edit', '*', '/a*b*c', '/a*a', '/x.y?z*', '/*/*/', '/exact', '/a**b', ''];
  const texts = ['/', '/app/', '/app/1/edit', '/app/1/edit/x', '/abc', '/aXbYc', '/ac', '/aa', '/a', '/x.y?z=1', '/xzy?z', '/p/q/', '/exact', '/exact/', '/ab', ''];
  it('matches exactly as the anchored RegExp did', () => {
    for (const glob of globs) for (const text of texts) expect([glob, text, globMatches(glob, text)]).toEqual([glob, text, asRegExp(glob, text)]);
  });
});

describe('site rules files', () => {
  it('round-trips through export and import, defaults filled in', () => {
    const rules = [newSiteRule('https://crm.example.com', { dock: 'left', width: 420, zIndex: 10 }), newSiteRule('https://*.zendesk.com/agent/*', { mode: 'side-panel' })];
    expect(parseSiteRulesFile(exportSiteRules(rules))).toEqual({ ok: true, rules });
    const minimal = JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: 'https://crm.example.com' }] });
    expect(parseSiteRulesFile(minimal)).toEqual({ ok: true, rules: [newSiteRule('https://crm.example.com')] });
  });

  it('names what is wrong where', () => {
    const result = parseSiteRulesFile(
      JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: 'https://ok.example.com' }, { match: 'nope', dock: 'top', width: 5, extra: 1 }] }),
    );
    expect(result.ok).toBe(false);
    const errors = (result as { errors: string[] }).errors.join('\n');
    expect(errors).toContain('rules[1].match: "nope" is not an origin');
    expect(errors).toMatch(/rules\[1\]\.dock: .*"right"/);
    expect(errors).toMatch(/rules\[1\]\.width: .*280/);
    expect(errors).toMatch(/rules\[1\]: .*extra/);
  });

  it('refuses other files: not JSON, another format, duplicates', () => {
    expect(parseSiteRulesFile('{ nope')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The file is not JSON/)] });
    expect(parseSiteRulesFile(JSON.stringify({ rules: [] }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^format:/), expect.stringMatching(/^version:/)] });
    const twice = JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: 'https://a.example.com' }, { match: 'https://a.example.com' }] });
    expect(parseSiteRulesFile(twice)).toEqual({ ok: false, errors: ['rules: "https://a.example.com" appears twice.'] });
  });

  it('never takes a lock from a file: locks are an admin policy’s', () => {
    const file = JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [{ match: 'https://a.example.com', locked: true }] });
    expect(parseSiteRulesFile(file)).toEqual({ ok: true, rules: [newSiteRule('https://a.example.com')] });
  });

  it('takes an admin policy’s rules, locked on request, over the agent’s own for the same site', () => {
    const policy = rulesFromPolicy([{ match: 'https://crm.example.com', dock: 'left' }], { locked: true });
    expect(policy).toEqual({ ok: true, rules: [{ ...newSiteRule('https://crm.example.com', { dock: 'left' }), locked: true }] });
    const own = [newSiteRule('https://crm.example.com'), newSiteRule('https://other.example.com')];
    expect(mergeRules(own, policy.ok ? policy.rules : []).map((r) => [r.match, r.dock, r.locked])).toEqual([
      ['https://crm.example.com', 'left', true],
      ['https://other.example.com', 'right', undefined],
    ]);
    expect(rulesFromPolicy([{ match: 1 }], { locked: false }).ok).toBe(false);
  });

  it('starts on the sandbox’s demo CRM page; the e2e build on any loopback page', () => {
    expect(defaultSiteRules('production')).toEqual([]);
    expect(defaultSiteRules('sandbox').map((r) => r.match)).toEqual(['http://127.0.0.1:8091']);
    expect(defaultSiteRules('e2e').map((r) => r.match)).toEqual(['http://127.0.0.1/*']);
  });
});

describe('http sites (issue #19 L2)', () => {
  it('are refused for the panel, loopback excepted in the sandbox build only', async () => {
    const { panelSchemeAllowed, ruleSchemeAllowed, HTTP_SITE_REFUSED } = await import('../../src/settings/sites');
    expect(panelSchemeAllowed('https://crm.example.com/x', false)).toBe(true);
    expect(panelSchemeAllowed('http://crm.example.com/x', true)).toBe(false);
    expect(panelSchemeAllowed('http://127.0.0.1:8091/', true)).toBe(true);
    expect(panelSchemeAllowed('http://127.0.0.1:8091/', false)).toBe(false);
    expect(panelSchemeAllowed('file:///etc/passwd', true)).toBe(false);
    expect(ruleSchemeAllowed('http://crm.example.com', true)).toBe(false);
    expect(ruleSchemeAllowed('http://*/*', true)).toBe(false);
    expect(ruleSchemeAllowed('https://crm.example.com', false)).toBe(true);
    expect(ruleSchemeAllowed('*://crm.example.com/*', false)).toBe(true);
    expect(ruleSchemeAllowed('http://127.0.0.1:8091', true)).toBe(true);
    expect(ruleSchemeAllowed('http://127.0.0.1:8091', false)).toBe(false);
    expect(HTTP_SITE_REFUSED).toMatch(/only on https sites/);
  });
});
