/** The same panel in Chrome's side panel, for CRMs where nothing may cover the page: it fills the side panel. */
import { Panel } from '../panel/Panel';

export function SidePanel() {
  return (
    <div class="dock dock-fill" data-testid="dock" data-dock="side-panel">
      <Panel />
    </div>
  );
}
