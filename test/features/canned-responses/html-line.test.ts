// @vitest-environment jsdom
/**
 * HTML canned responses leave as LivePerson's documented HTML line (A14, reference §4.20): the
 * panel's DOMPurify output wrapped in a `div` (the page's best practice). The background checks what
 * a content script hands it again without a DOM: everything the sanitizer makes passes, anything
 * else is refused.
 */
import { describe, expect, it } from 'vitest';
import { htmlLineFrom, htmlLineProblem } from '../../../src/features/canned-responses/html-line';
import { sendLineSchema } from '../../../src/messaging/schemas';
import { purify } from '../../../src/ui/purify';

describe('HTML lines', () => {
  it('wraps sanitized markup in a div, as the Send Lines page recommends', () => {
    expect(htmlLineFrom('<b>24 hours</b>')).toBe('<div dir="auto"><b>24 hours</b></div>');
  });

  it('passes whatever the sanitizer makes, hostile input included', () => {
    const inputs = [
      'You can reset your password on the <a href="https://www.example.com/account/reset">reset page</a>. The link works for <b>24 hours</b>.',
      '<img src=x onerror="alert(1)"><script>alert(1)</script><b>Bold offer</b> <a href="javascript:alert(1)">terms</a>',
      '<p style="color:red">a &lt; b &amp;&amp; c &gt; d "quoted"</p><ul><li>one</li><li><i>two</i></li></ul><br>',
      '<a href="mailto:help@example.com?subject=a&amp;b">mail us</a> <!-- note --> <iframe src="https://evil.example"></iframe>',
    ];
    for (const input of inputs) {
      const line = htmlLineFrom(purify(input));
      expect(htmlLineProblem(line), line).toBeUndefined();
    }
  });

  it('refuses markup the sanitizer would not have made', () => {
    const refused = [
      '<script>alert(1)</script>',
      '<img src="https://evil.example/x.png">',
      '<b onclick="alert(1)">x</b>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="https://example.com" target="_self">x</a>',
      "<a href='https://example.com'>x</a>",
      '<p style="position:fixed">x</p>',
      '<div dir="auto" style="x">x</div>',
      '<iframe src="https://example.com"></iframe>',
      '<!-- <script>alert(1)</script> -->',
      '<b>x</b attr="1">',
      'a < b <b>x</b>',
      '<b>x</b> <scr',
      '<a href="https://example.com>x</a>',
    ];
    for (const html of refused) expect(htmlLineProblem(html), html).toMatch(/plain text/);
  });

  it('is checked where the background receives a line: hostile markup and HTML private notes are refused', () => {
    const line = { chatId: 'K1', text: 'Your code is 4711.' };
    expect(sendLineSchema.safeParse({ ...line, html: htmlLineFrom(purify('Your code is <b>4711</b>.')) }).success).toBe(true);
    expect(sendLineSchema.safeParse({ ...line, html: '<img src=x onerror="alert(1)">' }).success).toBe(false);
    expect(sendLineSchema.safeParse({ ...line, html: '<b>4711</b>', private: true }).success).toBe(false);
    expect(sendLineSchema.safeParse(line).success).toBe(true);
  });
});
