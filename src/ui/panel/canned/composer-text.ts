/**
 * An HTML canned response as the text the composer holds for the agent to edit: the sanitized
 * markup (src/ui/sanitize.ts, the same sanitizer as visitor HTML) read as words, each link kept as
 * "words (address)" so the visitor still gets it. Without the sanitizer (not loaded yet), the
 * DOM-free reading of src/features/previous-chats/plain-text.ts: nothing is ever parsed unsanitized.
 */
import { htmlToPlainText } from '../../../features/previous-chats/plain-text';

export function composerTextFromHtml(html: string, sanitize: (html: string) => string | undefined): string {
  const clean = sanitize(html);
  if (clean === undefined) return htmlToPlainText(html);
  // A <template>'s content is inert: no script runs, no image loads.
  const template = document.createElement('template');
  template.innerHTML = clean;
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return void out.push(node.textContent ?? '');
    if (!(node instanceof Element)) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'br') return void out.push('\n');
    const block = /^(p|div|li|h[1-6]|ul|ol|blockquote)$/.test(tag);
    if (block) out.push('\n');
    node.childNodes.forEach(walk);
    const href = tag === 'a' ? node.getAttribute('href') : null;
    if (href && /^https?:/i.test(href) && href !== node.textContent?.trim()) out.push(` (${href})`);
    if (block) out.push('\n');
  };
  template.content.childNodes.forEach(walk);
  return out.join('').replace(/[ \t]*\n\s*/g, '\n').trim();
}
