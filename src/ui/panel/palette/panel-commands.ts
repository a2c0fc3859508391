/**
 * The panel's commands, bound (src/features/command-palette/panel-commands.ts declares them): each
 * drives the panel's own controls, found in its shadow root by their test ids, so the palette and
 * the shortcuts do exactly what the buttons do (End asks to confirm; Transfer opens its form). A
 * command whose control is not there now (no chat, not ringing) is not offered. Availability is
 * changed only for a trusted gesture (the event's `isTrusted`, which a page cannot forge): in a CRM
 * tab the background takes it from the panel's content script on enabled sites only (docs/security.md).
 */
import { bindPanelCommands, switchChatCommands, type PanelCommandContext, type PanelCommandId } from '../../../features/command-palette/panel-commands';
import { commandForKeyPress, resolveKeymap, type Keymap, type ShortcutOverrides } from '../../../features/command-palette/keymap';
import { createCommandRegistry, type Command, type CommandRegistry } from '../../../features/command-palette/registry';
import { cleanOverrides, currentPlatform, shortcutOverridesItem } from '../../../features/command-palette/stored';
import { PANEL_COMMANDS } from '../../../features/command-palette/panel-commands';
import { run, view } from '../../store';
import { holdFocusIn, paletteOpen, type PanelHandle } from '../quick-state';

export const platform = currentPlatform();

let overrides: ShortcutOverrides = {};
let resolved: { from: ShortcutOverrides; keymap: Keymap } | undefined;
void shortcutOverridesItem.getValue().then((value) => void (overrides = cleanOverrides(value)));
shortcutOverridesItem.watch((value) => void (overrides = cleanOverrides(value)));

/** The defaults with the agent's overrides (one sentence per refused shortcut in `problems`). */
export function panelKeymap(): Keymap {
  if (resolved?.from !== overrides) resolved = { from: overrides, keymap: resolveKeymap(PANEL_COMMANDS, overrides, platform) };
  return resolved.keymap;
}

/** `event`: what ran the command (a key press, a click); availability needs it to be trusted. */
export function panelContext(panel: PanelHandle, event?: Pick<Event, 'isTrusted'>): PanelCommandContext {
  const v = view.peek();
  const active = v.chats.find((c) => c.id === panel.activeChatId) ?? v.chats[v.chats.length - 1];
  const availability = v.availability === 'Online' || v.availability === 'Away' || v.availability === 'Occupied' ? v.availability : undefined;
  return {
    signedIn: v.auth.status === 'signed-in',
    availability,
    ringing: v.ringing.count > 0,
    activeChat: active && { id: active.id, state: active.state },
    chatCount: v.chats.length,
    trusted: event?.isTrusted === true,
  };
}

export const UNTRUSTED_AVAILABILITY = 'Availability changes only on your own key press or click.';

export function panelRegistry(panel: PanelHandle, report: (message: string) => void): CommandRegistry<PanelCommandContext> {
  const find = <T extends HTMLElement>(testId: string) => panel.root.current?.querySelector<T>(`[data-testid="${testId}"]`) ?? null;
  const click = (testId: string) => () => find(testId)?.click();
  const chats = view.peek().chats;
  // The panel holds the focus while the chat's pane is swapped; keepFocusInPanel then gives it to the message box.
  const switchTo = (chatId: string) => {
    holdFocusIn(panel.root.current);
    panel.select(chatId);
  };
  const step = (delta: number) => (context: PanelCommandContext) => {
    const index = chats.findIndex((c) => c.id === context.activeChat?.id);
    const next = chats[(index + delta + chats.length) % chats.length];
    if (next) switchTo(next.id);
  };
  const reportRefusal = (answer: Promise<{ ok: boolean; message?: string }>) =>
    void answer.then((result) => !result.ok && report(result.message ?? 'Agent Dock refused.'));
  // A page can dispatch synthetic keys and clicks into the panel's tree, never trusted ones.
  const fromGesture = (send: () => Promise<{ ok: boolean; message?: string }>) => (context: PanelCommandContext) =>
    context.trusted ? reportRefusal(send()) : report(UNTRUSTED_AVAILABILITY);
  const bound = bindPanelCommands({
    'palette.open': () => void (paletteOpen.value = true),
    'chat.next': step(1),
    'chat.previous': step(-1),
    'composer.focus': () => find('composer')?.focus(),
    'ring.accept': click('accept'),
    'canned-responses.insert': () => {
      const composer = find<HTMLTextAreaElement>('composer');
      if (!composer) return;
      composer.focus();
      // As if the agent typed `/`: the composer opens its list.
      composer.value = '/';
      composer.dispatchEvent(new Event('input', { bubbles: true }));
    },
    'availability.online': fromGesture(() => run('setAvailability', { state: 'Online' })),
    'availability.away': fromGesture(() => run('setAvailability', { state: 'Away' })),
    'availability.drain': fromGesture(() => run('finishChatsThenAway')),
    'chat.transfer': click('transfer'),
    'chat.end': click('end-chat'),
    'chat.copy-transcript': click('copy-transcript'),
    'visitor.info': () => {
      const details = find<HTMLDetailsElement>('visitor-info');
      if (!details) return;
      details.open = true;
      details.querySelector('summary')?.focus();
    },
    'chat.sort-by-urgency': click('sort-by-urgency'),
  });
  // Offered only while the control it drives is in the panel.
  const needs: Partial<Record<PanelCommandId, () => boolean>> = {
    'ring.accept': () => !!find('accept'),
    'chat.transfer': () => !!find('transfer'),
    'chat.end': () => !!find('end-chat'),
    'chat.copy-transcript': () => !!find('copy-transcript'),
    'visitor.info': () => !!find('visitor-info'),
    'chat.sort-by-urgency': () => !!find('sort-by-urgency'),
  };
  const commands: Command<PanelCommandContext>[] = bound.map((command) => {
    const extra = needs[command.id as PanelCommandId];
    return extra ? { ...command, when: (context) => (command.when ? command.when(context) : true) && extra() } : command;
  });
  const built = createCommandRegistry([...commands, ...switchChatCommands(chats, switchTo)]);
  if (!built.ok) throw new Error(built.errors.join('; '));
  return built.registry;
}

/**
 * After a command the focus stays in the panel: a chat switched or accepted replaces the element
 * that had it, and a key pressed with the focus lost would go to the page. The message box takes it.
 */
export function keepFocusInPanel(panel: PanelHandle): void {
  setTimeout(() => {
    const root = panel.root.current;
    const shadow = root?.getRootNode() as ShadowRoot | Document | undefined;
    const active = shadow?.activeElement;
    if (root && (!active || active === root || !root.contains(active))) {
      (root.querySelector<HTMLElement>('[data-testid="composer"]:not([disabled])') ?? root.querySelector<HTMLElement>('button'))?.focus();
    }
  }, 0);
}

/** A key pressed in the panel: a shortcut runs its command and goes no further (default cancelled too). */
export function handlePanelKey(event: KeyboardEvent, panel: PanelHandle): void {
  if (event.isComposing) return;
  const id = commandForKeyPress(panelKeymap(), event);
  if (!id) return;
  event.preventDefault();
  event.stopPropagation();
  const context = panelContext(panel, event);
  const command = panelRegistry(panel, () => {}).available(context).find((c) => c.id === id);
  if (command) void Promise.resolve(command.run(context)).then(() => keepFocusInPanel(panel));
}
