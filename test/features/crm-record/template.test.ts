/** Record-lookup templates: checked, kept on the site's origin, values encoded, missing ones named. */
import { describe, expect, it } from 'vitest';
import { knownValues, type RecordValues } from '../../../src/features/crm-record/known-values';
import { checkTemplate, encodeValue, fillRecordUrl } from '../../../src/features/crm-record/template';

const CRM = 'https://crm.example.com';
const dana: RecordValues = {
  email: 'dana@example.com',
  phone: '+1 555-0142',
  customerId: '88213',
  name: 'Dana Whitfield',
  visitorId: 'H4sI',
  preChat: [{ label: 'Account number', value: 'AC-7' }],
  customVariables: [{ label: 'plan', value: 'Team' }],
};

describe('filling a template', () => {
  it('fills every kind of placeholder', () => {
    const template = `${CRM}/search?q={email}&p={phone}&c={customerId}&n={name}&v={visitorId}&a={prechat:account number}&plan={var:plan}`;
    expect(fillRecordUrl(template, CRM, dana)).toEqual({
      ok: true,
      url: `${CRM}/search?q=dana%40example.com&p=%2B1%20555-0142&c=88213&n=Dana%20Whitfield&v=H4sI&a=AC-7&plan=Team`,
    });
  });

  it('encodes URL metacharacters so a value stays one value in path, query and fragment', () => {
    const hostile = { ...dana, email: `a&b=c#d/../e?f%20'"<script>(x)*!@evil.example` };
    const filled = fillRecordUrl(`${CRM}/people/{email}/view?q={email}#{email}`, CRM, hostile);
    expect(filled.ok).toBe(true);
    if (!filled.ok) return;
    const url = new URL(filled.url);
    expect(url.origin).toBe(CRM);
    expect(url.pathname.split('/')).toHaveLength(4);
    expect([...url.searchParams.keys()]).toEqual(['q']);
    expect(url.searchParams.get('q')).toBe(hostile.email);
    expect(decodeURIComponent(url.hash.slice(1))).toBe(hostile.email);
    expect(filled.url).not.toMatch(/[<>"'()*!]/);
  });

  it('refuses a template on another origin, naming both', () => {
    const result = fillRecordUrl('https://evil.example/steal?e={email}', CRM, dana);
    expect(result).toMatchObject({ ok: false, kind: 'other-origin' });
    if (!result.ok) expect(result.reason).toBe('The record link would open https://evil.example, not this CRM (https://crm.example.com); only the site’s own address is allowed.');
    expect(fillRecordUrl('https://crm.example.com:8443/s?q={email}', CRM, dana)).toMatchObject({ ok: false, kind: 'other-origin' });
    expect(fillRecordUrl('http://crm.example.com/s?q={email}', CRM, dana)).toMatchObject({ ok: false, kind: 'other-origin' });
  });

  it('names every missing value and fills nothing', () => {
    const result = fillRecordUrl(`${CRM}/s?e={email}&p={phone}&a={prechat:Order}&x={var:tier}&e2={email}`, CRM, { ...dana, email: ' ', phone: undefined });
    expect(result).toEqual({
      ok: false,
      kind: 'missing-values',
      missing: ['e-mail', 'phone number', 'pre-chat answer “Order”', 'custom variable “tier”'],
      reason: 'Open record needs the visitor’s e-mail and phone number and pre-chat answer “Order” and custom variable “tier”, which this chat does not have.',
    });
  });
});

describe('checking a template', () => {
  it.each([
    ['https://{email}.crm.example.com/x', /start with the CRM’s own/],
    ['https://crm.example.com{email}', /start with the CRM’s own/],
    ['javascript:alert({email})', /start with the CRM’s own/],
    ['data:text/html,{email}', /start with the CRM’s own/],
    ['//crm.example.com/s?q={email}', /start with the CRM’s own/],
    ['https://user:pw@crm.example.com/s?q={email}', /user name or password/],
    ['https://crm.example.com/s?q={mail}', /\{mail\} is not a placeholder/],
    ['https://crm.example.com/s?q={email', /does not close/],
    ['https://crm.example.com/s?q=email}', /does not close/],
    ['https://crm.example.com/search', /no placeholder/],
    ['https://crm.example.com/s?q={prechat: }', /not a placeholder/],
    [`https://crm.example.com/s?q={email}${'x'.repeat(2000)}`, /longer than/],
  ])('refuses %s', (template, reason) => {
    const result = checkTemplate(template);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(fillRecordUrl(template, CRM, dana)).toMatchObject({ ok: false, kind: 'invalid-template' });
  });

  it('accepts a loopback CRM with a port (the sandbox)', () => {
    expect(fillRecordUrl('http://127.0.0.1:8091/crm.html#/record?email={email}', 'http://127.0.0.1:8091', dana)).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8091/crm.html#/record?email=dana%40example.com',
    });
  });

  it('encodes the sub-delimiters encodeURIComponent leaves alone', () => {
    expect(encodeValue("(a)*!'")).toBe('%28a%29%2A%21%27');
  });
});

describe('what the panel knows', () => {
  it('picks e-mail, phone, customer id and name from participant info, the visit and the pre-chat survey', () => {
    const values = knownValues({
      visitorName: 'Visitor',
      visitorId: ' 42 ',
      facts: [
        { label: 'Authenticated name', value: 'Dana Whitfield' },
        { label: 'Email', value: 'dana@example.com' },
        { label: 'Phone', value: '+1-555-0142' },
        { label: 'Customer id', value: '88213' },
      ],
      preChatSurvey: [{ label: 'Your e-mail', value: 'other@example.com' }],
      customVariables: [{ label: 'plan', value: 'Team' }],
    });
    expect(values).toMatchObject({ email: 'dana@example.com', phone: '+1-555-0142', customerId: '88213', name: 'Dana Whitfield', visitorId: '42' });
    expect(values.preChat).toHaveLength(1);
    expect(values.customVariables).toEqual([{ label: 'plan', value: 'Team' }]);
  });

  it('falls back to any e-mail-shaped answer and the chat’s visitor name; never a placeholder name', () => {
    expect(knownValues({ visitorName: 'Lee', preChatSurvey: [{ label: 'Contact', value: 'lee@example.org' }, { label: 'Name', value: '' }] })).toMatchObject({ email: 'lee@example.org', name: 'Lee' });
    expect(knownValues({ visitorName: 'Visitor', facts: [{ label: 'Email', value: 'not an address' }] })).toMatchObject({ email: undefined, name: undefined, phone: undefined });
  });
});
