/**
 * Canned responses (`/` in the composer) and the command palette (Ctrl/⌘-K) with the panel's
 * shortcuts. What every CRM page loads is only this: the signals, the slots and the key hook. The
 * list, the palette, the search and the keymap (./quick-tools-bundle.ts) come into a CRM tab the
 * first time the agent focuses the panel or types `/` (../on-demand.ts;
 * entrypoints/quick-tools.content); extension pages bundle them.
 */
import { QUICK_TOOLS_GLOBAL } from '../injected-globals';
import { injectedIntoThisTab, OnDemand } from '../on-demand';
import type { quickTools as QuickToolsBundle } from './quick-tools-bundle';
import { paletteOpen, type CannedSlotProps, type PanelHandle } from './quick-state';

export { paletteOpen, type CannedSlotProps, type PanelHandle };

export type QuickTools = typeof QuickToolsBundle;

export const quickTools = new OnDemand<QuickTools>('canned responses and the command palette');

/** CRM tabs: the background injects the quick tools into this world; they are picked up from there. */
export function loadQuickToolsIntoThisTab(): void {
  quickTools.loadWith(injectedIntoThisTab<QuickTools>('quick-tools', QUICK_TOOLS_GLOBAL));
}

/**
 * The panel's keydown (its shadow root already keeps key events from the page's listeners): a
 * shortcut runs its command, and its default action (the browser's Ctrl+K, Alt+←…) is cancelled.
 */
export function onPanelKeyDown(event: KeyboardEvent, panel: PanelHandle): void {
  const tools = quickTools.get();
  if (tools) return tools.handlePanelKey(event, panel);
  // Before the tools are here: Ctrl/⌘-K still opens the palette, which loads them.
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    event.stopPropagation();
    paletteOpen.value = true;
  }
}

export function PaletteSlot(props: PanelHandle) {
  const { part } = quickTools.use();
  return part ? <part.CommandPalette {...props} /> : null;
}

export function CannedSlot(props: CannedSlotProps) {
  const { part, failed } = quickTools.use();
  if (part) return <part.CannedPicker {...props} />;
  return failed ? (
    <p class="warning" role="alert">
      Canned responses could not be loaded in this tab: reload the page.
    </p>
  ) : null;
}

/** Why a line built from a canned response cannot be sent yet (a blank, a `{placeholder}` left). */
export function cannedProblems(text: string): string[] {
  return quickTools.get()?.problemsBeforeSending(text) ?? [];
}
