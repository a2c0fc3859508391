/** The chat list's reducers: a chat as first held, and a snapshot merged into the list. */
import type { ChatSnapshot } from './conversation-service';
import { applyInfo, mergeEvents } from './chat-events';
import type { AgentState, StoredChat } from './state';

export function storedChat(snapshot: ChatSnapshot): StoredChat {
  const chat: StoredChat = {
    id: snapshot.chatId,
    chatUrl: snapshot.chatUrl,
    links: snapshot.links,
    lastEventId: -1,
    state: 'waiting',
    visitorName: 'Visitor',
    visitorTyping: false,
    lines: [],
    outbox: [],
  };
  mergeEvents(chat, snapshot.events);
  applyInfo(chat, snapshot.info);
  return chat;
}

/** Adds a chat new to the list, or merges what the snapshot brings into the one held. */
export function upsertChat(state: AgentState, snapshot: ChatSnapshot): void {
  const existing = state.chats.find((c) => c.id === snapshot.chatId);
  if (existing) {
    existing.chatUrl = snapshot.chatUrl;
    existing.links = { ...existing.links, ...snapshot.links };
    mergeEvents(existing, snapshot.events);
    applyInfo(existing, snapshot.info);
    return;
  }
  state.chats.push(storedChat(snapshot));
}

/** Merges a poll's snapshot into a held chat; `readStartedAt`: when the read that brought it began. */
export function applySnapshot(chat: StoredChat, snapshot: ChatSnapshot, readStartedAt: number): void {
  mergeEvents(chat, snapshot.events);
  applyInfo(chat, snapshot.info);
  chat.eventsReadAt = readStartedAt;
  if (Object.keys(snapshot.links).length) chat.links = { ...chat.links, ...snapshot.links };
}

export function withoutChat(state: AgentState, chatId: string): void {
  state.chats = state.chats.filter((c) => c.id !== chatId);
}
