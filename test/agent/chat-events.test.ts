import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/api/types';
import { addOwnLine, applyInfo, mergeEvents } from '../../src/agent/chat-events';
import type { StoredChat } from '../../src/agent/state';

const chat = (): StoredChat => ({
  id: 'K1',
  chatUrl: 'https://lp.example/chat/K1',
  links: {},
  lastEventId: -1,
  state: 'waiting',
  visitorName: 'Visitor',
  visitorTyping: false,
  lines: [],
  outbox: [],
});

const line = (id: number, source: string, text: string, extra: Partial<ChatEvent> = {}): ChatEvent =>
  ({ type: 'line', id, time: '2026-11-24T10:00:00Z', text, textType: 'plain', by: source, source, ...extra }) as ChatEvent;

describe('mergeEvents', () => {
  it('follows state events and moves the cursor to the highest id', () => {
    const c = chat();
    mergeEvents(c, [
      { type: 'state', id: 0, time: 't', state: 'waiting' },
      line(1, 'system', 'Thank you for choosing to chat with us.', { systemMessageId: 4 } as Partial<ChatEvent>),
      { type: 'state', id: 2, time: 't', state: 'chatting' },
    ]);
    expect(c.state).toBe('chatting');
    expect(c.lastEventId).toBe(2);
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({ id: '1', source: 'system', systemMessageId: 4 });
  });

  it('ignores events it already holds, whichever poll brings them', () => {
    const c = chat();
    expect(mergeEvents(c, [line(3, 'visitor', 'hi')])).toBe(1);
    expect(mergeEvents(c, [line(3, 'visitor', 'hi'), line(4, 'agent', 'hello')])).toBe(1);
    expect(c.lines.map((l) => l.id)).toEqual(['3', '4']);
  });

  it('keeps id order when an own line was recorded before an earlier visitor line arrived', () => {
    const c = chat();
    mergeEvents(c, [line(3, 'visitor', 'first')]);
    addOwnLine(c, { id: '5', source: 'agent', by: 'Alex', text: 'mine', textType: 'plain', time: 't' });
    expect(c.lastEventId).toBe(3); // the POST answer does not move the poll cursor
    mergeEvents(c, [line(4, 'visitor', 'second'), line(5, 'agent', 'mine')]);
    expect(c.lines.map((l) => l.text)).toEqual(['first', 'second', 'mine']);
  });

  it('marks private notes and unknown text types safely', () => {
    const c = chat();
    mergeEvents(c, [line(1, 'agent', 'note', { subType: 'ONLY_TO_REP' } as Partial<ChatEvent>), line(2, 'bot', 'x', { textType: 'weird' } as Partial<ChatEvent>)]);
    expect(c.lines[0]).toMatchObject({ private: true });
    expect(c.lines[1]).toMatchObject({ source: 'system', textType: 'plain' });
  });
});

describe('applyInfo: read receipts', () => {
  it('moves the visitor’s read mark forward only (a replayed or late receipt never unreads a line)', () => {
    const stored = { visitorName: '', visitorTyping: false } as StoredChat;
    applyInfo(stored, { extra: {}, visitorReadUpTo: 5 });
    expect(stored.visitorReadUpTo).toBe(5);
    applyInfo(stored, { extra: {}, visitorReadUpTo: 3 });
    expect(stored.visitorReadUpTo).toBe(5);
    applyInfo(stored, { extra: {} });
    expect(stored.visitorReadUpTo).toBe(5);
  });
});
