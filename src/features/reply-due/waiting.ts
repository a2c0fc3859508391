/**
 * How long each chat's visitor has waited for an answer, from the lines' own timestamps (LivePerson's
 * event times), never from when a panel or worker happened to see them: a worker restart or a
 * panel opened late shows the same wait. Pure: the time is passed in (`now`), with the offset
 * between LivePerson's clock and this computer's when it is known.
 */

/** The parts of a line this needs (a `LineView` from src/messaging/view.ts fits). */
export interface TimedLine {
  source: 'visitor' | 'agent' | 'system' | string;
  /** ISO 8601, LivePerson's event time. */
  time: string;
  /** `ONLY_TO_REP`: a private note answers nobody. */
  private?: boolean;
  /** Set while an agent line is still in the outbox (or failed): not yet an answer the visitor has. */
  delivery?: 'pending' | 'failed';
}

export interface TimedChat {
  id: string;
  state: string;
  lines: readonly TimedLine[];
}

export interface ReplyDueThresholds {
  amberSeconds: number;
  redSeconds: number;
}

export type ReplyDueLevel = 'answered' | 'waiting' | 'amber' | 'red';

export interface ChatWait {
  chatId: string;
  level: ReplyDueLevel;
  /** Time (ms, this computer's clock) of the oldest visitor line not yet answered. */
  since?: number;
  /** ms waited so far; 0 when answered. */
  waitedMs: number;
  /** When the level changes next if nothing else happens (ms, this computer's clock): for one timer, not a tick. */
  nextChangeAt?: number;
}

/** An agent line counts as an answer once LivePerson has it (not pending, not failed) and it is not private. */
function answers(line: TimedLine): boolean {
  return line.source === 'agent' && !line.private && !line.delivery;
}

/** The oldest visitor line after the last answer, as a time on LivePerson's clock; undefined when none waits. */
export function oldestUnansweredAt(lines: readonly TimedLine[]): number | undefined {
  let oldest: number | undefined;
  for (const line of lines) {
    if (answers(line)) {
      oldest = undefined;
      continue;
    }
    if (line.source !== 'visitor' || oldest !== undefined) continue;
    const at = Date.parse(line.time);
    if (Number.isFinite(at)) oldest = at;
  }
  return oldest;
}

/**
 * `serverOffsetMs` is LivePerson's clock minus this computer's (from the login's server time), so
 * a computer whose clock is off still counts the right wait.
 */
export function chatWait(chat: TimedChat, thresholds: ReplyDueThresholds, now: number, serverOffsetMs = 0): ChatWait {
  const answered: ChatWait = { chatId: chat.id, level: 'answered', waitedMs: 0 };
  // Only a chat the agent holds can be due: a ringing one has its own countdown, an ended one is over.
  if (chat.state !== 'chatting') return answered;
  const serverTime = oldestUnansweredAt(chat.lines);
  if (serverTime === undefined) return answered;
  const since = serverTime - serverOffsetMs;
  const waitedMs = Math.max(0, now - since);
  const amberAt = since + thresholds.amberSeconds * 1000;
  const redAt = since + thresholds.redSeconds * 1000;
  if (now >= redAt) return { chatId: chat.id, level: 'red', since, waitedMs };
  if (now >= amberAt) return { chatId: chat.id, level: 'amber', since, waitedMs, nextChangeAt: redAt };
  return { chatId: chat.id, level: 'waiting', since, waitedMs, nextChangeAt: amberAt };
}

export function chatWaits(chats: readonly TimedChat[], thresholds: ReplyDueThresholds, now: number, serverOffsetMs = 0): ChatWait[] {
  return chats.map((chat) => chatWait(chat, thresholds, now, serverOffsetMs));
}

/** Most urgent first: the longest wait first; answered chats last, in their own order. */
export function byUrgency(waits: readonly ChatWait[]): ChatWait[] {
  const order = new Map(waits.map((w, i) => [w.chatId, i]));
  return [...waits].sort((a, b) => {
    const aWaits = a.level !== 'answered';
    const bWaits = b.level !== 'answered';
    if (aWaits !== bWaits) return aWaits ? -1 : 1;
    return b.waitedMs - a.waitedMs || order.get(a.chatId)! - order.get(b.chatId)!;
  });
}

/** The earliest moment any chat changes level: when to look again (undefined: nothing will change by itself). */
export function nextChangeAt(waits: readonly ChatWait[]): number | undefined {
  let next: number | undefined;
  for (const w of waits) if (w.nextChangeAt !== undefined && (next === undefined || w.nextChangeAt < next)) next = w.nextChangeAt;
  return next;
}

/** `1:05`, `12 s`: how the tab shows a wait. */
export function formatWait(waitedMs: number): string {
  const seconds = Math.floor(waitedMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
