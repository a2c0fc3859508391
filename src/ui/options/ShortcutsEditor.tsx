/**
 * Options → Panel shortcuts: every panel command with its shortcut (the default or the agent's),
 * changed by typing one (`Alt+J`, `Mod+Shift+K`; Mod is ⌘ on a Mac, Ctrl elsewhere), removed, or
 * reset. A shortcut that would take a typing key, belongs to the browser or is another command's is
 * refused with the sentence that says why (src/features/command-palette/keymap.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { resolveKeymap, type ShortcutOverrides } from '../../features/command-palette/keymap';
import { PANEL_COMMANDS } from '../../features/command-palette/panel-commands';
import { formatBinding } from '../../features/command-palette/shortcuts';
import { cleanOverrides, currentPlatform, shortcutOverridesItem } from '../../features/command-palette/stored';

const platform = currentPlatform();

export function ShortcutsEditor() {
  const [overrides, setOverrides] = useState<ShortcutOverrides>({});
  const [editing, setEditing] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    void shortcutOverridesItem.getValue().then((v) => setOverrides(cleanOverrides(v)));
    return shortcutOverridesItem.watch((v) => setOverrides(cleanOverrides(v)));
  }, []);
  const keymap = resolveKeymap(PANEL_COMMANDS, overrides, platform);

  const change = async (id: string, text: string | null | undefined) => {
    const next: Record<string, string | null> = { ...overrides };
    if (text === undefined) delete next[id];
    else next[id] = text;
    const before = new Set(keymap.problems);
    const added = resolveKeymap(PANEL_COMMANDS, next, platform).problems.filter((p) => !before.has(p));
    setProblems(added);
    if (added.length) return;
    await shortcutOverridesItem.setValue(next);
    setEditing(({ [id]: _done, ...rest }) => rest);
  };

  return (
    <div data-testid="shortcuts-editor">
      <p class="hint">
        In the panel, Ctrl/⌘-K opens the command palette. These keys work while the panel has the focus and never reach the page.
      </p>
      <table class="shortcuts">
        <tbody>
          {PANEL_COMMANDS.map((command) => {
            const binding = keymap.bindings.get(command.id);
            return (
              <tr key={command.id} data-testid="shortcut-row" data-command={command.id}>
                <th scope="row">{command.title}</th>
                <td>
                  <input
                    aria-label={`Shortcut for ${command.title}`}
                    data-testid="shortcut-input"
                    value={editing[command.id] ?? (binding ? formatBinding(binding, 'other') : '')}
                    placeholder="none"
                    onInput={(e) => setEditing({ ...editing, [command.id]: (e.target as HTMLInputElement).value })}
                    onChange={(e) => {
                      const text = (e.target as HTMLInputElement).value.trim();
                      void change(command.id, text ? text : null);
                    }}
                  />
                  {platform === 'mac' && binding && <span class="hint"> {formatBinding(binding, platform)}</span>}
                </td>
                <td>
                  {Object.hasOwn(overrides, command.id) && (
                    <button type="button" class="btn" data-testid="shortcut-reset" onClick={() => void change(command.id, undefined)}>
                      Default
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {[...problems, ...keymap.problems].length > 0 && (
        <ul class="error" role="alert" data-testid="shortcut-problems">
          {[...problems, ...keymap.problems].map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
