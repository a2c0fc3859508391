/**
 * The command palette (Ctrl/⌘-K): every panel action that can run now, filtered as the agent types
 * (fuzzy), each with its shortcut; arrows, Enter, Esc. A modal dialog over the panel; the focus
 * goes back where it was when it closes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { filterCommands } from '../../../features/command-palette/registry';
import { formatBinding } from '../../../features/command-palette/shortcuts';
import { useSignalValue } from '../../state/use-signal-value';
import { view } from '../../store';
import { holdFocusIn, paletteOpen, type PanelHandle } from '../quick-state';
import { keepFocusInPanel, panelContext, panelKeymap, panelRegistry, platform } from './panel-commands';

const LIST_ID = 'agent-dock-palette-list';

export function CommandPalette(panel: PanelHandle) {
  useSignalValue(view);
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const root = panel.root.current?.getRootNode() as Document | ShadowRoot | undefined;
    returnTo.current = (root?.activeElement as HTMLElement | null) ?? null;
    input.current?.focus();
  }, []);
  useEffect(() => setActive(0), [typed]);

  const context = panelContext(panel);
  const commands = filterCommands(panelRegistry(panel, setProblem).available(context), typed);
  const keymap = panelKeymap();
  const current = commands[Math.min(active, commands.length - 1)];
  // The focus goes back before the palette goes: a key released meanwhile stays in the panel.
  const close = () => {
    if (returnTo.current?.isConnected) returnTo.current.focus();
    else {
      holdFocusIn(panel.root.current);
      keepFocusInPanel(panel);
    }
    paletteOpen.value = false;
  };
  /** `event`: the key press or click that chose it (availability needs it trusted). */
  const runCommand = (index: number, event: Event) => {
    const command = commands[index];
    if (!command) return;
    if (command.id !== 'palette.open') close();
    const context = panelContext(panel, event);
    // After the palette is gone and the focus is back: the command may move it on.
    setTimeout(() => void Promise.resolve(command.run(context)).then(() => keepFocusInPanel(panel)), 0);
  };

  return (
    <div class="palette-backdrop" data-testid="palette" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div class="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={current ? `${LIST_ID}-${commands.indexOf(current)}` : undefined}
          placeholder="Type a command"
          data-testid="palette-input"
          value={typed}
          onInput={(event) => setTyped((event.target as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const n = commands.length;
              if (n) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
            } else if (event.key === 'Enter') {
              event.preventDefault();
              runCommand(current ? commands.indexOf(current) : -1, event);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        />
        {problem && (
          <p class="canned-note" role="alert">
            {problem}
          </p>
        )}
        <ul class="palette-list" role="listbox" id={LIST_ID} aria-label="Commands">
          {commands.map((command, index) => {
            const binding = keymap.bindings.get(command.id);
            return (
              <li
                key={command.id}
                id={`${LIST_ID}-${index}`}
                role="option"
                class="palette-option"
                data-testid="palette-option"
                data-command={command.id}
                aria-selected={command === current}
                onMouseDown={(event) => {
                  event.preventDefault();
                  runCommand(index, event);
                }}
              >
                <span class="palette-title" dir="auto">{command.title}</span>
                {binding && <kbd class="palette-keys">{formatBinding(binding, platform)}</kbd>}
              </li>
            );
          })}
        </ul>
        {!commands.length && <p class="canned-note">No command matches “{typed}”.</p>}
        {keymap.problems.map((p) => (
          <p class="canned-note" key={p}>
            {p}
          </p>
        ))}
      </div>
    </div>
  );
}
