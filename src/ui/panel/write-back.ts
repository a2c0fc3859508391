/**
 * Writing chat content back into the CRM page the panel lives on: into the editable field the
 * agent last focused there (input, textarea or contenteditable, never inside our own panel), or
 * onto the clipboard. Each outcome is a value with a sentence the panel shows. Loaded with the
 * chat tools (./tools.ts); which field the agent means is followed by ./host-field.ts.
 */

import { editingHost, isTextField, type HostFieldTracker, type TextField } from './host-field';

export type WriteBackResult = { ok: true; message: string } | { ok: false; message: string };

/** What the agent would call the field: its label, aria-label, placeholder, name. */
export function fieldName(el: HTMLElement): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  const candidates = [
    el.getAttribute('aria-label'),
    labelledBy ? labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent ?? '').join(' ') : null,
    isTextField(el) ? (el.labels?.[0]?.textContent ?? null) : null,
    el.getAttribute('placeholder') ?? el.getAttribute('data-placeholder'),
    el.getAttribute('name'),
    el.id,
  ];
  const name = candidates.map((c) => c?.replace(/\s+/g, ' ').trim() ?? '').find((c) => c !== '');
  if (!name) return 'the field';
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

const quoted = (el: HTMLElement) => `“${fieldName(el)}”`;

/** Filled next to other words, the text is kept apart from them by `separator` on either side. */
function spaced(before: string, text: string, after: string, separator: string): string {
  const lead = before !== '' && !/\s$/.test(before) ? separator : '';
  const trail = /^[\p{L}\p{N}]/u.test(after) ? separator : '';
  return lead + text + trail;
}

/** Sets a field's value the way typing would, so React/Vue-controlled inputs see the change. */
function setFieldValue(field: TextField, value: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // The prototype's setter, not `field.value =`: frameworks track the value on the instance and
  // would otherwise swallow the input event as "no change".
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function selectionOf(field: TextField): { start: number; end: number } | null {
  try {
    if (field.selectionStart === null || field.selectionEnd === null) return null;
    return { start: field.selectionStart, end: field.selectionEnd };
  } catch {
    return null; // input types without a caret (email, number) throw or answer null
  }
}

function fillTextField(field: TextField, text: string): WriteBackResult {
  if (field.disabled || field.readOnly) return { ok: false, message: `The field ${quoted(field)} is read-only: click into another field, then press Fill.` };
  const current = field.value;
  const caret = selectionOf(field);
  let next: string;
  let caretAfter: number | undefined;
  if (!caret) {
    next = text; // no caret to insert at: the text replaces the value
  } else {
    const before = current.slice(0, caret.start);
    // Pieces filled one after another stay apart: on their own line in a text area, a space in an input.
    const piece = spaced(before, text, current.slice(caret.end), field instanceof HTMLTextAreaElement ? '\n' : ' ');
    next = before + piece + current.slice(caret.end);
    caretAfter = before.length + piece.length;
  }
  setFieldValue(field, next);
  if (field.value !== next) {
    return { ok: false, message: `The field ${quoted(field)} does not take this text.` };
  }
  if (caretAfter !== undefined) {
    try {
      field.setSelectionRange(caretAfter, caretAfter);
    } catch {
      // no caret in this input type
    }
  }
  return { ok: true, message: `Filled into ${quoted(field)}.` };
}

function fillEditable(host: HTMLElement, text: string, caret: Range | null): WriteBackResult {
  const doc = host.ownerDocument;
  const selection = doc.getSelection();
  // The caret the agent left in the field; else the end of its content.
  let range: Range;
  if (caret && host.contains(caret.startContainer) && host.contains(caret.endContainer)) {
    range = caret.cloneRange();
  } else {
    range = doc.createRange();
    range.selectNodeContents(host);
    range.collapse(false);
  }
  const before = doc.createRange();
  before.selectNodeContents(host);
  before.setEnd(range.startContainer, range.startOffset);
  const after = doc.createRange();
  after.selectNodeContents(host);
  after.setStart(range.endContainer, range.endOffset);
  const piece = spaced(before.toString(), text, after.toString(), ' ');
  host.focus({ preventScroll: true });
  selection?.removeAllRanges();
  selection?.addRange(range);
  // insertText is the browser's own editing command, as pasting: a trusted input event and an undo
  // step, which rich-text editors follow. Where the command is unavailable, insert the text ourselves.
  const inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, piece);
  if (!inserted) {
    range.deleteContents();
    const node = doc.createTextNode(piece);
    range.insertNode(node);
    range.setStartAfter(node);
    range.collapse(true);
    selection?.removeAllRanges();
    selection?.addRange(range);
    host.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: piece }));
  }
  return { ok: true, message: `Filled into ${quoted(host)}.` };
}

