/**
 * Previous chats: the visitor's earlier chats from Engagement History, lazy (nothing is asked
 * until the agent opens the section) and paged; one opens to its whole transcript. Every word is
 * a text node; an HTML line goes through the panel's one sanitizer, as live lines do, and shows
 * as plain words until it is loaded (fail closed).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryRecord } from '../../api/engagement-history';
import { hasMore, initialPreviousChats, loadMore, PAGE_SIZE, withSources, type HistorySearch, type PreviousChatsState } from '../../features/previous-chats/paging';
import { summarizeChat } from '../../features/previous-chats/summary';
import { transcriptForPanel, type PanelLine } from '../../features/previous-chats/transcript';
import type { ChatView } from '../../messaging/view';
import { useSanitizedHtml } from '../sanitize';
import { run } from '../store';
import { chatValues } from './chat-facts';

const when = (ms?: number) => (ms === undefined ? 'unknown date' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

function HtmlWords({ markup, fallback }: { markup: string; fallback: string }) {
  const html = useSanitizedHtml(markup);
  if (html !== undefined) return <span data-testid="history-line-text" dir="auto" dangerouslySetInnerHTML={{ __html: html }} />;
  return (
    <span data-testid="history-line-text" dir="auto">
      {fallback}
    </span>
  );
}

function Line({ line }: { line: PanelLine }) {
  return (
    <li class={`history-line ${line.source}${line.private ? ' private' : ''}`} data-testid="history-line" data-source={line.source}>
      <span class="speaker">{line.speaker}{line.private ? ' (private)' : ''}: </span>
      {line.kind === 'html' ? (
        <HtmlWords markup={line.markup} fallback={line.fallbackText} />
      ) : (
        <span data-testid="history-line-text" dir="auto">
          {line.kind === 'text' ? line.text : line.fallbackText}
        </span>
      )}
    </li>
  );
}

function Entry({ record, open, toggle }: { record: HistoryRecord; open: boolean; toggle: () => void }) {
  const summary = summarizeChat(record);
  return (
    <li class="previous-chat" data-testid="previous-chat" data-engagement-id={record.engagementId}>
      <div class="previous-head">
        <span data-testid="previous-chat-meta">
          {when(summary.startedAt)} · {summary.skill} · {summary.agent} · {summary.durationLabel}
        </span>{' '}
        <button type="button" class="btn btn-quiet" data-testid="previous-chat-open" aria-expanded={open} onClick={toggle}>
          {open ? 'Hide' : 'Open'}
        </button>
      </div>
      {!open && (
        <ul class="first-lines">
          {summary.firstLines.map((l, i) => (
            <li key={i} data-testid="previous-chat-first-line" dir="auto">
              {l.speaker}: {l.text}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <ol class="history-transcript" data-testid="history-transcript">
          {transcriptForPanel(record).map((line) => (
            <Line key={line.id} line={line} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function PreviousChats({ chat }: { chat: ChatView }) {
  const { visitorId, customerId } = chatValues(chat);
  const [state, setState] = useState<PreviousChatsState>(() => initialPreviousChats({ visitorId, customerId, now: Date.now() }));
  // A signed-in visitor's customer id comes with their details, after the chat (and often after
  // this section is first drawn): it joins the sources then, and is read at once if the list is open.
  const keys = useRef({ visitorId, customerId });
  keys.current = { visitorId, customerId };
  const joined = (current: PreviousChatsState) => withSources(current, { ...keys.current, now: Date.now() });
  const [opened, setOpened] = useState<string | null>(null);
  const search: HistorySearch = async (request) => {
    const { limit, offset } = request;
    const answer = await run(
      'searchChatHistory',
      request.kind === 'visitor' ? { chatId: chat.id, kind: 'visitor', offset, limit } : { chatId: chat.id, kind: 'customer', from: request.from, to: request.to, offset, limit },
    );
    return answer.ok ? { ok: true, value: answer.page } : { ok: false, error: { kind: 'http', message: answer.message } };
  };
  const load = async (from: PreviousChatsState): Promise<void> => {
    setState({ ...from, status: 'loading' });
    const loaded = await loadMore(from, search, { want: PAGE_SIZE });
    const next = joined(loaded);
    if (next !== loaded && loaded.status === 'ready') return load(next);
    setState(next);
  };
  const more = () => (state.status === 'loading' ? undefined : load(joined(state)));
  useEffect(() => {
    if (state.status === 'idle') setState(joined);
    else if (state.status === 'ready' && joined(state) !== state) void load(joined(state));
  }, [visitorId, customerId]);
  if (state.cursors.length === 0) return null;
  return (
    <details
      class="previous-chats"
      data-testid="previous-chats"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && state.status === 'idle') void more();
      }}
    >
      <summary>Previous chats</summary>
      {state.status === 'loading' && (
        <p class="empty" data-testid="previous-chats-loading">
          Loading…
        </p>
      )}
      {state.error && (
        <p class="warning" role="alert" data-testid="previous-chats-error">
          {state.error}
        </p>
      )}
      {state.status === 'ready' && state.records.length === 0 && (
        <p class="empty" data-testid="previous-chats-none">
          No earlier chats.
        </p>
      )}
      <ul class="previous-list">
        {state.records.map((record) => (
          <Entry key={record.engagementId} record={record} open={opened === record.engagementId} toggle={() => setOpened(opened === record.engagementId ? null : record.engagementId)} />
        ))}
      </ul>
      {state.status !== 'loading' && state.status !== 'idle' && hasMore(state) && (
        <button type="button" class="btn btn-quiet" data-testid="previous-chats-more" onClick={() => void more()}>
          {state.status === 'error' ? 'Try again' : 'Load more'}
        </button>
      )}
    </details>
  );
}
