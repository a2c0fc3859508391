/**
 * Reply-due in the panel's script: only the slots and the sort choice. The timers, their clock and
 * the ordering come with the chat tools (loaded with the first chat shown), so CRM pages without a
 * chat load none of it.
 */
import type { ChatView } from '../../../messaging/view';
import { useSignalValue } from '../../state/use-signal-value';
import { chatTools } from '../tools';
import { followSortChoice, setSortByUrgency, sortByUrgency } from './sort-choice';

export function ReplyDueTimerSlot({ chat }: { chat: ChatView }) {
  const { part: tools } = chatTools.use();
  return tools ? <tools.ReplyDueTimer chat={chat} /> : null;
}

/** The chats in the agent's order: as they came, or the longest wait first. */
export function useChatOrder(chats: ChatView[]): ChatView[] {
  followSortChoice();
  const sorted = useSignalValue(sortByUrgency);
  const { part: tools } = chatTools.use();
  return sorted && tools ? tools.orderByUrgency(chats) : chats;
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
