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
];

describe('sanitizeHtml', () => {
  it.each(HOSTILE)('neutralises %s', (payload, forbidden) => {
    expect(sanitizeHtml(payload)).not.toMatch(forbidden);
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
