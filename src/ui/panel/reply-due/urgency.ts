/** The chat tabs with the longest-waiting visitor first (chat tools, loaded on demand). */
import type { ChatView } from '../../../messaging/view';
import { byUrgency, chatWaits } from '../../../features/reply-due/waiting';
import { replyDueClock, replyDueThresholds, startReplyDue } from './state';

/**
 * Every wait grows at the same pace, so the order changes only with the lines: the clock is
 * peeked, not followed, and the tabs do not redraw every second.
 */
export function orderByUrgency(chats: ChatView[]): ChatView[] {
  startReplyDue();
  const byId = new Map(chats.map((c) => [c.id, c]));
  return byUrgency(chatWaits(chats, replyDueThresholds.peek(), replyDueClock.now.peek())).map((w) => byId.get(w.chatId)!);
}
