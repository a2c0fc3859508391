/**
 * A site's record-lookup URL template, e.g. `https://crm.example/search?q={email}`, filled from
 * what the panel knows about the visitor. The template must be an http(s) URL on the CRM site's
 * own origin, with placeholders only after the origin (so no value can move the link elsewhere);
 * every value is percent-encoded as a URI component. A missing value is named, never guessed.
 *
 * Placeholders: `{email}`, `{phone}`, `{customerId}`, `{name}`, `{visitorId}`,
 * `{prechat:<question>}` (a pre-chat survey answer) and `{var:<name>}` (a custom variable).
 */
import type { RecordValues } from './known-values';

export type Placeholder =
  | { kind: 'email' | 'phone' | 'customerId' | 'name' | 'visitorId' }
  | { kind: 'prechat' | 'var'; key: string };

export type TemplateCheck = { ok: true; placeholders: Placeholder[] } | { ok: false; reason: string };

export type RecordLink =
  | { ok: true; url: string }
  | { ok: false; kind: 'invalid-template' | 'other-origin' | 'missing-values'; reason: string; missing?: string[] };

const SIMPLE = new Set(['email', 'phone', 'customerId', 'name', 'visitorId']);
const TOKEN = /\{([^{}]*)\}/g;
export const MAX_TEMPLATE_LENGTH = 2000;

/** How the agent reads a placeholder: "e-mail", "pre-chat answer “Account number”". */
export function placeholderLabel(p: Placeholder): string {
  switch (p.kind) {
    case 'email':
      return 'e-mail';
    case 'phone':
      return 'phone number';
    case 'customerId':
      return 'customer id';
    case 'name':
      return 'name';
    case 'visitorId':
      return 'visitor id';
    case 'prechat':
      return `pre-chat answer “${p.key}”`;
    case 'var':
      return `custom variable “${p.key}”`;
  }
}

function placeholderOf(inner: string): Placeholder | string {
  const text = inner.trim();
  if (SIMPLE.has(text)) return { kind: text as 'email' };
  const m = /^(prechat|var):(.+)$/.exec(text);
  if (m && m[2]!.trim()) return { kind: m[1] as 'prechat' | 'var', key: m[2]!.trim() };
  return `{${inner}} is not a placeholder this panel knows (use {email}, {phone}, {customerId}, {name}, {visitorId}, {prechat:Question} or {var:name})`;
}

/** Checks a template on its own: syntax, scheme, where placeholders sit. */
export function checkTemplate(template: string): TemplateCheck {
  if (template.length > MAX_TEMPLATE_LENGTH) return { ok: false, reason: `The template is longer than ${MAX_TEMPLATE_LENGTH} characters.` };
  const withoutTokens = template.replace(TOKEN, '');
  if (/[{}]/.test(withoutTokens)) return { ok: false, reason: 'The template has a “{” or “}” that does not close a placeholder.' };
  const placeholders: Placeholder[] = [];
  for (const [, inner] of template.matchAll(TOKEN)) {
    const placeholder = placeholderOf(inner!);
    if (typeof placeholder === 'string') return { ok: false, reason: placeholder };
    placeholders.push(placeholder);
  }
  // Everything up to the path is literal: scheme, host and port can never come from a value.
  const head = /^(https?):\/\/([^/?#{}]+)(?=[/?#])/i.exec(template);
  if (!head) return { ok: false, reason: 'The template must start with the CRM’s own http(s) address and a path, e.g. https://crm.example.com/search?q={email}.' };
  let url: URL;
  try {
    url = new URL(template.replace(TOKEN, 'x'));
  } catch {
    return { ok: false, reason: 'The template is not a URL.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'The template must not carry a user name or password.' };
  if (placeholders.length === 0) return { ok: false, reason: 'The template has no placeholder: it would open the same page for every visitor.' };
  return { ok: true, placeholders };
}

/** The origin a template opens, or undefined for a template that does not check out. */
export function templateOrigin(template: string): string | undefined {
  if (!checkTemplate(template).ok) return undefined;
  return new URL(template.replace(TOKEN, 'x')).origin;
}

/** encodeURIComponent, plus the sub-delimiters it leaves alone, so a value stays one value. */
export function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function valueFor(p: Placeholder, values: RecordValues): string | undefined {
  const find = (facts: RecordValues['preChat'], key: string) => facts.find((f) => f.label.trim().toLowerCase() === key.toLowerCase())?.value;
  const raw = p.kind === 'prechat' ? find(values.preChat, p.key) : p.kind === 'var' ? find(values.customVariables, p.key) : values[p.kind];
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The record link for this visitor on the CRM page at `pageOrigin`, or why there is none: the
 * template is broken, it points to another origin, or values are missing (each named).
 */
export function fillRecordUrl(template: string, pageOrigin: string, values: RecordValues): RecordLink {
  const check = checkTemplate(template);
  if (!check.ok) return { ok: false, kind: 'invalid-template', reason: check.reason };
  const origin = new URL(template.replace(TOKEN, 'x')).origin;
  if (origin !== pageOrigin) {
    return { ok: false, kind: 'other-origin', reason: `The record link would open ${origin}, not this CRM (${pageOrigin}); only the site’s own address is allowed.` };
  }
  const missing = [...new Set(check.placeholders.filter((p) => valueFor(p, values) === undefined).map(placeholderLabel))];
  if (missing.length) {
    return { ok: false, kind: 'missing-values', missing, reason: `Open record needs the visitor’s ${missing.join(' and ')}, which this chat does not have.` };
  }
  const url = template.replace(TOKEN, (_, inner: string) => encodeValue(valueFor(placeholderOf(inner) as Placeholder, values)!));
  // Belt and braces: the filled link still opens the same origin.
  if (new URL(url).origin !== pageOrigin) return { ok: false, kind: 'other-origin', reason: 'The filled record link left this CRM’s origin.' };
  return { ok: true, url };
}
