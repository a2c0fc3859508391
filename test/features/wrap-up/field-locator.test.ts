// @vitest-environment jsdom
/** Teach a CRM field once, find it again after re-renders, and say clearly when it is gone. */
import { beforeEach, describe, expect, it } from 'vitest';
import { findField, locatorFor, looksGenerated } from '../../../src/features/wrap-up/field-locator';
import type { FieldLocator } from '../../../src/features/wrap-up/recipe';

/** A React-style form: generated ids, labels, test ids; `render` replaces every node, as a re-render may. */
function render(html?: string) {
  document.body.innerHTML =
    html ??
    `<form>
      <label for=":r1:">Case notes</label><textarea id=":r1:" name="case_notes"></textarea>
      <label>Disposition <select name="disposition"><option>Resolved</option></select></label>
      <input id="email" name="email" type="email" aria-label="Customer e-mail">
      <input data-testid="chat-id" type="text" placeholder="Chat id">
      <div contenteditable="true" aria-label="Summary" data-field="summary"></div>
      <input id="locked" name="locked" aria-label="Case number" readonly>
      <input type="checkbox" name="agree">
    </form>`;
}

function teach(selector: string): { locator: FieldLocator; label: string } {
  const taught = locatorFor(document.querySelector(selector)!);
  if (!taught.ok) throw new Error(taught.reason);
  return { locator: taught.locator, label: taught.label };
}

beforeEach(() => render());

describe('teaching', () => {
  it('records stable attributes, not generated ids', () => {
    expect(teach('textarea')).toEqual({ locator: { tag: 'textarea', name: 'case_notes', labelText: 'Case notes' }, label: 'Case notes' });
    expect(teach('select').locator).toEqual({ tag: 'select', name: 'disposition', labelText: 'Disposition Resolved' });
    expect(teach('#email').locator).toEqual({ tag: 'input', type: 'email', id: 'email', name: 'email', ariaLabel: 'Customer e-mail' });
    expect(teach('[data-testid]')).toEqual({ locator: { tag: 'input', type: 'text', placeholder: 'Chat id', data: { 'data-testid': 'chat-id' } }, label: 'Chat id' });
    expect(teach('[contenteditable]').locator).toEqual({ tag: 'contenteditable', ariaLabel: 'Summary', data: { 'data-field': 'summary' } });
  });

  it('refuses what it cannot fill or find again', () => {
    expect(locatorFor(document.querySelector('[type=checkbox]')!)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a field/) });
    render('<input id=":r9:">');
    expect(locatorFor(document.querySelector('input')!)).toMatchObject({ ok: false, reason: expect.stringMatching(/nothing stable/) });
  });

  it.each([':r1:', 'ember1234', 'field-20391', '3f2a9c1e-1111-4444-8888-000000000000', 'mui-7', 'notes'])('generated id? %s', (id) => {
    expect(looksGenerated(id)).toBe(id !== 'notes');
  });
});

describe('finding again', () => {
  it('finds each taught field after the whole form is re-rendered', () => {
    const taught = ['textarea', 'select', '#email', '[data-testid]', '[contenteditable]'].map(teach);
    render(document.body.innerHTML.replaceAll(':r1:', ':r7:'));
    for (const { locator, label } of taught) {
      const found = findField(document, locator, label);
      expect(found.ok, label).toBe(true);
    }
    expect((findField(document, taught[0]!.locator, 'Case notes') as { element: HTMLElement }).element.id).toBe(':r7:');
  });

  it('prefers the field matching more of what was taught when an id moved to another field', () => {
    const { locator } = teach('#email');
    render(`<input id="email" name="phone" aria-label="Phone"><input id="contact-mail" name="email" type="email" aria-label="Customer e-mail">`);
    const found = findField(document, locator, 'Customer e-mail');
    expect(found.ok && found.element.id).toBe('contact-mail');
    expect(found.ok && found.matchedBy).toEqual(['name', 'aria-label']);
  });

  it('finds a field inside an open shadow root (web-component CRMs)', () => {
    render('<crm-field></crm-field>');
    const shadow = document.querySelector('crm-field')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label for="n">Notes</label><textarea id="n" name="notes"></textarea>';
    const found = findField(document, { tag: 'textarea', name: 'notes', labelText: 'Notes' }, 'Notes');
    expect(found.ok && found.element.getRootNode()).toBe(shadow);
  });

  it('says clearly when the field is gone, naming what it looked for', () => {
    const { locator } = teach('textarea');
    render('<input name="subject" aria-label="Subject">');
    expect(findField(document, locator, 'Case notes')).toEqual({
      ok: false,
      kind: 'gone',
      reason: 'The field “Case notes” is not on this page any more (looked for name “case_notes”, label “Case notes”). Open the record it belongs to, or teach it again.',
    });
  });

  it('never takes a field of another kind or with other data attributes', () => {
    render('<input name="case_notes"><textarea name="case_notes" data-testid="other"></textarea>');
    expect(findField(document, { tag: 'textarea', name: 'case_notes', data: { 'data-testid': 'notes' } }, 'Case notes')).toMatchObject({ ok: false, kind: 'gone' });
  });

  it('says when two fields match equally, and when the field is read-only', () => {
    render('<textarea name="notes"></textarea><textarea name="notes"></textarea>');
    expect(findField(document, { tag: 'textarea', name: 'notes' }, 'Notes')).toMatchObject({ ok: false, kind: 'ambiguous', reason: expect.stringMatching(/^2 fields/) });
    render();
    expect(findField(document, teach('#locked').locator, 'Case number')).toMatchObject({ ok: false, kind: 'read-only' });
  });
});
