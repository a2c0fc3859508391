import { useState } from 'preact/hooks';
import type { ChatView } from '../../messaging/view';
import { run } from '../store';
import { Transcript } from './Transcript';

export function ChatPane({ chat, onError }: { chat: ChatView; onError: (message: string) => void }) {
  const [draft, setDraft] = useState('');
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const chatting = chat.state === 'chatting';

  const send = async () => {
    const text = draft.trim();
    if (!text || !chatting) return;
    setDraft('');
    const result = await run('sendLine', { chatId: chat.id, text });
    if (!result.ok) {
      setDraft(text);
      onError(result.message);
    }
  };

  const end = async () => {
    setConfirmingEnd(false);
    const result = await run('endChat', { chatId: chat.id });
    if (!result.ok) onError(result.message);
  };

  const close = async () => {
    const result = await run('closeChat', { chatId: chat.id });
    if (!result.ok) onError(result.message);
  };

  return (
    <section class="chat" data-testid="chat" data-chat-id={chat.id} data-state={chat.state} aria-label={`Chat with ${chat.visitorName}`}>
      <div class="chat-head">
        <div>
          <div class="chat-visitor" dir="auto">{chat.visitorName}</div>
          <div class="chat-state">{chat.state === 'chatting' ? 'Chatting' : chat.state === 'ended' ? 'Ended' : 'Waiting'}</div>
        </div>
        {chatting && !confirmingEnd && (
          <button type="button" class="btn btn-quiet" data-testid="end-chat" onClick={() => setConfirmingEnd(true)}>
            End chat
          </button>
        )}
        {confirmingEnd && (
          <span class="confirm">
            End this chat?{' '}
            <button type="button" class="btn btn-danger" data-testid="end-confirm" onClick={end}>
              End
            </button>{' '}
            <button type="button" class="btn btn-quiet" onClick={() => setConfirmingEnd(false)}>
              Keep
            </button>
          </span>
        )}
      </div>
      <Transcript lines={chat.lines} visitorTyping={chat.visitorTyping} visitorName={chat.visitorName} />
      {chat.state === 'ended' ? (
        <div class="ended" data-testid="chat-ended">
          Chat ended.{' '}
          <button type="button" class="btn" data-testid="close-chat" onClick={close}>
            Close
          </button>
        </div>
      ) : (
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <textarea
            data-testid="composer"
            aria-label="Message"
            placeholder={chatting ? 'Type a message; Enter sends, Shift+Enter for a new line' : 'Waiting for the chat to start'}
            disabled={!chatting}
            value={draft}
            dir="auto"
            onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
          />
          <button type="submit" class="btn btn-primary" data-testid="send" disabled={!chatting || !draft.trim()}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}
