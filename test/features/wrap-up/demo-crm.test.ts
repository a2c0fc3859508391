/**
 * #22's logic against the demo CRM's record page (test/sandbox/customers.html) in jsdom: the
 * record template lands on the visitor's record; a taught recipe is re-found and filled through a
 * React-style controlled form that re-renders on every keystroke; hostile input stays text.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { knownValues } from '../../../src/features/crm-record/known-values';
import { fillRecordUrl } from '../../../src/features/crm-record/template';
import { findField, locatorFor } from '../../../src/features/wrap-up/field-locator';
import type { Recipe, RecipeValue } from '../../../src/features/wrap-up/recipe';
import { planFill } from '../../../src/features/wrap-up/recipe-values';

const ORIGIN = 'http://127.0.0.1:8091';
const PAGE = readFileSync(new URL('../../sandbox/customers.html', import.meta.url), 'utf8');

function open(url: string): JSDOM {
  return new JSDOM(PAGE, { url, runScripts: 'dangerously' });
}

const settle = (dom: JSDOM) => new Promise<void>((resolve) => dom.window.setTimeout(resolve, 0));

/** What the panel's write-back does: the prototype's value setter, then `input` and `change`. */
function typeInto(dom: JSDOM, element: HTMLElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
  setter!.call(element, value);
  element.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  element.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
}

describe('the demo CRM', () => {
  it('“Open record” lands on the record of the visitor’s e-mail', () => {
    const values = knownValues({ visitorName: 'Dana', facts: [{ label: 'Email', value: 'dana@example.com' }] });
    const link = fillRecordUrl(`${ORIGIN}/customers.html?email={email}`, ORIGIN, values);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    const { document } = open(link.url).window;
    expect(document.querySelector('h1')!.textContent).toBe('Dana Whitfield');
    expect(document.getElementById('record-email')!.textContent).toBe('dana@example.com');
  });

  it('shows a hostile e-mail as text', () => {
    const hostile = `<img src=x onerror="document.title='pwned'">@example.com`;
    const link = fillRecordUrl(`${ORIGIN}/customers.html?email={email}`, ORIGIN, { email: hostile, preChat: [], customVariables: [] });
    if (!link.ok) throw new Error(link.reason);
    const { document } = open(link.url).window;
    expect(document.getElementById('record-missing')!.textContent).toContain(hostile);
    expect(document.querySelector('img')).toBeNull();
  });

  it('a recipe taught once fills the controlled form, through its re-renders, and the app keeps the values', async () => {
    const teachDom = open(`${ORIGIN}/customers.html?email=dana%40example.com`);
    const teach = (selector: string, value: RecipeValue) => {
      const taught = locatorFor(teachDom.window.document.querySelector(selector)!);
      if (!taught.ok) throw new Error(taught.reason);
      return { value, label: taught.label, locator: taught.locator };
    };
    const recipe: Recipe = {
      version: 1,
      site: ORIGIN,
      fields: [teach('textarea', 'notes'), teach('[data-testid="case-chat-id"]', 'chat.id'), teach('select', 'disposition'), teach('[name="started"]', 'chat.startTime')],
    };
    // Generated ids are not part of what was taught.
    expect(JSON.stringify(recipe)).not.toMatch(/:r[0-9a-z]+:/);

    // Another chat, another page load: the form's ids differ, and change again with every keystroke.
    const dom = open(`${ORIGIN}/customers.html?email=dana%40example.com`);
    const start = new Date(2026, 11, 6, 9, 5).getTime();
    const plan = planFill(recipe, { chatId: 'H123-K9', startTime: start, durationSeconds: 300, visitor: { name: 'Dana' }, transcript: 'x' }, { disposition: 'Resolved', notes: 'Resent the invoice.' });
    const form = dom.window.document.getElementById('case-form')!;
    for (const step of plan) {
      if (!('value' in step)) throw new Error(step.skipped);
      const found = findField(dom.window.document, step.field.locator, step.field.label);
      if (!found.ok) throw new Error(found.reason);
      const before = form.dataset.renders;
      typeInto(dom, found.element, step.value);
      await settle(dom);
      expect(form.dataset.renders).not.toBe(before);
      expect(found.element.isConnected).toBe(false);
    }
    (dom.window.document.querySelector('#case-form button') as HTMLButtonElement).click();
    expect(JSON.parse(dom.window.document.getElementById('saved')!.textContent!)).toEqual({
      subject: '',
      type: 'Resolved',
      notes: 'Resent the invoice.',
      chatId: 'H123-K9',
      started: '2026-12-06T09:05',
    });
  });

  it('behaves like a controlled form: a value set without an input event is lost on the next render', async () => {
    const dom = open(`${ORIGIN}/customers.html?email=dana%40example.com`);
    const doc = dom.window.document;
    (doc.querySelector('[name="subject"]') as HTMLInputElement).value = 'set behind the app’s back';
    typeInto(dom, doc.querySelector('textarea')!, 'typed');
    await settle(dom);
    expect((doc.querySelector('[name="subject"]') as HTMLInputElement).value).toBe('');
    expect(doc.querySelector('textarea')!.value).toBe('typed');
  });

  it('says which field is gone on a page without the form', () => {
    const dom = new JSDOM('<p>Dashboard</p>', { url: `${ORIGIN}/` });
    expect(findField(dom.window.document, { tag: 'textarea', name: 'case_notes', labelText: 'Case notes' }, 'Case notes')).toMatchObject({ ok: false, kind: 'gone' });
  });
});
