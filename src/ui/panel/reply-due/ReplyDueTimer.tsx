/**
 * How long the visitor's oldest unanswered line has waited, on a chat's tab: from the lines' own
 * times (src/features/reply-due/waiting.ts), so a reloaded tab or a restarted worker shows the same
 * wait. Only a chat with a waiting line reads the clock: with none, nothing ticks.
 */
import type { ChatView } from '../../../messaging/view';
import { chatWait, formatWait, oldestUnansweredAt } from '../../../features/reply-due/waiting';
import { useSignalValue } from '../../state/use-signal-value';
import { replyDueClock, replyDueThresholds, startReplyDue } from './state';

const LEVEL_WORDS = { waiting: 'waiting', amber: 'waiting long', red: 'waiting too long' } as const;

function Ticking({ chat }: { chat: ChatView }) {
  const now = useSignalValue(replyDueClock.now);
  const thresholds = useSignalValue(replyDueThresholds);
  const wait = chatWait(chat, thresholds, now);
  if (wait.level === 'answered') return null;
  return (
    <span
      class={`reply-due reply-due-${wait.level}`}
      data-testid="reply-due"
      data-level={wait.level}
      title={`The visitor has been ${LEVEL_WORDS[wait.level]} for an answer`}
    >
      {formatWait(wait.waitedMs)}
    </span>
  );
}

export function ReplyDueTimer({ chat }: { chat: ChatView }) {
  startReplyDue();
  if (chat.state !== 'chatting' || oldestUnansweredAt(chat.lines) === undefined) return null;
  return <Ticking chat={chat} />;
}
