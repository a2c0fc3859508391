// @vitest-environment jsdom
/**
 * Log to CRM (#22) on a page: each taught field found again and given its whole value as typing
 * would (input, text area, drop-down, rich text); a field that left the page, a drop-down without
 * that option and a value the chat lacks are each said, and nothing else is touched.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Recipe } from '../../../src/features/wrap-up/recipe';
import { logToCrm } from '../../../src/ui/customer/log-to-crm';

const chat = { chatId: 'CH-1', startTime: Date.UTC(2026, 11, 6, 10, 0), durationSeconds: 600, visitor: { email: 'dana@example.com' }, transcript: 'Dana: hi' };

const recipe: Recipe = {
  version: 1,
  site: 'https://crm.example',
  fields: [
    { value: 'notes', label: 'Case notes', locator: { tag: 'textarea', name: 'case_notes' } },
    { value: 'disposition', label: 'Type', locator: { tag: 'select', name: 'type' } },
    { value: 'visitor.email', label: 'E-mail', locator: { tag: 'input', type: 'email', name: 'email' } },
    { value: 'transcript', label: 'Log', locator: { tag: 'contenteditable', ariaLabel: 'Log' } },
    { value: 'visitor.phone', label: 'Phone', locator: { tag: 'input', name: 'phone' } },
    { value: 'chat.id', label: 'Chat id', locator: { tag: 'input', name: 'chat_id' } },
  ],
};

beforeEach(() => {
  document.body.innerHTML = `
    <textarea name="case_notes">old notes</textarea>
    <select name="type"><option>Question</option><option value="billing">Billing</option></select>
    <input type="email" name="email">
    <input name="phone" value="+1 555">
    <div contenteditable="true" aria-label="Log">old</div>`;
});

describe('logToCrm', () => {
  it('fills what it finds, as typed, and says what it could not', async () => {
    const seen: string[] = [];
    document.querySelector('textarea')!.addEventListener('input', () => seen.push('input'));
    const outcomes = await logToCrm(document, recipe, chat, { disposition: 'Billing', notes: 'Refund <b>sent</b>' });
    expect(outcomes.map((o) => [o.label, o.ok])).toEqual([
      ['Case notes', true],
      ['Type', true],
      ['E-mail', true],
      ['Log', true],
      ['Phone', false],
      ['Chat id', false],
    ]);
    expect(document.querySelector('textarea')!.value).toBe('Refund <b>sent</b>');
    expect(seen).toEqual(['input']);
    expect(document.querySelector('select')!.value).toBe('billing');
    expect((document.querySelector('input[name=email]') as HTMLInputElement).value).toBe('dana@example.com');
    // Hostile-looking text stays text in a rich-text field too.
    expect(document.querySelector('[contenteditable]')!.textContent).toBe('Dana: hi');
    expect(document.querySelector('[contenteditable] b')).toBeNull();
    // No phone known: the CRM's own value stays.
    expect(outcomes[4]!.message).toBe('“Phone” left as it is: no phone number is known for this visitor.');
    expect((document.querySelector('input[name=phone]') as HTMLInputElement).value).toBe('+1 555');
    expect(outcomes[5]!.message).toContain('The field “Chat id” is not on this page any more');
  });

  it('names a drop-down that lacks the disposition', async () => {
    const outcomes = await logToCrm(document, { ...recipe, fields: [recipe.fields[1]!] }, chat, { disposition: 'Refund', notes: '' });
    expect(outcomes).toEqual([{ label: 'Type', ok: false, message: 'The drop-down “type” has no option “Refund”.' }]);
  });
});
