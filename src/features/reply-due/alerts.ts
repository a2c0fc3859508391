/**
 * When a chat "goes red", and what the toolbar badge and a notification should say about it.
 * Deciding only: the background applies it. A chat is announced once per wait: the key is the
 * chat and the time its oldest unanswered line was written, so a worker that restarts (and keeps
 * the announced keys in storage.session) does not announce the same wait twice, and a new wait
 * after an answer is announced again.
 */
import type { ChatWait } from './waiting';

export const waitKey = (wait: Pick<ChatWait, 'chatId' | 'since'>) => `${wait.chatId}@${wait.since ?? ''}`;

export interface RedDecision {
  /** Chats that went red and should be announced now. */
  announce: ChatWait[];
  /** Keys to remember (only the red waits still current: the set never grows without bound). */
  announced: string[];
  /** Red chats now: the badge's count. */
  redCount: number;
}

/**
 * `lookingAt` is the chat the agent has in front of them (its panel visible and focused), if any:
 * a chat going red there needs no notification, only the others do.
 */
export function decideRedAlerts(waits: readonly ChatWait[], alreadyAnnounced: Iterable<string>, lookingAt?: string): RedDecision {
  const before = new Set(alreadyAnnounced);
  const red = waits.filter((w) => w.level === 'red');
  const announce = red.filter((w) => !before.has(waitKey(w)) && w.chatId !== lookingAt);
  // A red chat the agent is looking at counts as seen: it is not announced later when they look away.
  return { announce, announced: red.map(waitKey), redCount: red.length };
}

/** The badge while chats are red: their count on red; undefined leaves the badge to its other uses. */
export function replyDueBadge(redCount: number): { text: string; color: string } | undefined {
  return redCount > 0 ? { text: String(redCount), color: '#b3261e' } : undefined;
}
