// @vitest-environment jsdom
/** "Copy transcript": plain text with local times and speakers, system lines kept, private notes marked. */
import { describe, expect, it } from 'vitest';
import type { ChatView, LineView } from '../../src/messaging/view';
import { lineText, localTimestamp, transcriptText } from '../../src/ui/transcript-text';

const at = (h: number, m: number, s: number) => new Date(2026, 10, 24, h, m, s).toISOString();

const line = (id: number, fields: Partial<LineView>): LineView => ({
  id: String(id),
  source: 'visitor',
  by: 'Dana',
  clock: '',
  text: '',
  textType: 'plain',
  time: at(9, 0, id),
  ...fields,
});

const chat: ChatView = {
  id: 'c1',
  state: 'chatting',
  visitorName: 'Dana',
  visitorId: 'V-42',
  startTime: at(9, 0, 0),
  visitorTyping: false,
  lines: [
    line(1, { source: 'system', by: 'info', text: 'You are now chatting with Alex.', systemMessageId: 3 }),
    line(2, { text: 'Hi, my order #88213 is late' }),
    line(3, { source: 'agent', by: 'Alex', text: '<p>Let me <b>check</b> &amp; see</p>', textType: 'html' }),
    line(4, { source: 'agent', by: 'Alex', text: 'Customer seems upset', private: true }),
    line(5, { text: 'Line one\nline two' }),
    line(6, {
      text: '',
      textType: 'rich-content',
      json: { type: 'vertical', elements: [{ type: 'text', text: 'Pick one' }, { type: 'button', title: 'Refund' }, { type: 'image', url: 'https://x/y.png', alt: 'Parcel' }] },
    }),
    { ...line(7, { source: 'agent', by: 'Alex', text: 'Are you still there?', delivery: 'failed', problem: 'the chat has ended' }), id: 'pending:a1' },
  ],
};

describe('transcript as plain text', () => {
  it('writes times as local YYYY-MM-DD HH:MM:SS and keeps an unreadable time as it came', () => {
    expect(localTimestamp(at(9, 5, 3))).toBe('2026-11-24 09:05:03');
    expect(localTimestamp('soon')).toBe('soon');
  });

  it('gives the words of each kind of line', () => {
    expect(lineText(chat.lines[2]!)).toBe('Let me check & see');
    expect(lineText(chat.lines[5]!)).toBe('Pick one Refund Parcel');
    expect(lineText(line(9, { textType: 'rich-content', text: 'fallback', json: {} }))).toBe('fallback');
  });

  it('lists every line with time and speaker, system lines included, private notes and undelivered lines marked', () => {
    expect(transcriptText(chat)).toBe(
      [
        'Chat with Dana, started 2026-11-24 09:00:00',
        'Visitor id: V-42',
        '',
        '[2026-11-24 09:00:01] System: You are now chatting with Alex.',
        '[2026-11-24 09:00:02] Dana: Hi, my order #88213 is late',
        '[2026-11-24 09:00:03] Alex: Let me check & see',
        '[2026-11-24 09:00:04] Alex (private note, only agents see it): Customer seems upset',
        '[2026-11-24 09:00:05] Dana: Line one',
        '    line two',
        '[2026-11-24 09:00:06] Dana: Pick one Refund Parcel',
        '[2026-11-24 09:00:07] Alex (not sent: the chat has ended): Are you still there?',
        '',
      ].join('\n'),
    );
  });

  it('names a speaker LivePerson left unnamed by the side they are on', () => {
    const bare: ChatView = { ...chat, visitorId: undefined, startTime: undefined, lines: [line(1, { by: '', text: 'hello' }), line(2, { by: '', source: 'agent', text: 'hi' })] };
    expect(transcriptText(bare)).toBe('Chat with Dana\n\n[2026-11-24 09:00:01] Dana: hello\n[2026-11-24 09:00:02] Agent: hi\n');
  });
});
