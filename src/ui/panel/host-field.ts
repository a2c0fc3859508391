/**
 * Which CRM field the agent means by Fill: the panel follows the host page's focus from the moment
 * it mounts. This part stays in the panel's content script; filling itself (./write-back.ts) is
 * loaded with the chat tools.
 */

/** Input types that hold free text; others (checkbox, date, password…) are not filled. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number']);

export type TextField = HTMLInputElement | HTMLTextAreaElement;

export const isTextField = (el: Element): el is TextField =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type));

/** The contenteditable editing host `el` belongs to, if any. */
export function editingHost(el: Element): HTMLElement | null {
  const host = el.closest<HTMLElement>('[contenteditable]');
  if (!host) return null;
  const value = host.getAttribute('contenteditable')?.toLowerCase();
  return value === 'false' ? null : host;
}

/** An editable element the agent could mean, or null. */
export function editableOf(el: Element | null): HTMLElement | null {
  if (!el) return null;
  if (isTextField(el)) return el;
  return editingHost(el);
}

/**
 * Follows the host page's focus to remember the last editable element the agent was in, and the
 * caret inside it, so a click in the panel (which takes the focus) can still fill that field.
 */
export class HostFieldTracker {
  private field: HTMLElement | null = null;
  private caret: Range | null = null;
  private doc: Document | null = null;

  /** Whether the panel is on a page it can fill (a panel outside a CRM page has nothing to fill). */
  get watching(): boolean {
    return this.doc !== null;
  }

  /** Starts following focus in `doc`, ignoring our own panel's host element. Returns the stop function. */
  watch(doc: Document, ownHost: Element): () => void {
    const ours = (event: Event) => event.composedPath().includes(ownHost);
    const remember = (target: Element | null) => {
      const editable = editableOf(target);
      if (!editable || editable === this.field) return;
      this.field = editable;
      this.caret = null;
    };
    const onFocusIn = (event: Event) => {
      // Only the browser's own focus events: a page can dispatch a synthetic focusin naming any
      // element, to choose where Fill writes (issue #19 L3). (It can still call .focus() itself,
      // which moves the agent's caret too, visibly: docs/security.md.)
      if (!event.isTrusted || ours(event)) return;
      // The innermost element, also inside the page's own (open) shadow roots.
      const target = event.composedPath()[0];
      remember(target instanceof Element ? target : null);
    };
    const onSelectionChange = () => {
      const field = this.field;
      const selection = doc.getSelection();
      if (!field || !selection || selection.rangeCount === 0 || field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) return;
      const range = selection.getRangeAt(0);
      if (field.contains(range.startContainer) && field.contains(range.endContainer)) this.caret = range.cloneRange();
    };
    doc.addEventListener('focusin', onFocusIn, true);
    doc.addEventListener('selectionchange', onSelectionChange);
    this.doc = doc;
    if (doc.activeElement && !ownHost.contains(doc.activeElement) && doc.activeElement !== ownHost) remember(doc.activeElement);
    return () => {
      doc.removeEventListener('focusin', onFocusIn, true);
      doc.removeEventListener('selectionchange', onSelectionChange);
      if (this.doc === doc) {
        this.doc = null;
        this.field = null;
        this.caret = null;
      }
    };
  }

  /** The page field the agent last focused (null when none, or when not watching a page). */
  get lastField(): HTMLElement | null {
    return this.field;
  }

  /** Where the caret was in that field, when it is a rich-text (contenteditable) field. */
  get lastCaret(): Range | null {
    return this.caret;
  }

  /** Forgets a field that left the page. */
  forget(field: HTMLElement): void {
    if (this.field !== field) return;
    this.field = null;
    this.caret = null;
  }
}

/** The panel's tracker: the content script starts it on the CRM page it mounts the panel in. */
export const hostField = new HostFieldTracker();

