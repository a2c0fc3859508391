// @vitest-environment jsdom
/** HTML lines come from other people: only a small, inert allow-list survives. */
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/ui/sanitize';

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

const ALLOWED = new Set(['B', 'I', 'EM', 'STRONG', 'U', 'BR', 'P', 'UL', 'OL', 'LI', 'A']);

describe('sanitizeHtml', () => {
  it.each(HOSTILE)('neutralises %s', (payload, forbidden) => {
    expect(sanitizeHtml(payload)).not.toMatch(forbidden);
  });

  it.each(HOSTILE)('yields only allow-listed elements and attributes when parsed again: %s', (payload) => {
    const reparsed = new DOMParser().parseFromString(sanitizeHtml(payload), 'text/html').body;
    for (const element of reparsed.querySelectorAll('*')) {
      expect(ALLOWED.has(element.tagName)).toBe(true);
      for (const attribute of element.getAttributeNames()) expect(['href', 'target', 'rel']).toContain(attribute);
    }
  });

  it('keeps the text of unknown wrappers and escapes text that looks like markup', () => {
    expect(sanitizeHtml('<div><span>kept</span></div>')).toBe('kept');
    expect(sanitizeHtml('1 &lt; 2 <b>&amp;</b>')).toBe('1 &lt; 2 <b>&amp;</b>');
  });

  it('keeps simple formatting and safe links, opening them in a new tab without an opener', () => {
    expect(sanitizeHtml('<b>bold</b> <em>em</em><br><ul><li>one</li></ul>')).toBe('<b>bold</b> <em>em</em><br><ul><li>one</li></ul>');
    expect(sanitizeHtml('<a href="https://example.com">x</a>')).toBe('<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>');
    expect(sanitizeHtml('<a href="mailto:help@example.com">mail</a>')).toContain('href="mailto:help@example.com"');
  });

  it('keeps the text of malformed HTML', () => {
    expect(sanitizeHtml('<p>unclosed <b>bold')).toContain('unclosed');
  });
});
