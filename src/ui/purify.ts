/**
 * HTML lines (`textType: html`) are written by other people: visitors, agents, bots. DOMPurify
 * cleans them to a small allow-list before they touch the DOM. Links open in a new tab without
 * access to us; no scripts, handlers, styles, images or non-http(s)/mailto URLs survive.
 * The UI reaches this through ./sanitize.ts, which loads it into CRM tabs only when needed.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = ['b', 'i', 'em', 'strong', 'u', 'br', 'p', 'ul', 'ol', 'li', 'a'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

let hooked = false;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function purify(html: string): string {
  // Fail closed: where DOMPurify cannot run, the markup is shown as text, never injected.
  if (!DOMPurify.isSupported) return escapeHtml(html);
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName !== 'A') return;
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR: ['href'], ALLOW_DATA_ATTR: false });
}
