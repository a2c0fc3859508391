/**
 * Keyboard commands (`commands` in the manifest; the agent can rebind them in the browser's
 * shortcut settings). The onCommand listener and the e2e test both call `runCommand`.
 */
import type { CommandResult } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';

export const COMMANDS = {
  'toggle-availability': { key: 'Alt+Shift+O', description: 'Toggle availability: Online ⇄ Away' },
  'accept-chat': { key: 'Alt+Shift+A', description: 'Accept the ringing chat' },
  'focus-panel': { key: 'Alt+Shift+K', description: 'Bring the CRM tab with the Agent Dock panel to the front' },
} as const;

export type CommandName = keyof typeof COMMANDS;

export interface CommandTarget {
  view(): AgentView;
  setAvailability(state: 'Online' | 'Away'): Promise<CommandResult>;
  acceptChat(): Promise<CommandResult>;
  focusPanel(): Promise<void>;
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export async function runCommand(name: string, target: CommandTarget): Promise<CommandResult> {
  if (!isCommandName(name)) return { ok: false, message: `Unknown command ${name}` };
  switch (name) {
    case 'toggle-availability':
      // Online goes Away; anything else (Away, Occupied, draining) comes back Online.
      return target.setAvailability(target.view().availability === 'Online' ? 'Away' : 'Online');
    case 'accept-chat': {
      const accepted = await target.acceptChat();
      // The agent pressed a key somewhere else: show them the chat they just took.
      if (accepted.ok) await target.focusPanel();
      return accepted;
    }
    case 'focus-panel':
      await target.focusPanel();
      return { ok: true };
  }
}
