/**
 * What the in-page panels need to hear. A poll that finds nothing new still bumps the view's
 * `version` and `health.lastPollAt` (the popup shows the last poll), but nothing a panel shows:
 * sending that to every CRM tab every interval would make each tab deserialize and re-render for
 * nothing. So a panel gets a view only when something other than those two changed.
 */
import type { AgentView } from './view';

/** The view as a panel sees it, as a string to compare; version and last poll time left out. */
export function panelFingerprint(view: AgentView): string {
  return JSON.stringify({ ...view, version: 0, health: { problem: view.health.problem } });
}
