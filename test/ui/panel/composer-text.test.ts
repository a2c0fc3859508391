// @vitest-environment jsdom
/** An HTML canned response becomes the composer's words only through the sanitizer; links keep their address. */
import { describe, expect, it } from 'vitest';
import { purify } from '../../../src/ui/purify';
import { composerTextFromHtml } from '../../../src/ui/panel/canned/composer-text';

const PWN = "document.title='pwned'";

describe('composerTextFromHtml', () => {
  it('keeps words, paragraphs and each link’s address', () => {
    const html = '<p>Reset it on <a href="https://www.example.com/reset">the reset page</a>.</p><p>It works for <b>24 hours</b>.</p>';
    expect(composerTextFromHtml(html, purify)).toBe('Reset it on the reset page (https://www.example.com/reset).\nIt works for 24 hours.');
  });

  it('runs nothing and keeps no dangerous address from hostile markup', () => {
    document.title = 'safe';
    const html = `<img src=x onerror="${PWN}"><script>${PWN}</script><b>Bold offer</b> <a href="javascript:${PWN}">terms</a>`;
    const text = composerTextFromHtml(html, purify);
    expect(text).toBe('Bold offer terms');
    expect(document.title).toBe('safe');
  });

  it('reads the words without a DOM while the sanitizer is not loaded', () => {
    expect(composerTextFromHtml(`<b>Hi</b><script>${PWN}</script> there`, () => undefined)).toBe('Hi there');
  });
});
