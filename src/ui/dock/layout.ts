/**
 * Where the panel sits and how big it is (px), from the site's rule, the agent's placement and the
 * window: one computation for <Dock> and for the panel's first paint (./first-paint.ts), so the
 * frame Preact takes over is already where Preact would put it.
 */
import { PANEL_DEFAULT_Z_INDEX, PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, type PanelPlacement, type SiteRule } from '../../settings/sites';

const FLOAT_MARGIN = 24;
const DEFAULT_FLOAT_HEIGHT = 560;

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export interface DockLayout {
  docked: boolean;
  width: number;
  height: number;
  left: number;
  top: number;
  /** The dock element's custom properties, which dock.css lays the panel out by. */
  style: Record<string, string>;
}

export interface Viewport {
  width: number;
  height: number;
}

export function dockLayout(rule: SiteRule, placement: PanelPlacement, viewport: Viewport): DockLayout {
  const width = clamp(placement.width ?? rule.width, PANEL_MIN_WIDTH, Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, viewport.width - 40)));
  const height = clamp(placement.height ?? DEFAULT_FLOAT_HEIGHT, 240, Math.max(240, viewport.height - 2 * FLOAT_MARGIN));
  const left = clamp(placement.left ?? viewport.width - width - FLOAT_MARGIN, 0, Math.max(0, viewport.width - width));
  const top = clamp(placement.top ?? FLOAT_MARGIN, 0, Math.max(0, viewport.height - 40));
  return {
    docked: rule.dock !== 'floating',
    width,
    height,
    left,
    top,
    style: {
      '--agent-dock-width': `${width}px`,
      '--agent-dock-height': `${height}px`,
      '--agent-dock-left': `${left}px`,
      '--agent-dock-top': `${top}px`,
      '--agent-dock-z': String(rule.zIndex ?? PANEL_DEFAULT_Z_INDEX),
    },
  };
}

export type PageMargin = { side: 'left' | 'right'; px: number } | null;

/** The page's margin beside the open docked panel, where the rule pushes the page aside. */
export function pageMargin(rule: SiteRule, collapsed: boolean, layout: DockLayout): PageMargin {
  return layout.docked && rule.pushPage && !collapsed ? { side: rule.dock === 'left' ? 'left' : 'right', px: layout.width } : null;
}

export const viewportOf = (win: Window): Viewport => ({ width: win.innerWidth, height: win.innerHeight });
