/** What the "Previous chats" list and an opened transcript show, from normalised history records. */
import { describe, expect, it } from 'vitest';
import type { HistoryLine, HistoryRecord } from '../../../src/api/engagement-history';
import { htmlToPlainText } from '../../../src/features/previous-chats/plain-text';
import { summarizeChat } from '../../../src/features/previous-chats/summary';
import { formatDuration } from '../../../src/text/duration';
import { transcriptForPanel } from '../../../src/features/previous-chats/transcript';

const HOSTILE = `<img src=x onerror="alert(1)"><script>alert('x')</script>Thanks &amp; bye!`;

const line = (source: string, text: string, more: Partial<HistoryLine> = {}): HistoryLine => ({ text, textType: 'plain', by: '', source, private: false, ...more });

function chat(more: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    engagementId: 'acc4294967901',
    startTime: Date.UTC(2026, 10, 30, 9, 0),
    durationSeconds: 412,
    visitorName: 'Dana',
    agentName: 'Alex',
    skillId: '2',
    skillName: 'Support',
    partial: false,
    customerIds: [],
    preChatSurvey: [],
    visitorInfo: [],
    lines: [
      line('system', 'You are now chatting with Alex.', { by: 'info' }),
      line('visitor', 'My   invoice\nis wrong.'),
      line('agent', 'Internal: check VAT', { by: 'Alex', private: true }),
      line('agent', '<b>Sorry</b> about that', { by: 'Alex', textType: 'html' }),
      line('visitor', HOSTILE, { textType: 'html', by: 'Dana' }),
    ],
    ...more,
  };
}

describe('summary', () => {
  it('names date, skill, agent, length and the first words, skipping system lines and private notes', () => {
    expect(summarizeChat(chat())).toEqual({
      engagementId: 'acc4294967901',
      startedAt: Date.UTC(2026, 10, 30, 9, 0),
      skill: 'Support',
      agent: 'Alex',
      durationSeconds: 412,
      durationLabel: '6 min 52 s',
      firstLines: [
        { speaker: 'Dana', text: 'My invoice is wrong.' },
        { speaker: 'Alex', text: 'Sorry about that' },
      ],
      lineCount: 5,
    });
  });

  it('shortens long lines and says what is unknown', () => {
    const s = summarizeChat(chat({ agentName: undefined, skillId: '-1', skillName: 'Unassigned', durationSeconds: undefined, lines: [line('visitor', 'x'.repeat(300))] }), { maxChars: 20 });
    expect(s.firstLines[0]!.text).toBe(`${'x'.repeat(19)}…`);
    expect(s).toMatchObject({ agent: 'Unknown agent', skill: 'No skill', durationLabel: 'unknown length' });
  });

  it('keeps a hostile HTML line inert in the preview: words only, no markup, no script text', () => {
    const s = summarizeChat(chat(), { firstLines: 5 });
    const hostile = s.firstLines.find((l) => l.text.includes('Thanks'));
    expect(hostile!.text).toBe('Thanks & bye!');
  });

  it('formats durations', () => {
    expect([0, 45, 60, 61, 3600, 3780, -1].map(formatDuration)).toEqual(['0 s', '45 s', '1 min', '1 min 1 s', '1 h', '1 h 3 min', 'unknown length']);
  });
});

describe('transcript for the panel', () => {
  it('keeps text as text, flags HTML for the sanitizer with a plain fallback, keeps rich content', () => {
    const rich = { type: 'vertical', elements: [{ type: 'text', text: 'IPhone 8' }] };
    const lines = transcriptForPanel(chat({ lines: [...chat().lines, line('agent', '', { by: 'Alex', textType: 'rich-content', json: rich }), line('visitor', 'https://x.example/?a=<b>', { textType: 'url' })] }));
    expect(lines.map((l) => [l.kind, l.speaker, l.source, l.private])).toEqual([
      ['text', 'System', 'system', false],
      ['text', 'Dana', 'visitor', false],
      ['text', 'Alex', 'agent', true],
      ['html', 'Alex', 'agent', false],
      ['html', 'Dana', 'visitor', false],
      ['rich-content', 'Alex', 'agent', false],
      ['text', 'Dana', 'visitor', false],
    ]);
    const hostile = lines[4]!;
    expect(hostile).toMatchObject({ kind: 'html', markup: HOSTILE, needsSanitizer: true, fallbackText: 'Thanks & bye!' });
    expect(lines[5]).toMatchObject({ json: rich });
    expect(lines[6]).toMatchObject({ text: 'https://x.example/?a=<b>' });
  });

  it('falls back to Visitor/Agent when LivePerson names no one', () => {
    const lines = transcriptForPanel(chat({ visitorName: undefined, lines: [line('visitor', 'hi'), line('agent', 'hello'), line('bot?', 'x')] }));
    expect(lines.map((l) => l.speaker)).toEqual(['Visitor', 'Agent', 'System']);
  });
});

describe('HTML to plain words', () => {
  it.each([
    [HOSTILE, 'Thanks & bye!'],
    ['a<br>b<p>c</p>d', 'a\nb\nc\nd'],
    ['<style>p{}</style>x &lt;script&gt; &#65;&#x42;', 'x <script> AB'],
    ['<svg onload=alert(1)', ''],
    ['unterminated <script>alert(1)', 'unterminated'],
    ['&unknown; &#0;', '&unknown; &#0;'],
  ])('%s', (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });
});
