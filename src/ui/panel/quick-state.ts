/**
 * What the panel and its on-demand quick tools (./quick-tools.tsx, ./quick-tools-bundle.ts) share:
 * the palette's open state and the shapes they hand each other. Kept apart so the bundle never
 * imports the module that loads it.
 */
import { signal } from '@preact/signals-core';
import type { ChatView } from '../../messaging/view';

/** Whether the command palette is open. */
export const paletteOpen = signal(false);

/**
 * Gives the focus to the panel itself while the element that had it goes (a chat's pane swapped, the
 * palette closed): a key pressed meanwhile stays in the panel instead of falling to the page. Made
 * focusable only then, so the panel's first paint stays the frame src/ui/dock/first-paint.ts draws.
 */
export function holdFocusIn(panel: HTMLElement | null | undefined): void {
  if (!panel) return;
  if (!panel.hasAttribute('tabindex')) panel.tabIndex = -1;
  panel.focus({ preventScroll: true });
}

/** What the palette's commands act on: the panel's element, and the chat selection it owns. */
export interface PanelHandle {
  root: { current: HTMLElement | null };
  select(chatId: string): void;
  activeChatId?: string;
}

export interface CannedSlotProps {
  query: string;
  chat: ChatView;
  composer: { current: HTMLTextAreaElement | null };
  /** The composer's keys go to the list first while it is open (arrows, Enter, Esc). */
  keys: { current: ((event: KeyboardEvent) => boolean) | null };
  /** `html`: an HTML response as the sanitized line to send while the composer still holds `text` unedited. */
  onPick(text: string, html?: string): void;
  onClose(): void;
}
