/**
 * An HTML canned response as the line LivePerson receives: the Chat Agent API takes lines with
 * `textType: "html"` (Send Lines and Structured Content, developer-center
 * `send-lines-and-structured-content.md`; reference §4.20): "Iframes, scripts and DOM actions are not
 * allowed", link targets are rewritten to `_blank`, and the page's best practice is to wrap the HTML
 * in a `<div>` (its example: `<div dir='ltr' style='direction:ltr;text-align:left;'>…</div>`).
 *
 * The panel cleans the response with DOMPurify to our allow-list (src/ui/purify.ts: a subset of what
 * LivePerson allows, no styles) and wraps it (`htmlLineFrom`). The background, which has no DOM, checks
 * what a content script hands it again with `htmlLineProblem`: only that allow-list's tags and
 * attributes, http(s)/mailto links opening in a new tab, no comment, no stray `<`. A line that fails
 * is refused, never repaired.
 */

/** Tags the sanitizer keeps (src/ui/purify.ts), and the wrapping `div`. */
const ALLOWED_TAGS = new Set(['b', 'i', 'em', 'strong', 'u', 'br', 'p', 'ul', 'ol', 'li', 'a', 'div']);
const ALLOWED_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'target', 'rel']),
  div: new Set(['dir']),
};
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
const TAG = /<[^>]*>/g;
const TAG_PARTS = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>$/i;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/gi;

/** The line for sanitized markup: LivePerson's best practice wraps it in a `div`; `dir="auto"` serves both directions. */
export function htmlLineFrom(sanitized: string): string {
  return `<div dir="auto">${sanitized}</div>`;
}

/** Why this markup is not a line we send, in a sentence; undefined when it is. */
export function htmlLineProblem(html: string): string | undefined {
  const refuse = 'The formatted response holds markup Agent Dock does not send: send it as plain text.';
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    if (html.slice(last, match.index).includes('<')) return refuse;
    last = match.index + match[0].length;
    const parts = TAG_PARTS.exec(match[0]);
    if (!parts) return refuse;
    const [, closing, rawName, attributes = ''] = parts;
    const name = rawName!.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return refuse;
    if (closing && attributes.trim()) return refuse;
    for (const [, rawAttribute, value = ''] of attributes.matchAll(ATTRIBUTE)) {
      const attribute = rawAttribute!.toLowerCase();
      if (!ALLOWED_ATTRIBUTES[name]?.has(attribute)) return refuse;
      if (attribute === 'href' && !SAFE_URL.test(value)) return refuse;
      if (attribute === 'target' && value !== '_blank') return refuse;
    }
  }
  if (html.slice(last).includes('<')) return refuse;
  return undefined;
}
