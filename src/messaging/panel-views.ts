/**
 * What the in-page panels need to hear, and no more:
 * - A poll that finds nothing new still bumps the view's `version` and `health.lastPollAt` (the
 *   popup shows the last poll), but nothing a panel shows: a panel gets a view only when something
 *   other than those two changed, so an idle agent costs the CRM tabs nothing.
 * - A long transcript is not sent again with every change: each chat carries only the lines after
 *   those the panel already holds (`linesKept`), so a tab's work per change does not grow with
 *   the length of the chat.
 */
import type { AgentView, ChatView } from './view';

/** A view on the port. `linesKept[chatId]`: the receiver keeps that many lines of its copy of the chat and appends the ones sent. */
export interface ViewMessage {
  type: 'view';
  view: AgentView;
  linesKept?: Record<string, number>;
}

/** Per panel port: one key per line of each chat, as last sent. */
export type SentLines = Map<string, string[]>;

/** The view as a panel sees it, as a string to compare; version and last poll time left out. */
export function panelFingerprint(view: AgentView): string {
  return JSON.stringify({ ...view, version: 0, health: { problem: view.health.problem } });
}

/** One key per line (its whole content), per chat: computed once per view, compared per port. */
export function lineKeys(view: AgentView): Map<string, string[]> {
  return new Map(view.chats.map((chat) => [chat.id, chat.lines.map((line) => JSON.stringify(line))]));
}

/** The message for a panel that holds `sent`; `sent` becomes what the panel holds after it. */
export function withoutKnownLines(view: AgentView, keys: Map<string, string[]>, sent: SentLines): ViewMessage {
  const linesKept: Record<string, number> = {};
  const chats = view.chats.map((chat): ChatView => {
    const now = keys.get(chat.id) ?? [];
    const before = sent.get(chat.id) ?? [];
    let kept = 0;
    while (kept < now.length && kept < before.length && now[kept] === before[kept]) kept++;
    linesKept[chat.id] = kept;
    return kept ? { ...chat, lines: chat.lines.slice(kept) } : chat;
  });
  sent.clear();
  for (const [id, chatKeys] of keys) sent.set(id, chatKeys);
  return { type: 'view', view: { ...view, chats }, linesKept };
}

/** The panel's side: the whole view again, from the message and the view it held before. */
export function withKnownLines(message: ViewMessage, held: AgentView | undefined): AgentView {
  const kept = message.linesKept;
  if (!kept) return message.view;
  const chats = message.view.chats.map((chat): ChatView => {
    const keep = kept[chat.id] ?? 0;
    if (!keep) return chat;
    const before = held?.chats.find((c) => c.id === chat.id)?.lines ?? [];
    const lines = chat.lines.length === 0 && keep === before.length ? before : [...before.slice(0, keep), ...chat.lines];
    return { ...chat, lines };
  });
  return { ...message.view, chats };
}
