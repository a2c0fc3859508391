/**
 * Merges LivePerson chat events into a stored chat. Event ids are the only identity a line has,
 * so merging is idempotent: an event already held is ignored, whichever poll or POST brought it.
 */
import type { ChatEvent, ChatInfo, ChatLineEvent } from './conversation-service';
import type { LineView } from '../messaging/view';
import { confirmDelivered } from './outbox';
import type { StoredChat, StoredLine } from './state';

const TEXT_TYPES = new Set(['plain', 'html', 'rich-content']);
const SOURCES = new Set(['visitor', 'agent', 'system']);

export function isLine(event: ChatEvent): event is ChatLineEvent {
  return event.type === 'line';
}

export function lineView(event: ChatLineEvent): StoredLine {
  const source = SOURCES.has(event.source) ? (event.source as LineView['source']) : 'system';
  const line: StoredLine = {
    id: String(event.id),
    source,
    by: event.by,
    text: event.text,
    textType: TEXT_TYPES.has(event.textType) ? (event.textType as LineView['textType']) : 'plain',
    time: event.time,
  };
  if (event.json !== undefined) line.json = event.json;
  if (event.subType === 'ONLY_TO_REP') line.private = true;
  if (event.systemMessageId !== undefined) line.systemMessageId = event.systemMessageId;
  return line;
}

/** Adds new events to `chat` in id order; returns how many lines were new. */
export function mergeEvents(chat: StoredChat, events: readonly ChatEvent[]): number {
  const held = new Set(chat.lines.map((l) => l.id));
  let added = 0;
  let needsSort = false;
  const lastLineId = chat.lines.length ? Number(chat.lines[chat.lines.length - 1]!.id) : -1;
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    if (event.type === 'state' && 'state' in event && event.id > chat.lastEventId) chat.state = event.state;
    if (isLine(event) && !held.has(String(event.id))) {
      if (event.source === 'agent') confirmDelivered(chat, event);
      chat.lines.push(lineView(event));
      held.add(String(event.id));
      if (event.id < lastLineId) needsSort = true;
      added++;
    }
    chat.lastEventId = Math.max(chat.lastEventId, event.id);
  }
  if (needsSort) chat.lines.sort((a, b) => Number(a.id) - Number(b.id));
  return added;
}

/** Records a line the agent posted (the POST answered its event id) without moving the poll cursor. */
export function addOwnLine(chat: StoredChat, line: StoredLine): void {
  if (chat.lines.some((l) => l.id === line.id)) return;
  chat.lines.push(line);
  chat.lines.sort((a, b) => Number(a.id) - Number(b.id));
}

export function applyInfo(chat: StoredChat, info: ChatInfo | undefined): void {
  if (!info) return;
  if (info.visitorName) chat.visitorName = info.visitorName;
  if (info.startTime) chat.startTime = info.startTime;
  if (info.state) chat.state = info.state;
  if (info.visitorTyping !== undefined) chat.visitorTyping = info.visitorTyping === 'typing';
  if (info.visitorId) chat.visitorId = info.visitorId;
  if (info.participantId) chat.participantId = info.participantId;
  if (info.chatTimeout !== undefined) chat.chatTimeout = info.chatTimeout;
  if (info.skillId) chat.skillId = info.skillId;
  if (info.skillName) chat.skillName = info.skillName;
  // Read receipts only move forward (a replayed or reordered receipt never unreads a line).
  if (info.visitorReadUpTo !== undefined) chat.visitorReadUpTo = Math.max(chat.visitorReadUpTo ?? -1, info.visitorReadUpTo);
}
