/**
 * The command registry behind the palette (`Ctrl/⌘-K`): every panel action is a command with an id,
 * a title, an optional default shortcut and a run condition. Features declare their commands; the
 * palette lists the ones whose condition holds, filtered as the agent types (fuzzysort), each with
 * its shortcut. Generic over the context the conditions read (the panel's state), so this module
 * knows nothing of the panel.
 */
import fuzzysort from 'fuzzysort';

export interface Command<Context> {
  /** `<feature>.<action>`, e.g. `chat.next`: stable, used by the shortcut settings. */
  id: string;
  /** What the palette shows, e.g. "Next chat". */
  title: string;
  /** More words that should find it ("switch", "tab"). */
  keywords?: readonly string[];
  /** The default shortcut (./shortcuts.ts grammar), if it has one. */
  shortcut?: string;
  /** Whether it can run now; absent: always. */
  when?: (context: Context) => boolean;
  run: (context: Context) => void | Promise<void>;
}

export interface CommandRegistry<Context> {
  readonly commands: readonly Command<Context>[];
  get(id: string): Command<Context> | undefined;
  /** The commands whose condition holds, in registry order. */
  available(context: Context): Command<Context>[];
}

const ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/** Builds the registry, or says which ids are malformed or declared twice. */
export function createCommandRegistry<Context>(commands: readonly Command<Context>[]): { ok: true; registry: CommandRegistry<Context> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const byId = new Map<string, Command<Context>>();
  for (const command of commands) {
    if (!ID_PATTERN.test(command.id)) errors.push(`"${command.id}" is not a command id (feature.action, lower case)`);
    else if (byId.has(command.id)) errors.push(`${command.id} is declared twice`);
    else byId.set(command.id, command);
    if (!command.title.trim()) errors.push(`${command.id} has no title`);
  }
  if (errors.length) return { ok: false, errors };
  const list = [...byId.values()];
  const runnable = (command: Command<Context>, context: Context) => {
    try {
      return command.when ? command.when(context) : true;
    } catch {
      // A broken condition hides its command; it never breaks the palette.
      return false;
    }
  };
  return {
    ok: true,
    registry: {
      commands: list,
      get: (id) => byId.get(id),
      available: (context) => list.filter((command) => runnable(command, context)),
    },
  };
}

/** The palette's list for what the agent typed: best match first; everything, in order, for nothing typed. */
export function filterCommands<Context>(commands: readonly Command<Context>[], typed: string, limit = 50): Command<Context>[] {
  const query = typed.trim();
  if (!query) return commands.slice(0, limit);
  return fuzzysort
    .go(query, commands, {
      keys: [(c) => c.title, (c) => (c.keywords ?? []).join(' '), (c) => c.id],
      threshold: 0.2,
      limit,
      // A title match counts more than a keyword or the id.
      scoreFn: (r) => Math.max(r[0]?.score ?? 0, (r[1]?.score ?? 0) * 0.9, (r[2]?.score ?? 0) * 0.8),
    })
    .map((hit) => hit.obj);
}
