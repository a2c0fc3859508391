/**
 * The chat tools: what a chat needs that the panel's first paint does not — the transfer and
 * wrap-up forms, the visitor's details, copy and fill (and the transcript to copy), LivePerson's
 * structured content. CRM tabs load them with the first chat they show (../on-demand.ts;
 * entrypoints/panel-tools.content); extension pages bundle them.
 */
import { injectedIntoThisTab, OnDemand } from '../on-demand';
import { PANEL_TOOLS_GLOBAL } from '../injected-globals';
import type { panelTools } from './tools-bundle';

export type PanelTools = typeof panelTools;

export const chatTools = new OnDemand<PanelTools>('the chat tools (transfer, wrap-up survey, visitor details, copy and fill, structured content)');

/** CRM tabs: the background injects the tools into this world; they are picked up from there. */
export function loadChatToolsIntoThisTab(): void {
  chatTools.loadWith(injectedIntoThisTab<PanelTools>('panel-tools', PANEL_TOOLS_GLOBAL));
}