/** Puts `text` into the field the agent last focused on the page, at its caret (replacing a selection), as typing would. */
export function fillField(tracker: HostFieldTracker, text: string): WriteBackResult {
  if (!tracker.watching) return { ok: false, message: 'Fill works in the panel on a CRM page only: use Copy here.' };
  const field = tracker.lastField;
  if (!field) return { ok: false, message: 'No field to fill: click into a field on the page first, then press Fill.' };
  if (!field.isConnected) {
    tracker.forget(field);
    return { ok: false, message: 'The field you last clicked into is no longer on the page: click into a field, then press Fill.' };
  }
  if (isTextField(field)) return fillTextField(field, text);
  if (editingHost(field) === field) return fillEditable(field, text, tracker.lastCaret);
  return { ok: false, message: `The field ${quoted(field)} can no longer be edited: click into another field, then press Fill.` };
}

/**
 * Log to CRM (#22): a field a recipe found gets the whole value, typed as a user would (the same
 * setter and events as Fill, so controlled fields keep it); a drop-down takes the option whose
 * value or text matches. Nothing is submitted.
 */
export function replaceFieldValue(field: HTMLElement, text: string): WriteBackResult {
  if (field instanceof HTMLSelectElement) {
    const option = [...field.options].find((o) => o.value === text) ?? [...field.options].find((o) => o.text.trim().toLowerCase() === text.trim().toLowerCase());
    if (!option) return { ok: false, message: `The drop-down ${quoted(field)} has no option “${text}”.` };
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
    if (setter) setter.call(field, option.value);
    else field.value = option.value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    return { ok: true, message: `Filled into ${quoted(field)}.` };
  }
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    if (field.disabled || field.readOnly) return { ok: false, message: `The field ${quoted(field)} is read-only.` };
    setFieldValue(field, text);
    return field.value === text ? { ok: true, message: `Filled into ${quoted(field)}.` } : { ok: false, message: `The field ${quoted(field)} does not take this text.` };
  }
  if (editingHost(field) === field) {
    const range = field.ownerDocument.createRange();
    range.selectNodeContents(field);
    return fillEditable(field, text, range);
  }
  return { ok: false, message: `The field ${quoted(field)} cannot be edited.` };
}

/** Why the clipboard refused, for the logs. */
const reason = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Copies `text` to the clipboard. The Clipboard API needs a secure context and the page's
 * permission; where it is missing or refuses (a CRM on plain http, a blocking policy) the older
 * copy command is tried, with a scratch text area placed in `scratchRoot` (our shadow root).
 */
export async function copyText(text: string, scratchRoot: Document | ShadowRoot | null, what: string): Promise<WriteBackResult> {
  const done: WriteBackResult = { ok: true, message: `Copied ${what}.` };
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  let refusal: unknown = 'no Clipboard API on this page (not a secure context)';
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return done;
    } catch (error) {
      refusal = error;
    }
  }
  if (scratchRoot && copyWithCommand(text, scratchRoot)) return done;
  console.warn('[Agent Dock] copying to the clipboard failed:', reason(refusal));
  const why = clipboard?.writeText ? 'the browser refused this page the clipboard' : 'this page is not secure (https), so it has no clipboard';
  return { ok: false, message: `Could not copy: ${why}. Select the text and press Ctrl+C instead.` };
}

function copyWithCommand(text: string, root: Document | ShadowRoot): boolean {
  const doc = root instanceof Document ? root : root.ownerDocument;
  if (typeof doc.execCommand !== 'function') return false;
  const previous = (root as DocumentOrShadowRoot).activeElement as HTMLElement | null;
  const scratch = doc.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.setAttribute('aria-hidden', 'true');
  scratch.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;';
  (root instanceof Document ? root.body : root).append(scratch);
  try {
    scratch.focus({ preventScroll: true });
    scratch.select();
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    scratch.remove();
    previous?.focus?.({ preventScroll: true });
  }
}
