// @vitest-environment jsdom
/**
 * HTML lines come from other people: only a small, inert allow-list survives (DOMPurify, ./purify),
 * and until the sanitizer is loaded nothing is injected at all (./sanitize).
 */
import { describe, expect, it, vi } from 'vitest';
import { purify } from '../../src/ui/purify';
import type { Purify } from '../../src/ui/sanitize';

const HOSTILE: Array<[string, RegExp]> = [
  ['<script>alert(1)</script>hi', /<script/i],
  ['<img src=x onerror=alert(1)>', /<img|onerror/i],
  ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
  ['<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
  ['<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:/i],
  ['<svg onload=alert(1)><circle/></svg>', /<svg|onload/i],
  ['<p style="position:fixed;top:0;left:0;width:100vw;height:100vh">cover</p>', /style=/i],
  ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', /<iframe|srcdoc/i],
  ['<b onclick="alert(1)">x</b>', /onclick/i],
  ['<form action="https://evil.example"><input name=p></form>', /<form|<input/i],
  ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /javascript:|<math/i],
  ['<style>*{display:none}</style>text', /<style/i],
  ['<div><object data="x.swf"></object></div>', /<object/i],
  // Mutation XSS: markup that changes meaning when serialized and parsed again.
  ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', /<img|onerror|<noscript/i],
  ['<svg><style><img src=x onerror=alert(1)></style></svg>', /<img|onerror|<svg/i],
  ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', /<img|onerror/i],
  ['<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', /<img|onerror/i],
  ['<a href=" javascript:alert(1)">x</a>', /javascript:/i],
  ['<a href="java&#x09;script:alert(1)">x</a>', /href/i],
  ['<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', /<script/i],
];

/** What may survive: the allow-list of src/ui/purify.ts. */
const ALLOWED = new Set(['B', 'I', 'EM', 'STRONG', 'U', 'BR', 'P', 'UL', 'OL', 'LI', 'A']);

describe('purify', () => {
  it.each(HOSTILE)('neutralises %s', (payload, forbidden) => {
    expect(purify(payload)).not.toMatch(forbidden);
  });

  it.each(HOSTILE)('yields only allow-listed elements and attributes when parsed again: %s', (payload) => {
    const reparsed = new DOMParser().parseFromString(purify(payload), 'text/html').body;
    for (const element of reparsed.querySelectorAll('*')) {
      expect(ALLOWED.has(element.tagName)).toBe(true);
      for (const attribute of element.getAttributeNames()) expect(['href', 'target', 'rel']).toContain(attribute);
    }
  });

  it('keeps the text of unknown wrappers and escapes text that looks like markup', () => {
    expect(purify('<div><span>kept</span></div>')).toBe('kept');
    expect(purify('1 &lt; 2 <b>&amp;</b>')).toBe('1 &lt; 2 <b>&amp;</b>');
  });

  it('keeps simple formatting and safe links, opening them in a new tab without an opener', () => {
    expect(purify('<b>bold</b> <em>em</em><br><ul><li>one</li></ul>')).toBe('<b>bold</b> <em>em</em><br><ul><li>one</li></ul>');
    expect(purify('<a href="https://example.com">x</a>')).toBe('<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>');
    expect(purify('<a href="mailto:help@example.com">mail</a>')).toContain('href="mailto:help@example.com"');
  });

  it('keeps the text of malformed HTML', () => {
    expect(purify('<p>unclosed <b>bold')).toContain('unclosed');
  });
});

describe('sanitizeHtml', () => {
  it('gives no markup until the sanitizer is loaded, asks for it once, then sanitizes with it', async () => {
    vi.resetModules();
    const { sanitizeHtml, loadPurifierWith } = await import('../../src/ui/sanitize');
    let deliver!: (loaded: Purify | null) => void;
    const loader = vi.fn(() => new Promise<Purify | null>((resolve) => (deliver = resolve)));
    loadPurifierWith(loader);
    expect(sanitizeHtml('<b>x</b>')).toBeUndefined();
    expect(sanitizeHtml('<b>y</b>')).toBeUndefined();
    expect(loader).toHaveBeenCalledTimes(1);
    deliver(purify);
    await vi.waitFor(() => expect(sanitizeHtml('<b>x</b><script>alert(1)</script>')).toBe('<b>x</b>'));
  });

  it('stays text-only, without asking again on every render, when the sanitizer cannot be loaded', async () => {
    vi.resetModules();
    const { sanitizeHtml, loadPurifierWith } = await import('../../src/ui/sanitize');
    const loader = vi.fn(async () => null);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadPurifierWith(loader);
    expect(sanitizeHtml('<b>x</b>')).toBeUndefined();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(sanitizeHtml('<b>x</b>')).toBeUndefined();
    expect(loader).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
