import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatView } from '../../messaging/view';
import { run } from '../store';
import { Transcript } from './Transcript';
import { chatTools } from './tools';
import { customerTools } from '../customer/load';
import { useWriteBack, WriteBackStatus } from './WriteBack';
import { showBidiControls } from '../bidi';
import { ReplyDueTimerSlot } from './reply-due/slots';
import { ComposerTranslationSlot } from './translation/slots';
import { outgoingText } from './translation/outgoing-state';
import { CannedSlot, cannedProblems } from './quick-tools';
import { holdFocusIn } from './quick-state';

const minutesSince = (iso: string) => Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60_000));

/** Typing stops counting this long after the last keystroke. */
const TYPING_IDLE_MS = 2500;
/** The draft is handed to the background this long after the last keystroke (and on unmount). */
const DRAFT_SAVE_MS = 400;

export function ChatPane({ chat, onError }: { chat: ChatView; onError: (message: string) => void }) {
  // The background keeps drafts, so a reload or a remounted panel starts where the agent left off.
  const [draft, setDraft] = useState(chat.draft ?? '');
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const unsavedDraft = useRef<string | undefined>(undefined);
  const saveDraftNow = () => {
    clearTimeout(draftTimer.current);
    draftTimer.current = undefined;
    if (unsavedDraft.current === undefined) return;
    void run('saveDraft', { chatId: chat.id, text: unsavedDraft.current });
    unsavedDraft.current = undefined;
  };
  const noteDraft = (text: string) => {
    unsavedDraft.current = text;
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(saveDraftNow, DRAFT_SAVE_MS);
  };
  useEffect(() => saveDraftNow, []);
  // "N min" moves on by itself while chatting: the background pushes a view only when something changed.
  const [, setMinute] = useState(0);
  const ticking = chat.state === 'chatting';
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setMinute((m) => m + 1), 60_000);
    return () => clearInterval(timer);
  }, [ticking]);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [privateNote, setPrivateNote] = useState(false);
  const chatting = chat.state === 'chatting';
  const writeBack = useWriteBack();
  // The forms and visitor details come with the chat tools, loaded with the first chat shown.
  const { part: tools, failed: toolsFailed } = chatTools.use();
  // Previous chats, Open record, the wrap-up card (#22): loaded with the first chat shown too.
  const { part: customer } = customerTools.use();
  const toolsMissing = toolsFailed ? (
    <p class="warning" role="alert" data-testid="tools-unavailable">
      This part of the panel could not be loaded in this tab: reload the page.
    </p>
  ) : (
    <p class="empty" data-testid="tools-loading">
      Loading…
    </p>
  );
  // The latest chat for the transcript button, without a new handler (and redrawn lines) per view.
  const latest = useRef(chat);
  latest.current = chat;
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Agent typing, debounced: one "typing" when composing starts, one "not-typing" when it stops.
  const stopTyping = () => {
    if (typingTimer.current === undefined) return;
    clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
    void run('setTyping', { chatId: chat.id, typing: false });
  };
  const noteTyping = () => {
    if (privateNote || !chatting) return;
    if (typingTimer.current === undefined) void run('setTyping', { chatId: chat.id, typing: true });
    else clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  // Canned responses (#21): `/word` at the start of the composer opens the list; a response is
  // inserted for editing, and the line is held back while a blank or a placeholder is left in it.
  const composer = useRef<HTMLTextAreaElement>(null);
  const cannedKeys = useRef<((event: KeyboardEvent) => boolean) | null>(null);
  const [cannedClosedAt, setCannedClosedAt] = useState<string | null>(null);
  const slash = chatting && cannedClosedAt !== draft ? /^\/([^\n/]{0,40})$/.exec(draft) : null;
  const cannedUsed = useRef(false);
  // A chat switched by a shortcut or the palette replaces this pane: the focus moves to the panel
  // first (never to the page, where the next key would go) and on to the new chat's message box.
  useLayoutEffect(() => {
    const box = composer.current;
    const section = box?.closest('.chat');
    const panel = box?.closest<HTMLElement>('.panel');
    const root = panel?.getRootNode() as ShadowRoot | undefined;
    if (root?.activeElement === panel) box?.focus();
    return () => {
      const active = root?.activeElement;
      if (active && section?.contains(active)) holdFocusIn(panel);
    };
  }, []);
  const held = cannedUsed.current ? cannedProblems(draft) : [];
  // An HTML response goes as its sanitized HTML while the composer holds its words unedited; an
  // edit (or a private note, or a translation) sends the words as plain text.
  const cannedHtml = useRef<{ words: string; html: string } | null>(null);
  const htmlLine = cannedHtml.current && !privateNote && draft.trim() === cannedHtml.current.words ? cannedHtml.current.html : undefined;

  const send = async () => {
    const written = draft.trim();
    if (!written || !chatting || held.length) return;
    cannedUsed.current = false;
    // In "write in my language" mode, the previewed translation (./translation/outgoing-state.ts).
    const outgoing = outgoingText(chat.id, written, privateNote);
    if (!outgoing.ok) return onError(outgoing.message);
    const text = outgoing.text;
    // Used once: a line refused (markup the background would not take) comes back as plain words.
    const html = text === written ? htmlLine : undefined;
    cannedHtml.current = null;
    // Sending clears the kept draft in the background; a pending save must not bring it back.
    clearTimeout(draftTimer.current);
    unsavedDraft.current = undefined;
    // The line itself ends typing on LivePerson's side.
    clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
    // Once queued the line is the outbox's: it shows as sending, or failed with Retry and Discard.
    // The command goes before the composer is cleared: the redraw that clearing schedules then
    // runs after the message has left, not in front of it.
    const sending = run('sendLine', { chatId: chat.id, text, private: privateNote, ...(html ? { html } : {}) });
    setDraft('');
    const result = await sending;
    if (!result.ok) {
      setDraft(written); // not queued: nothing is lost
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
          <div class="chat-visitor" dir="auto">{showBidiControls(chat.visitorName)}</div>
          <div class="chat-state" data-testid="chat-info">
            {chat.state === 'chatting' ? 'Chatting' : chat.state === 'ended' ? 'Ended' : 'Waiting'}
            {chat.startClock && ` · since ${chat.startClock}`}
            {chat.startTime && ` · ${minutesSince(chat.startTime)} min`}
            {chat.chatTimeout !== undefined && ` · ends after ${chat.chatTimeout} s idle`}
            {chat.visitorId && ` · visitor ${chat.visitorId}`}
            <ReplyDueTimerSlot chat={chat} />
          </div>
        </div>
        {!confirmingEnd && (
          <span class="chat-actions">
            {tools && (
              <button
                type="button"
                class="btn btn-quiet"
                data-testid="copy-transcript"
                onClick={(event) => writeBack.act('copy', () => tools.transcriptText(latest.current), 'the transcript', event.currentTarget)}
              >
                Copy transcript
              </button>
            )}
            {chatting && (
              <>
                <button type="button" class="btn btn-quiet" data-testid="transfer" onClick={() => setTransferring(!transferring)}>
                  Transfer
                </button>
                <button type="button" class="btn btn-quiet" data-testid="end-chat" onClick={() => setConfirmingEnd(true)}>
                  End chat
                </button>
              </>
            )}
          </span>
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
      <WriteBackStatus status={writeBack.status} dismiss={writeBack.dismiss} />
      {tools && <tools.VisitorSection visitor={chat.visitor} act={writeBack.act} />}
      {customer && <customer.CustomerSection chat={chat} />}
      {transferring && chatting && (tools ? <tools.TransferForm chatId={chat.id} onDone={() => setTransferring(false)} onError={onError} /> : toolsMissing)}
      <Transcript chatId={chat.id} act={writeBack.act} onError={onError} lines={chat.lines} visitorTyping={chat.visitorTyping} visitorName={chat.visitorName} readLineId={chat.visitorReadLineId} />
      {chat.state === 'ended' ? (
        <div class="wrap-up">
          {chat.agentSurvey === 'pending' && (tools ? <tools.AgentSurveyForm chatId={chat.id} onError={onError} /> : toolsMissing)}
          <div class="ended" data-testid="chat-ended">
            {chat.agentSurvey === 'submitted' ? <span data-testid="survey-done">Chat ended · survey submitted.</span> : 'Chat ended.'}{' '}
            <button type="button" class="btn" data-testid="close-chat" onClick={close}>
              Close
            </button>
          </div>
          {chat.agentSurvey !== 'pending' && customer && <customer.WrapUpCard chat={chat} />}
        </div>
      ) : (
        <>
        {slash && (
          <CannedSlot
            query={slash[1] ?? ''}
            chat={chat}
            composer={composer}
            keys={cannedKeys}
            onPick={(text, html) => {
              cannedUsed.current = true;
              cannedHtml.current = html ? { words: text.trim(), html } : null;
              setDraft(text);
              noteDraft(text);
              composer.current?.focus();
            }}
            onClose={() => setCannedClosedAt(draft)}
          />
        )}
        {htmlLine && (
          <p class="sub" data-testid="canned-html-note">
            Sent formatted, as previewed. Edit the text to send it plain.
          </p>
        )}
        {held.length > 0 && (
          <p class="warning" role="status" data-testid="canned-held">
            {held.join(' ')}
          </p>
        )}
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <textarea
            ref={composer}
            data-testid="composer"
            aria-label="Message"
            placeholder={chatting ? 'Type a message; Enter sends, Shift+Enter for a new line' : 'Waiting for the chat to start'}
            disabled={!chatting}
            value={draft}
            dir="auto"
            onInput={(event) => {
              const text = (event.target as HTMLTextAreaElement).value;
              setDraft(text);
              noteDraft(text);
              noteTyping();
            }}
            onKeyDown={(event) => {
              if (cannedKeys.current?.(event)) return;
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
          />
          <ComposerTranslationSlot chatId={chat.id} draft={draft} disabled={!chatting || privateNote} />
          <div class="composer-side">
            <button type="submit" class="btn btn-primary" data-testid="send" disabled={!chatting || !draft.trim() || held.length > 0}>
              Send
            </button>
            <label class="private-toggle" title="Only agents see a private note">
              <input
                type="checkbox"
                data-testid="private-note"
                checked={privateNote}
                onChange={(e) => {
                  stopTyping();
                  setPrivateNote((e.target as HTMLInputElement).checked);
                }}
              />{' '}
              Private
            </label>
          </div>
        </form>
        </>
      )}
    </section>
  );
}
