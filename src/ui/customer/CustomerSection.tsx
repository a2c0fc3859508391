/** Above the transcript: Open record and the visitor's previous chats (#22). */
import type { ChatView } from '../../messaging/view';
import { OpenRecord } from './OpenRecord';
import { PreviousChats } from './PreviousChats';

export function CustomerSection({ chat }: { chat: ChatView }) {
  return (
    <div class="customer" data-testid="customer-section">
      <OpenRecord chat={chat} />
      <PreviousChats chat={chat} />
    </div>
  );
}
