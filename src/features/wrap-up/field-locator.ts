/**
 * Teaching and re-finding a CRM field. Teaching records the field's stable attributes (never a
 * CSS path or position, which change with every re-render); finding scores every fillable field
 * of the page, open shadow roots included, against them and takes the single best, or says
 * clearly that the field is gone, ambiguous or read-only. Generated ids (React's `:r1:`, long
 * numbers, framework prefixes) are not recorded: they differ on the next render.
 */
import type { FieldLocator } from './recipe';

export type FoundField =
  | { ok: true; element: HTMLElement; matchedBy: string[] }
  | { ok: false; kind: 'gone' | 'ambiguous' | 'read-only'; reason: string };

const TEXT_INPUT_TYPES = new Set(['', 'text', 'email', 'tel', 'url', 'search', 'number', 'date', 'datetime-local', 'time', 'month', 'week']);
const STABLE_DATA = /^data-(testid|test-id|test|qa|cy|field|field-name|field-id|name|automation-id|key|id|label)$/;

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && clean(a).toLowerCase() === clean(b).toLowerCase();

/** Ids a framework made up for this render. */
export function looksGenerated(id: string): boolean {
  return (
    /^:[a-z0-9]+:$/i.test(id) ||
    /\d{4,}/.test(id) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ||
    /^(ember|ext-gen|ext-comp|react-select-|mui-|radix-|headlessui-|downshift-|rc_|yui_|gwt-uid-|j_id|input-\d|uid-)/i.test(id)
  );
}

function tagOf(el: Element): FieldLocator['tag'] | undefined {
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && ['', 'true', 'plaintext-only'].includes(editable.toLowerCase())) return 'contenteditable';
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return tag;
  if (tag === 'input' && TEXT_INPUT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase())) return 'input';
  return undefined;
}

/** The text of the labels that name a field: `<label for>`, a wrapping label, `aria-labelledby`. */
function labelTextOf(el: HTMLElement): string | undefined {
  const doc = el.ownerDocument;
  const ids = el.getAttribute('aria-labelledby');
  if (ids) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const text = clean(ids.split(/\s+/).map((id) => (root.getElementById(id) ?? doc.getElementById(id))?.textContent ?? '').join(' '));
    if (text) return text;
  }
  const labels = 'labels' in el ? (el as HTMLInputElement).labels : null;
  const text = clean([...(labels ?? [])].map((l) => l.textContent).join(' '));
  return text || undefined;
}

/** The locator Teach mode records for the field the agent clicked, or why that is not a field. */
export function locatorFor(el: Element): { ok: true; locator: FieldLocator; label: string } | { ok: false; reason: string } {
  const tag = tagOf(el);
  if (!tag) return { ok: false, reason: 'That is not a field Agent Dock can fill: click a text box, text area, drop-down or editable area.' };
  const h = el as HTMLElement;
  const data: Record<string, string> = {};
  for (const attr of [...h.attributes]) if (STABLE_DATA.test(attr.name) && attr.value.trim() && attr.value.length <= 200) data[attr.name] = attr.value;
  const id = h.id && !looksGenerated(h.id) ? h.id : undefined;
  const locator: FieldLocator = {
    tag,
    ...(tag === 'input' ? { type: (h.getAttribute('type') ?? 'text').toLowerCase() } : {}),
    ...(id ? { id } : {}),
    ...(h.getAttribute('name')?.trim() ? { name: h.getAttribute('name')!.trim() } : {}),
    ...(clean(h.getAttribute('aria-label')) ? { ariaLabel: clean(h.getAttribute('aria-label')) } : {}),
    ...(labelTextOf(h) ? { labelText: labelTextOf(h)!.slice(0, 200) } : {}),
    ...(clean(h.getAttribute('placeholder')) ? { placeholder: clean(h.getAttribute('placeholder')) } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
  const label = locator.labelText ?? locator.ariaLabel ?? locator.placeholder ?? locator.name ?? locator.id ?? Object.values(data)[0];
  if (!label) return { ok: false, reason: 'That field has nothing stable to find it by again (no id, name, label or data attribute); pick another one.' };
  return { ok: true, locator, label: label.slice(0, 100) };
}

/** Every fillable field in a document and its open shadow roots. */
function candidates(root: Document | ShadowRoot, out: HTMLElement[] = [], depth = 0): HTMLElement[] {
  for (const el of root.querySelectorAll<HTMLElement>('input, textarea, select, [contenteditable]')) if (tagOf(el)) out.push(el);
  if (depth < 8) for (const host of root.querySelectorAll('*')) if (host.shadowRoot) candidates(host.shadowRoot, out, depth + 1);
  return out;
}

function score(el: HTMLElement, l: FieldLocator): { score: number; matchedBy: string[] } | undefined {
  if (tagOf(el) !== l.tag) return undefined;
  if (l.data && Object.entries(l.data).some(([name, value]) => el.getAttribute(name) !== value)) return undefined;
  const matchedBy: string[] = [];
  let total = 0;
  const hit = (ok: boolean, points: number, what: string) => {
    if (ok) {
      total += points;
      matchedBy.push(what);
    }
  };
  hit(!!l.data && Object.keys(l.data).length > 0, 6, 'data attributes');
  hit(!!l.id && el.id === l.id, 5, 'id');
  hit(!!l.name && el.getAttribute('name') === l.name, 4, 'name');
  hit(same(l.ariaLabel, el.getAttribute('aria-label') ?? undefined), 3, 'aria-label');
  hit(same(l.labelText, labelTextOf(el)), 3, 'label');
  hit(same(l.placeholder, el.getAttribute('placeholder') ?? undefined), 1, 'placeholder');
  return total > 0 ? { score: total, matchedBy } : undefined;
}

function describe(l: FieldLocator): string {
  const parts = [
    l.id && `id “${l.id}”`,
    l.name && `name “${l.name}”`,
    l.labelText && `label “${l.labelText}”`,
    l.ariaLabel && `aria-label “${l.ariaLabel}”`,
    l.placeholder && `placeholder “${l.placeholder}”`,
    ...Object.entries(l.data ?? {}).map(([k, v]) => `${k} “${v}”`),
  ].filter(Boolean);
  return parts.join(', ');
}

/** Finds the taught field on the page as it is now. `label` names it in the sentences. */
export function findField(doc: Document, locator: FieldLocator, label: string): FoundField {
  const scored = candidates(doc)
    .map((element) => ({ element, ...score(element, locator) }))
    .filter((c): c is { element: HTMLElement; score: number; matchedBy: string[] } => typeof c.score === 'number')
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return { ok: false, kind: 'gone', reason: `The field “${label}” is not on this page any more (looked for ${describe(locator)}). Open the record it belongs to, or teach it again.` };
  const tied = scored.filter((c) => c.score === best.score);
  if (tied.length > 1) {
    return { ok: false, kind: 'ambiguous', reason: `${tied.length} fields on this page look like “${label}” (${best.matchedBy.join(', ')}); teach it again to tell them apart.` };
  }
  const el = best.element as HTMLInputElement;
  if (el.disabled || el.readOnly || el.getAttribute('aria-readonly') === 'true' || el.getAttribute('aria-disabled') === 'true') {
    return { ok: false, kind: 'read-only', reason: `The field “${label}” is read-only right now.` };
  }
  return { ok: true, element: best.element, matchedBy: best.matchedBy };
}
