/**
 * The shortcut map: each command's default shortcut, replaced or switched off by the agent's own
 * choices (`{ "chat.next": "Alt+J", "chat.end": null }`), checked as a whole: every problem is one
 * sentence, and a command whose shortcut has a problem has none (never a surprising one).
 */
import type { Command } from './registry';
import { bindingId, bindingProblem, formatBinding, matchesKeyPress, parseShortcut, type KeyBinding, type KeyPress, type Platform } from './shortcuts';

/** Command id → shortcut text, or null for "no shortcut". */
export type ShortcutOverrides = Readonly<Record<string, string | null>>;

export interface Keymap {
  /** Command id → its binding. */
  bindings: ReadonlyMap<string, KeyBinding>;
  problems: string[];
}

export function resolveKeymap(commands: readonly Pick<Command<unknown>, 'id' | 'title' | 'shortcut'>[], overrides: ShortcutOverrides, platform: Platform): Keymap {
  const problems: string[] = [];
  const known = new Set(commands.map((c) => c.id));
  for (const id of Object.keys(overrides)) if (!known.has(id)) problems.push(`${id}: there is no such command`);

  const wanted = new Map<string, KeyBinding>();
  for (const command of commands) {
    const text = Object.hasOwn(overrides, command.id) ? overrides[command.id] : command.shortcut;
    if (text === null || text === undefined || text.trim() === '') continue;
    const parsed = parseShortcut(text, platform);
    const problem = typeof parsed === 'string' ? parsed : bindingProblem(parsed, platform);
    if (problem || typeof parsed === 'string') problems.push(`${command.title}: ${problem}`);
    else wanted.set(command.id, parsed);
  }

  // Two commands on one shortcut: neither keeps it, and the sentence names both.
  const byBinding = new Map<string, string[]>();
  for (const [id, binding] of wanted) byBinding.set(bindingId(binding), [...(byBinding.get(bindingId(binding)) ?? []), id]);
  const title = (id: string) => commands.find((c) => c.id === id)?.title ?? id;
  for (const [, ids] of byBinding) {
    if (ids.length < 2) continue;
    problems.push(`${ids.map(title).join(' and ')} share ${formatBinding(wanted.get(ids[0]!)!, platform)}`);
    for (const id of ids) wanted.delete(id);
  }
  return { bindings: wanted, problems };
}

/** The command a key press triggers, if any (the panel then stops the event: the host page never sees it). */
export function commandForKeyPress(keymap: Keymap, press: KeyPress): string | undefined {
  for (const [id, binding] of keymap.bindings) if (matchesKeyPress(binding, press)) return id;
  return undefined;
}
