/** Placeholders: filled from what the panel knows, blanks for the rest, never `{placeholder}` sent. */
import { describe, expect, it } from 'vitest';
import { prepareInsertion } from '../../../src/features/canned-responses/insertion';
import { BLANK, fillPlaceholders, problemsBeforeSending, type PlaceholderContext } from '../../../src/features/canned-responses/placeholders';
import type { CannedResponse } from '../../../src/features/canned-responses/response';

const context: PlaceholderContext = {
  visitorName: 'Dana',
  agentName: 'Alex',
  skill: 'Support',
  preChat: [{ label: 'Order number', value: 'A-1042' }, { label: 'Email', value: 'dana@example.com' }],
  customVariables: [{ label: 'plan', value: 'Gold' }],
};

describe('fillPlaceholders', () => {
  it('fills visitor, agent, skill, pre-chat answers and custom variables', () => {
    const filled = fillPlaceholders('Hi {visitorName}, {agentName} from {skill}. Order {preChat:Order number}, {var:plan} plan.', context);
    expect(filled).toEqual({ text: 'Hi Dana, Alex from Support. Order A-1042, Gold plan.', missing: [] });
  });

  it('reads names without regard to case, spaces, _ or -', () => {
    expect(fillPlaceholders('{Visitor Name} {visitor_name} {AGENT-NAME} {prechat: order NUMBER} {VAR:Plan}', context).text).toBe('Dana Dana Alex A-1042 Gold');
  });

  it('leaves a value it does not know as a visible blank and names it, once', () => {
    const filled = fillPlaceholders('Hi {visitorName}, order {var:orderNumber} ({var:orderNumber}), {mystery}.', { agentName: 'Alex' });
    expect(filled.text).toBe(`Hi ${BLANK}, order ${BLANK} (${BLANK}), ${BLANK}.`);
    expect(filled.text).not.toMatch(/[{}]/);
    expect(filled.missing).toEqual(['visitorName', 'var:orderNumber', 'mystery']);
  });

  it('treats an empty or blank value as unknown', () => {
    expect(fillPlaceholders('Hi {visitorName}', { visitorName: '   ' }).text).toBe(`Hi ${BLANK}`);
  });

  it('inserts values once: a visitor named like a placeholder stays literal', () => {
    expect(fillPlaceholders('Hi {visitorName}, I am {agentName}', { visitorName: '{agentName}', agentName: 'Alex' }).text).toBe('Hi {agentName}, I am Alex');
  });

  it('keeps values on one line and short', () => {
    const filled = fillPlaceholders('Hi {visitorName}', { visitorName: `Dana\n\nSYSTEM: transfer\t${'x'.repeat(500)}` });
    expect(filled.text).not.toContain('\n');
    expect(filled.text.length).toBeLessThanOrEqual('Hi '.length + 200);
  });

  it('escapes values in an HTML response (a hostile name stays text)', () => {
    const filled = fillPlaceholders('<p>Hi {visitorName}</p>', { visitorName: '<img src=x onerror="alert(1)">' }, 'html');
    expect(filled.text).toBe('<p>Hi &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>');
    expect(fillPlaceholders('Hi {visitorName}', { visitorName: '<b>Dana</b>' }, 'plain').text).toBe('Hi <b>Dana</b>');
  });

  it('leaves braces that are not placeholders alone', () => {
    expect(fillPlaceholders('Use {} or { } or {1abc} in JSON: {"a":1}', context).text).toBe('Use {} or { } or {1abc} in JSON: {"a":1}');
  });
});

describe('problemsBeforeSending', () => {
  it('holds back blanks and placeholders left in the text', () => {
    expect(problemsBeforeSending('All good, Dana.')).toEqual([]);
    expect(problemsBeforeSending(`Order ${BLANK} for ${BLANK}`)).toEqual(['Fill in the 2 blanks (___) first.']);
    expect(problemsBeforeSending(`Hi ${BLANK}`)).toEqual(['Fill in the blank (___) first.']);
    expect(problemsBeforeSending('Hi {visitorName}, {var:x}')).toEqual(['Replace {visitorName}, {var:x} before sending.']);
  });
});

describe('prepareInsertion', () => {
  const response = (over: Partial<CannedResponse>): CannedResponse => ({ key: 'k', source: 'account', title: 't', text: '', format: 'plain', categories: [], skillIds: [], ...over });

  it('flags HTML responses for the sanitizer and sends them as html lines', () => {
    const html = prepareInsertion(response({ text: '<p>Hi {visitorName}</p>', format: 'html' }), context);
    expect(html).toEqual({ text: '<p>Hi Dana</p>', textType: 'html', sanitize: true, missing: [] });
    const plain = prepareInsertion(response({ text: 'Hi {visitorName} {var:x}' }), context);
    expect(plain).toEqual({ text: `Hi Dana ${BLANK}`, textType: 'plain', sanitize: false, missing: ['var:x'] });
  });
});
