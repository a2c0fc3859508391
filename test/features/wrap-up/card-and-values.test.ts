/** The wrap-up card's dispositions and checks, and the values a recipe writes from one chat. */
import { describe, expect, it } from 'vitest';
import { checkWrapUp, dispositionListSchema, dispositionsFor } from '../../../src/features/wrap-up/card';
import type { Recipe } from '../../../src/features/wrap-up/recipe';
import { planFill, type WrapUpChat } from '../../../src/features/wrap-up/recipe-values';

describe('dispositions', () => {
  const own = [
    { dispositions: ['Resolved', 'Follow-up'] },
    { site: 'https://crm.example.com', dispositions: ['Sale', 'No sale'] },
  ];

  it('a site’s list beats the all-sites list; no list, no choices', () => {
    expect(dispositionsFor('https://crm.example.com/x', own, [])).toEqual({ choices: ['Sale', 'No sale'], from: 'site', locked: false });
    expect(dispositionsFor('https://other.example/', own, [])).toEqual({ choices: ['Resolved', 'Follow-up'], from: 'all-sites', locked: false });
    expect(dispositionsFor('https://other.example/', [], [])).toEqual({ choices: [], from: 'none', locked: false });
  });

  it('the fleet’s list replaces the agent’s for the same scope, locked when set so', () => {
    const fleet = [{ dispositions: ['Closed', 'Escalated'], locked: true }];
    expect(dispositionsFor('https://other.example/', own, fleet)).toEqual({ choices: ['Closed', 'Escalated'], from: 'all-sites', locked: true });
    expect(dispositionsFor('https://crm.example.com/', own, fleet).from).toBe('site');
  });

  it('checks a list and what the agent entered', () => {
    expect(dispositionListSchema.safeParse({ dispositions: ['A', 'a'] }).success).toBe(false);
    expect(dispositionListSchema.safeParse({ dispositions: [] }).success).toBe(false);
    expect(dispositionListSchema.safeParse({ site: 'nope', dispositions: ['A'] }).success).toBe(false);
    const choices = dispositionsFor('https://crm.example.com/', own, []);
    expect(checkWrapUp({ disposition: 'Sale', notes: '' }, choices)).toEqual([]);
    expect(checkWrapUp({ disposition: '', notes: 'x' }, choices)).toEqual([]);
    expect(checkWrapUp({ disposition: 'Refund', notes: 'x'.repeat(10_001) }, choices)).toEqual([
      '“Refund” is not one of this site’s dispositions.',
      'The notes are longer than 10,000 characters.',
    ]);
  });
});

describe('values a recipe writes', () => {
  const start = new Date(2026, 11, 6, 9, 5).getTime();
  const chat: WrapUpChat = {
    chatId: '4294967901',
    startTime: start,
    durationSeconds: 412,
    visitor: { name: 'Dana', email: 'dana@example.com' },
    transcript: 'Chat with Dana\n\n[2026-12-06 09:05:00] Dana: hi\n',
  };
  const field = (value: Recipe['fields'][number]['value'], type?: string): Recipe['fields'][number] => ({
    value,
    label: value,
    locator: { tag: 'input', name: value, ...(type ? { type } : {}) },
  });

  it('formats each value for its field, and skips what the chat lacks with a reason', () => {
    const recipe: Recipe = {
      version: 1,
      site: 'https://crm.example.com',
      fields: [
        field('transcript'),
        field('notes'),
        field('disposition'),
        field('visitor.email'),
        field('visitor.phone'),
        field('visitor.name'),
        field('chat.id'),
        field('chat.startTime', 'date'),
        { ...field('chat.startTime', 'datetime-local'), label: 'when' },
        { ...field('chat.startTime'), label: 'started' },
        field('chat.duration', 'number'),
        { ...field('chat.duration'), label: 'length' },
      ],
    };
    const plan = planFill(recipe, chat, { disposition: 'Resolved', notes: '  Resent the invoice.  ' });
    expect(plan.map((p) => ('value' in p ? p.value : `skip: ${p.skipped}`))).toEqual([
      chat.transcript.trim(),
      'Resent the invoice.',
      'Resolved',
      'dana@example.com',
      'skip: no phone number is known for this visitor',
      'Dana',
      '4294967901',
      '2026-12-06',
      '2026-12-06T09:05',
      '2026-12-06 09:05',
      '7',
      '6 min 52 s',
    ]);
    const empty = planFill(recipe, { chatId: '', visitor: {}, transcript: ' ' }, { notes: '' });
    expect(empty.every((p) => 'skipped' in p)).toBe(true);
  });
});
