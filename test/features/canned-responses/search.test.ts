/** Search as you type after `/`: shortcuts first, then title over text, ties in library order. */
import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../src/features/canned-responses/response';
import { searchResponses } from '../../../src/features/canned-responses/search';

const r = (key: string, title: string, text: string, extra: Partial<CannedResponse> = {}): CannedResponse => ({
  key,
  source: 'account',
  title,
  text,
  format: 'plain',
  categories: [],
  skillIds: [],
  ...extra,
});

const library = [
  r('greet', 'Greeting', 'Hi {visitorName}, how can I help?', { shortcut: 'hi' }),
  r('hold', 'One moment', "I'll be right with you.", { shortcut: 'hold' }),
  r('refund', 'Refund policy', 'Refunds reach your card within 5 days.', { categories: ['Billing'] }),
  r('reset', 'Reset password', 'You can reset your password on the reset page.', { shortcut: 'pw' }),
  r('ship', 'Shipping times', 'Orders ship within two days; a refund is possible on return.'),
  r('close', 'Closing', 'Thank you for chatting with us!', { shortcut: 'bye' }),
];

const keys = (typed: string) => searchResponses(library, typed).map((h) => h.response.key);

describe('searchResponses', () => {
  it('lists everything, in library order, for an empty query', () => {
    expect(keys('')).toEqual(library.map((x) => x.key));
    expect(keys('/')).toEqual(library.map((x) => x.key));
    expect(searchResponses(library, '', 2)).toHaveLength(2);
  });

  it('puts the exact shortcut first, then shortcuts that start with what was typed', () => {
    expect(keys('/hold')[0]).toBe('hold');
    expect(keys('ho')[0]).toBe('hold');
    expect(keys('/PW')[0]).toBe('reset');
  });

  it('ranks a title match above the same word in the text', () => {
    const found = keys('refund');
    expect(found[0]).toBe('refund');
    expect(found).toContain('ship');
    expect(found.indexOf('refund')).toBeLessThan(found.indexOf('ship'));
  });

  it('matches fuzzily, as typed (missing letters, any case)', () => {
    expect(keys('rst pswd')[0]).toBe('reset');
    expect(keys('refnd')[0]).toBe('refund');
    expect(keys('CLOSING')[0]).toBe('close');
  });

  it('finds by category', () => {
    expect(keys('billing')).toEqual(['refund']);
  });

  it('finds nothing for what is nowhere', () => {
    expect(keys('zzqx')).toEqual([]);
  });
});
