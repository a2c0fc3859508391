/**
 * The panel's place on the page, from the site's rule: docked right or left (optionally pushing
 * the page aside), or floating; resizable, movable when floating, remembered per site. Sizes are
 * px: the host page's root font-size never scales the panel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Panel } from '../panel/Panel';
import { PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, type PanelPlacement, type SiteRule } from '../../settings/sites';
import { clamp, dockLayout, pageMargin, viewportOf, type PageMargin } from './layout';

export interface DockProps {
  rule: SiteRule;
  placement: PanelPlacement;
  onPlacement(placement: PanelPlacement): void;
  /** The page's margin while the docked panel is open and the rule pushes the page; null to restore. */
  pushPage(margin: PageMargin): void;
}

export function Dock({ rule, placement, onPlacement, pushPage }: DockProps) {
  const [collapsed, setCollapsed] = useState(rule.startCollapsed);
  // While dragging, the size lives here; it is saved once, when the drag ends.
  const [live, setLive] = useState<PanelPlacement | null>(null);
  // Sizes are clamped to the window: lay out again when it changes.
  const [, setViewport] = useState(0);
  useEffect(() => {
    const relayout = () => setViewport((n) => n + 1);
    window.addEventListener('resize', relayout);
    return () => window.removeEventListener('resize', relayout);
  }, []);
  const layout = dockLayout(rule, { ...placement, ...live }, viewportOf(window));
  const { docked, width, height, left, top } = layout;
  const margin = pageMargin(rule, collapsed, layout);

  useEffect(() => {
    pushPage(margin);
  }, [margin?.side, margin?.px]);
  useEffect(() => () => pushPage(null), []);

  const drag = useRef<{ x: number; y: number; start: Required<Pick<PanelPlacement, 'width' | 'left' | 'top'>> } | null>(null);
  const begin = (event: PointerEvent) => {
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, start: { width, left, top } };
    event.preventDefault();
  };
  const resize = (event: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    setLive({ width: rule.dock === 'right' ? d.start.width - dx : d.start.width + dx });
  };
  const move = (event: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    setLive({ left: d.start.left + event.clientX - d.x, top: d.start.top + event.clientY - d.y });
  };
  const end = () => {
    if (!drag.current) return;
    drag.current = null;
    onPlacement(docked ? { ...placement, width } : { ...placement, width, left, top, height });
    setLive(null);
  };
  const keyResize = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowLeft' ? -16 : event.key === 'ArrowRight' ? 16 : 0;
    if (!step) return;
    event.preventDefault();
    onPlacement({ ...placement, width: clamp(width + (rule.dock === 'right' ? -step : step), PANEL_MIN_WIDTH, PANEL_MAX_WIDTH) });
  };

  return (
    <div class={`dock dock-${rule.dock}`} data-testid="dock" data-dock={rule.dock} style={layout.style}>
      <Panel startCollapsed={rule.startCollapsed} openOnRing={rule.autoOpenOnRing} onCollapsedChange={setCollapsed} />
      {/* After the panel: at the same z-index, the later element is on top. */}
      {!docked && !collapsed && (
        <div
          class="move-handle"
          role="button"
          aria-label="Move the panel"
          tabIndex={-1}
          onPointerDown={begin}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
        />
      )}
      {!collapsed && (
        <div
          class="resize-handle"
          data-testid="resize-handle"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize the panel"
          aria-valuemin={PANEL_MIN_WIDTH}
          aria-valuemax={PANEL_MAX_WIDTH}
          aria-valuenow={width}
          tabIndex={0}
          onPointerDown={begin}
          onPointerMove={resize}
          onPointerUp={end}
          onPointerCancel={end}
          onKeyDown={keyResize}
        />
      )}
    </div>
  );
}
