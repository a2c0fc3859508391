/** The chat tabs in the agent's order: as they came, or the longest-waiting visitor first. */
import type { ChatView } from '../../../messaging/view';
import { byUrgency, chatWaits } from '../../../features/reply-due/waiting';
import { useSignalValue } from '../../state/use-signal-value';
import { replyDueClock, replyDueThresholds, setSortByUrgency, sortByUrgency, startReplyDue } from './state';

/**
 * Every wait grows at the same pace, so the order changes only with the lines (or the toggle):
 * the clock is peeked, not followed, and the tabs do not redraw every second.
 */
export function useChatOrder(chats: ChatView[]): ChatView[] {
  startReplyDue();
  const sorted = useSignalValue(sortByUrgency);
  const thresholds = useSignalValue(replyDueThresholds);
  if (!sorted) return chats;
  const byId = new Map(chats.map((c) => [c.id, c]));
  return byUrgency(chatWaits(chats, thresholds, replyDueClock.now.peek())).map((w) => byId.get(w.chatId)!);
}

export function UrgencyToggle() {
  const sorted = useSignalValue(sortByUrgency);
  return (
    <button
      type="button"
      class="btn btn-quiet urgency-toggle"
      data-testid="sort-by-urgency"
      aria-pressed={sorted}
      title="Put the chat whose visitor has waited longest first"
      onClick={() => setSortByUrgency(!sorted)}
    >
      Longest wait first
    </button>
  );
}
