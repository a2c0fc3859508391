/**
 * The outbox rules: which queued line goes next, what a failed attempt means, and how a line whose
 * answer was lost is recognised in the chat's events (LivePerson lines carry no client id, so the
 * only safe proof is the agent's own line, with the same text, after the cursor it was queued at).
 * Pure functions over a `StoredChat`; the runtime does the HTTP.
 */
import type { ApiError, ChatLineEvent } from './conversation-service';
import { isTransient, mayHaveBeenApplied, retryDelay } from './retry-policy';
import type { OutboxEntry, StoredChat } from './state';

/** LivePerson: retry 5xx three times (after 5, 10, 15 s), then give up and tell the agent. */
export const MAX_ATTEMPTS = 4;

/**
 * How long a request may still reach LivePerson after it was sent: the client's request timeout
 * (src/api/http.ts) and a margin. A line whose request was cut off by a worker stop is only resent
 * once a read that started after this window shows it never arrived.
 */
export const REQUEST_MAY_LAND_WITHIN_MS = 25_000;

export function queueLine(chat: StoredChat, localId: string, text: string, privateNote: boolean, html?: string): OutboxEntry {
  const entry: OutboxEntry = {
    localId,
    text,
    ...(html && !privateNote ? { html } : {}),
    status: 'pending',
    afterEventId: highestEventId(chat),
    attempts: 0,
    ...(privateNote ? { private: true } : {}),
  };
  chat.outbox.push(entry);
  return entry;
}

/**
 * The entry to send now, or undefined. Lines leave in the order they were typed: an entry waiting
 * for its retry holds back the ones after it; failed entries wait for the agent and hold nothing.
 */
export function nextToSend(chat: StoredChat, now: number): OutboxEntry | undefined {
  for (const entry of chat.outbox) {
    if (entry.status === 'failed') continue;
    if (entry.status === 'sending') return undefined;
    if (entry.notBefore !== undefined && entry.notBefore > now) return undefined;
    // A line that may already be there is resent only once the chat's events were read after the
    // attempt: if it had arrived, that read confirmed it and it left the outbox.
    if (entry.unsureSince !== undefined && (chat.eventsReadAt ?? 0) <= entry.unsureSince) return undefined;
    return entry;
  }
  return undefined;
}

/** Records a failed attempt: schedules a retry, or marks the line failed for the agent to decide. */
export function attemptFailed(entry: OutboxEntry, error: ApiError, now: number): void {
  if (mayHaveBeenApplied(error)) entry.unsureSince = now;
  entry.problem = error.message;
  if (!isTransient(error) || entry.attempts >= MAX_ATTEMPTS) {
    entry.status = 'failed';
    entry.notBefore = undefined;
    return;
  }
  entry.status = 'pending';
  entry.notBefore = now + retryDelay(error, entry.attempts);
}

/** The agent asked to try a failed line again: a fresh start, reconciliation still owed if unsure. */
export function retryEntry(entry: OutboxEntry): void {
  entry.status = 'pending';
  entry.attempts = 0;
  entry.notBefore = undefined;
  entry.problem = undefined;
}

/** The highest event id the chat holds: the poll cursor, or a line our own POST brought. */
function highestEventId(chat: StoredChat): number {
  const lastLine = chat.lines.at(-1);
  return Math.max(chat.lastEventId, lastLine ? Number(lastLine.id) : -1);
}

/**
 * Called for each agent line new to the chat: if it proves a queued line delivered (same text and
 * privacy, after the entry's cursor, the entry already attempted), that entry leaves the outbox.
 * The oldest matching entry is taken, so the same text sent twice is confirmed twice, in order.
 */
export function confirmDelivered(chat: StoredChat, line: ChatLineEvent): boolean {
  const isPrivate = line.subType === 'ONLY_TO_REP';
  const index = chat.outbox.findIndex(
    (entry) =>
      entry.attempts > 0 && (entry.text === line.text || (!!entry.html && entry.html === line.text)) && !!entry.private === isPrivate && line.id > entry.afterEventId,
  );
  if (index < 0) return false;
  chat.outbox.splice(index, 1);
  return true;
}

/**
 * After a worker restart, a line caught mid-request may or may not arrive: its request may still be
 * on its way, so it counts as unsure until the request could no longer land. A read that shows the
 * line confirms it at once; only a truly lost line waits that long.
 */
export function afterRestart(chat: StoredChat, now: number): void {
  for (const entry of chat.outbox) {
    if (entry.status !== 'sending') continue;
    entry.status = 'pending';
    entry.unsureSince = Math.max(now, (entry.attemptStartedAt ?? now) + REQUEST_MAY_LAND_WITHIN_MS);
  }
}
