/**
 * The panel's commands: ids, titles, default shortcuts and when each can run. The panel binds a
 * handler to every id (`bindPanelCommands` refuses a missing one, so no action is left out of the
 * palette), and adds one "switch to" command per open chat. Default shortcuts avoid Agent Dock's
 * browser-wide ones (Alt+Shift+O/A/K, src/agent/commands.ts), which the browser takes first.
 */
import type { Command } from './registry';

export interface PanelCommandContext {
  signedIn: boolean;
  availability?: 'Online' | 'Away' | 'Occupied';
  ringing: boolean;
  /** The chat in front of the agent. */
  activeChat?: { id: string; state: string };
  chatCount: number;
  /**
   * The command comes from the agent's own key press or click: the browser marked its event
   * trusted (`isTrusted`), which a page's script cannot forge. Availability changes only then.
   */
  trusted?: boolean;
}

const holding = (c: PanelCommandContext) => c.activeChat?.state === 'chatting';

export const PANEL_COMMANDS = [
  { id: 'palette.open', title: 'Open the command palette', keywords: ['commands', 'actions'], shortcut: 'Mod+K' },
  { id: 'chat.next', title: 'Next chat', keywords: ['switch', 'tab'], shortcut: 'Alt+ArrowDown', when: (c) => c.chatCount > 1 },
  { id: 'chat.previous', title: 'Previous chat', keywords: ['switch', 'tab'], shortcut: 'Alt+ArrowUp', when: (c) => c.chatCount > 1 },
  { id: 'composer.focus', title: 'Focus the message box', keywords: ['write', 'type', 'composer'], shortcut: 'Alt+M', when: holding },
  { id: 'ring.accept', title: 'Accept the ringing chat', keywords: ['answer', 'take'], shortcut: 'Alt+Enter', when: (c) => c.ringing },
  { id: 'canned-responses.insert', title: 'Insert a canned response', keywords: ['predefined', 'template', 'snippet'], shortcut: 'Alt+R', when: holding },
  { id: 'availability.online', title: 'Go Online', keywords: ['available', 'status'], when: (c) => c.signedIn && c.availability !== 'Online' },
  { id: 'availability.away', title: 'Go Away', keywords: ['break', 'status'], when: (c) => c.signedIn && c.availability !== 'Away' },
  { id: 'availability.drain', title: 'Finish my chats, then Away', keywords: ['occupied', 'drain', 'status'], when: (c) => c.signedIn && c.availability === 'Online' },
  { id: 'chat.transfer', title: 'Transfer this chat', keywords: ['skill', 'colleague', 'hand over'], when: holding },
  { id: 'chat.end', title: 'End this chat', keywords: ['close', 'finish'], when: holding },
  { id: 'chat.copy-transcript', title: 'Copy the transcript', keywords: ['clipboard'], when: (c) => c.activeChat !== undefined },
  { id: 'visitor.info', title: 'Open visitor info', keywords: ['customer', 'details', 'pre-chat'], shortcut: 'Alt+I', when: (c) => c.activeChat !== undefined },
  { id: 'chat.sort-by-urgency', title: 'Sort chats by urgency', keywords: ['reply', 'waiting', 'timer'], when: (c) => c.chatCount > 1 },
] as const satisfies ReadonlyArray<Omit<Command<PanelCommandContext>, 'run'>>;

export type PanelCommandId = (typeof PANEL_COMMANDS)[number]['id'];

export type PanelCommandHandlers = Record<PanelCommandId, (context: PanelCommandContext) => void | Promise<void>>;

/** Every panel command with its handler; a handler for an id that does not exist is a type error. */
export function bindPanelCommands(handlers: PanelCommandHandlers): Command<PanelCommandContext>[] {
  return PANEL_COMMANDS.map((spec) => ({ ...spec, run: handlers[spec.id] }));
}

/** One "Switch to chat with …" command per open chat (no shortcut: next/previous cover the keys). */
export function switchChatCommands(
  chats: ReadonlyArray<{ id: string; visitorName: string }>,
  select: (chatId: string) => void,
): Command<PanelCommandContext>[] {
  return chats.map((chat, index) => ({
    id: `chat.switch-to.${index + 1}-${chat.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'chat'}`,
    title: `Switch to chat with ${chat.visitorName || 'visitor'}`,
    keywords: ['switch', 'go to', chat.visitorName],
    when: (c) => c.activeChat?.id !== chat.id,
    run: () => select(chat.id),
  }));
}
