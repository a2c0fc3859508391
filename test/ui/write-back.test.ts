// @vitest-environment jsdom
/** Fill writes into the page field the agent last focused, as typing would; Copy reports what happened. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostFieldTracker } from '../../src/ui/panel/host-field';
import { copyText, fieldName, fillField } from '../../src/ui/panel/write-back';

let tracker: HostFieldTracker;
let stop: () => void;
let panelHost: HTMLElement;
let panelButton: HTMLButtonElement;

beforeEach(() => {
  document.body.innerHTML = `
    <label for="subject">Subject</label><input id="subject" name="subject">
    <textarea id="notes" aria-label="Notes"></textarea>
    <input id="qty" type="number" aria-label="Quantity">
    <input id="agree" type="checkbox">
    <input id="ro" aria-label="Case id" readonly value="C-1">
    <div id="rte" contenteditable="true" role="textbox" aria-label="Note"></div>
    <p id="plain">not editable</p>`;
  panelHost = document.createElement('agent-dock-panel');
  const shadow = panelHost.attachShadow({ mode: 'open' });
  panelButton = document.createElement('button');
  const panelInput = document.createElement('textarea');
  shadow.append(panelButton, panelInput);
  document.body.append(panelHost);
  tracker = new HostFieldTracker();
  stop = tracker.watch(document, panelHost);
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  delete (document as { execCommand?: unknown }).execCommand;
});

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

describe('filling the last focused field', () => {
  it('says so when no field on the page was focused', () => {
    expect(fillField(tracker, 'x')).toEqual({ ok: false, message: expect.stringMatching(/click into a field on the page first/) });
  });

  it('fills an input through the native setter with input and change events, and confirms by the field label', () => {
    const input = el<HTMLInputElement>('subject');
    const events: string[] = [];
    input.addEventListener('input', () => events.push('input'));
    input.addEventListener('change', () => events.push('change'));
    input.focus();
    panelButton.focus(); // pressing Fill in the panel takes the focus; the field is still the target
    expect(fillField(tracker, 'Late order #88213')).toEqual({ ok: true, message: 'Filled into “Subject”.' });
    expect(input.value).toBe('Late order #88213');
    expect(events).toEqual(['input', 'change']);
  });

  it('ignores a synthetic focusin the page dispatches to choose the field (issue #19 L3)', () => {
    const subject = el<HTMLInputElement>('subject');
    subject.focus();
    const notes = el<HTMLTextAreaElement>('notes');
    notes.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(tracker.lastField).toBe(subject);
    expect(fillField(tracker, 'x')).toEqual({ ok: true, message: expect.stringContaining('Subject') });
    expect(notes.value).toBe('');
  });

  it('reaches a React-style controlled input: its instance value tracker does not swallow the change', () => {
    const input = el<HTMLInputElement>('subject');
    // React keeps the last value it saw in an own `value` property and ignores input events that match it.
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    let tracked = input.value;
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() {
        return native.get!.call(this);
      },
      set(v: string) {
        tracked = v;
        native.set!.call(this, v);
      },
    });
    const onChange = vi.fn();
    input.addEventListener('input', () => {
      if (input.value !== tracked) onChange(input.value);
    });
    input.focus();
    fillField(tracker, 'Dana');
    expect(onChange).toHaveBeenCalledWith('Dana');
  });

  it('inserts at the caret, replacing a selection, and keeps pieces apart: a new line in a text area, a space in an input', () => {
    const notes = el<HTMLTextAreaElement>('notes');
    notes.value = 'Customer: X. Order: ?';
    notes.focus();
    notes.setSelectionRange(10, 11);
    fillField(tracker, 'Dana');
    expect(notes.value).toBe('Customer: Dana. Order: ?');
    notes.setSelectionRange(notes.value.length, notes.value.length);
    fillField(tracker, 'Late delivery');
    expect(notes.value).toBe('Customer: Dana. Order: ?\nLate delivery');
    expect(notes.selectionStart).toBe(notes.value.length);
    notes.setSelectionRange(0, 0);
    fillField(tracker, 'Chat 4711');
    expect(notes.value).toBe('Chat 4711\nCustomer: Dana. Order: ?\nLate delivery');
    expect(notes.selectionStart).toBe('Chat 4711\n'.length);

    const subject = el<HTMLInputElement>('subject');
    subject.focus();
    fillField(tracker, 'Late');
    fillField(tracker, 'order');
    expect(subject.value).toBe('Late order');
  });

  it('ignores fields inside our own panel: the page field stays the target', () => {
    el<HTMLInputElement>('subject').focus();
    panelHost.shadowRoot!.querySelector('textarea')!.focus();
    fillField(tracker, 'x');
    expect(el<HTMLInputElement>('subject').value).toBe('x');
    expect(panelHost.shadowRoot!.querySelector('textarea')!.value).toBe('');
  });

  it('does not take non-text inputs or plain elements as targets', () => {
    el<HTMLInputElement>('subject').focus();
    el<HTMLInputElement>('agree').focus();
    el<HTMLElement>('plain').focus();
    fillField(tracker, 'x');
    expect(el<HTMLInputElement>('subject').value).toBe('x');
  });

  it('refuses read-only fields and text a number field cannot hold, with the field named', () => {
    el<HTMLInputElement>('ro').focus();
    expect(fillField(tracker, 'x')).toEqual({ ok: false, message: expect.stringContaining('“Case id” is read-only') });
    expect(el<HTMLInputElement>('ro').value).toBe('C-1');
    el<HTMLInputElement>('qty').focus();
    expect(fillField(tracker, 'two please')).toEqual({ ok: false, message: 'The field “Quantity” does not take this text.' });
    expect(fillField(tracker, '2')).toEqual({ ok: true, message: 'Filled into “Quantity”.' });
  });

  it("reaches a field inside the page's own web components (open shadow roots)", () => {
    const component = document.createElement('crm-field');
    const inner = document.createElement('input');
    inner.setAttribute('aria-label', 'Order number');
    component.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(component);
    inner.focus();
    expect(fillField(tracker, '88213')).toEqual({ ok: true, message: 'Filled into “Order number”.' });
    expect(inner.value).toBe('88213');
  });

  it('says so when the field it would fill has left the page', () => {
    el<HTMLInputElement>('subject').focus();
    el('subject').remove();
    expect(fillField(tracker, 'x')).toEqual({ ok: false, message: expect.stringMatching(/no longer on the page/) });
  });

  it('inserts into a contenteditable at the caret the agent left there, firing input', () => {
    const rte = el<HTMLDivElement>('rte');
    rte.innerHTML = '<p>Called about </p><p>Follow up.</p>';
    rte.focus();
    const caret = document.createRange();
    caret.setStart(rte.firstChild!.firstChild!, 'Called about '.length);
    caret.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(caret);
    document.dispatchEvent(new Event('selectionchange'));
    const inputs: Array<string | null> = [];
    rte.addEventListener('input', (e) => inputs.push((e as InputEvent).data));
    panelButton.focus();
    document.getSelection()!.removeAllRanges(); // clicking in the panel loses the page's selection
    expect(fillField(tracker, 'order #88213')).toEqual({ ok: true, message: 'Filled into “Note”.' });
    expect(rte.textContent).toBe('Called about order #88213 Follow up.');
    expect(rte.firstChild!.textContent).toBe('Called about order #88213 ');
    expect(inputs).toEqual(['order #88213 ']);
  });

  it('appends to a contenteditable with no caret in it, spaced from what is there', () => {
    const rte = el<HTMLDivElement>('rte');
    rte.textContent = 'Spoke with Dana.';
    rte.focus();
    fillField(tracker, 'She wants a refund.');
    expect(rte.textContent).toBe('Spoke with Dana. She wants a refund.');
  });

  it('stops following focus once stopped, and then says Fill is not available', () => {
    stop();
    el<HTMLInputElement>('subject').focus();
    expect(tracker.watching).toBe(false);
    expect(fillField(tracker, 'x').ok).toBe(false);
    expect(el<HTMLInputElement>('subject').value).toBe('');
  });

  it('names fields by aria-label, label, placeholder, then name', () => {
    expect(fieldName(el('notes'))).toBe('Notes');
    expect(fieldName(el('subject'))).toBe('Subject');
    const bare = document.createElement('input');
    bare.placeholder = 'Search customers';
    expect(fieldName(bare)).toBe('Search customers');
    const unnamed = document.createElement('input');
    expect(fieldName(unnamed)).toBe('the field');
  });
});

describe('copying', () => {
  it('writes to the clipboard and confirms', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('hello', panelHost.shadowRoot, 'this line')).toEqual({ ok: true, message: 'Copied this line.' });
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('falls back to the copy command where the Clipboard API refuses, then restores the focus', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError')) } });
    let copied: string | undefined;
    document.execCommand = vi.fn((command: string) => {
      copied = command === 'copy' ? (panelHost.shadowRoot!.activeElement as HTMLTextAreaElement | null)?.value : undefined;
      return command === 'copy';
    });
    panelButton.focus();
    expect(await copyText('hello', panelHost.shadowRoot, 'Email')).toEqual({ ok: true, message: 'Copied Email.' });
    expect(copied).toBe('hello');
    expect(panelHost.shadowRoot!.querySelectorAll('textarea')).toHaveLength(1); // the scratch area is gone
    expect(panelHost.shadowRoot!.activeElement).toBe(panelButton);
  });

  it('says why and what to do when nothing can copy, and logs the cause', async () => {
    vi.stubGlobal('navigator', {}); // no Clipboard API: not a secure context
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = await copyText('hello', panelHost.shadowRoot, 'the transcript');
    expect(result.ok).toBe(false);
    expect(result.message).toBe('Could not copy: this page is not secure (https), so it has no clipboard. Select the text and press Ctrl+C instead.');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('clipboard'), expect.stringContaining('not a secure context'));
  });

  it('says the browser refused when the Clipboard API and the copy command both refuse', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError')) } });
    document.execCommand = vi.fn(() => false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await copyText('hello', panelHost.shadowRoot, 'Email')).toEqual({
      ok: false,
      message: 'Could not copy: the browser refused this page the clipboard. Select the text and press Ctrl+C instead.',
    });
    expect(warn).toHaveBeenCalledWith(expect.any(String), 'NotAllowedError: Document is not focused.');
  });
});
