/** The chat list's reducers, on snapshots shaped as the Chat Agent API's chat resource brings them. */
import { describe, expect, it } from 'vitest';
import type { ChatLineEvent, ChatSnapshot } from '../../src/api/types';
import { applySnapshot, storedChat, upsertChat, withoutChat } from '../../src/agent/chat-list';
import { initialState } from '../../src/agent/state';

const line = (id: number, text: string, source = 'visitor'): ChatLineEvent => ({ type: 'line', id, time: '2026-01-01T10:00:00.000Z', text, textType: 'plain', by: source === 'visitor' ? 'Ann' : 'Agent', source });
const snapshot = (events: ChatSnapshot['events'], links: Record<string, string> = {}): ChatSnapshot => ({
  chatId: 'c1',
  chatUrl: 'https://va.example/api/account/1/agentSession/s1/chat/c1',
  links,
  events,
  info: { state: 'chatting', visitorName: 'Ann', extra: {} },
});

describe('chat list', () => {
  it('holds a new chat with its lines and info, and merges a second snapshot of it without repeating a line', () => {
    const state = initialState();
    upsertChat(state, snapshot([line(1, 'hi')], { events: 'https://e/1' }));
    upsertChat(state, snapshot([line(1, 'hi'), line(2, 'anyone?')], { transfer: 'https://t/1' }));
    expect(state.chats).toHaveLength(1);
    const [chat] = state.chats;
    expect(chat!.lines.map((l) => l.text)).toEqual(['hi', 'anyone?']);
    expect(chat!.links).toEqual({ events: 'https://e/1', transfer: 'https://t/1' });
    expect(chat!.visitorName).toBe('Ann');
    expect(chat!.state).toBe('chatting');
  });

  it('records when the read that brought a poll snapshot started (outbox reconciliation)', () => {
    const chat = storedChat(snapshot([]));
    applySnapshot(chat, snapshot([line(3, 'later')]), 1234);
    expect(chat.eventsReadAt).toBe(1234);
    expect(chat.lastEventId).toBe(3);
  });

  it('lets a chat go', () => {
    const state = initialState();
    upsertChat(state, snapshot([]));
    withoutChat(state, 'c1');
    expect(state.chats).toEqual([]);
  });
});
