/**
 * The panel's first paint, without Preact.
 *
 * Before anything else, the panel shows what <Dock> draws until the background's first view
 * arrives: its frame, saying "Connecting…". Drawn by Preact, that first paint waited on compiling
 * and running the framework and the panel's components, cold, in the page's fresh isolated world:
 * most of the time from the script's start to the panel (issue #7). Here it is a few DOM calls.
 * Preact renders into the same container after the browser has painted (`afterFirstPaint`), and
 * adopts these very elements: render() diffs against a container's existing children.
 *
 * The elements, classes and attributes are <Dock>'s own for the same rule, placement and window;
 * test/ui/dock/first-paint.test.tsx holds the two equal and checks that Preact keeps these nodes.
 */
import { PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, type PanelPlacement, type SiteRule } from '../../settings/sites';
import { dockLayout, type DockLayout, type Viewport } from './layout';

type Child = Node | string;

function element(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The open panel's frame, as <Panel> draws it while connecting. */
const openFrame = () =>
  element(
    'aside',
    { class: 'panel', 'data-testid': 'panel', 'aria-label': 'Agent Dock', 'aria-busy': 'true' },
    element(
      'header',
      { class: 'head' },
      element('div', {}, element('div', { class: 'title' }, 'Agent Dock'), element('div', { class: 'sub' }, 'Connecting…')),
      element('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': 'Collapse the panel' }, '⟩'),
    ),
  );

/** The collapsed panel, as <Panel> draws it: the live region, then the slim tab. */
const collapsedFrame = () => [
  element('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer', dir: 'auto' }),
  element(
    'button',
    { type: 'button', class: 'tab', 'data-testid': 'panel', 'aria-label': 'Open Agent Dock' },
    element('span', { class: 'tab-title' }, 'Agent Dock'),
  ),
];

/** <Dock>'s handles: move (floating) and resize, when the panel is open. */
const handles = (layout: DockLayout) => [
  ...(layout.docked ? [] : [element('div', { class: 'move-handle', role: 'button', 'aria-label': 'Move the panel', tabindex: '-1' })]),
  element('div', {
    class: 'resize-handle',
    'data-testid': 'resize-handle',
    role: 'separator',
    'aria-orientation': 'vertical',
    'aria-label': 'Resize the panel',
    'aria-valuemin': String(PANEL_MIN_WIDTH),
    'aria-valuemax': String(PANEL_MAX_WIDTH),
    'aria-valuenow': String(layout.width),
    tabindex: '0',
  }),
];

/**
 * Draws the frame into `container` (replacing what it held) and says where it sits. `viewport` is
 * the window's size read before the panel joined the page: read after, it forces a layout.
 */
export function drawFirstFrame(container: HTMLElement, rule: SiteRule, placement: PanelPlacement, viewport: Viewport): DockLayout {
  const layout = dockLayout(rule, placement, viewport);
  const dock = element(
    'div',
    { class: `dock dock-${rule.dock}`, 'data-testid': 'dock', 'data-dock': rule.dock },
    ...(rule.startCollapsed ? collapsedFrame() : [openFrame(), ...handles(layout)]),
  );
  for (const [name, value] of Object.entries(layout.style)) dock.style.setProperty(name, value);
  container.replaceChildren(dock);
  return layout;
}

/**
 * Runs `then` in a task after the browser has painted the frame: a task queued at once would
 * usually run before the next rendering opportunity, and the first paint would wait on it after
 * all. A page that renders no frames (hidden, or throttled) gets it after `fallbackMs`.
 */
export function afterFirstPaint(then: () => void, fallbackMs = 100): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    setTimeout(then, 0);
  };
  if (document.visibilityState === 'visible') requestAnimationFrame(once);
  setTimeout(once, document.visibilityState === 'visible' ? fallbackMs : 0);
}
