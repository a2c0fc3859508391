/**
 * The panel in a CRM page: one shadow-DOM host under <html> (not <body>, which single-page CRMs
 * replace), styles adopted as a constructed stylesheet (a page's strict CSP cannot block it; page
 * CSS cannot reach in), key and input events kept inside. It follows the site rules live: a rule
 * changed in the options page, or a History API navigation, shows, moves or hides it at once.
 * It shows first as the frame Preact would draw, drawn without it (./first-paint.ts).
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { connectView, run, view } from '../store';
import { awaitingFirstView } from '../../messaging/view';
import { effectiveRule, originOf } from '../../settings/site-match';
import { MOUNT_MEASURE, SCRIPT_START_MARK, TAKEOVER_MEASURE, type MountDetail } from './marks';
import { panelPlacements, panelSchemeAllowed, type PanelPlacement, type SiteRule } from '../../settings/sites';
import { hostField } from '../panel/host-field';
import { Dock } from './Dock';
import { afterFirstPaint, drawFirstFrame } from './first-paint';
import { pageMargin, viewportOf, type PageMargin } from './layout';
import type { PanelSettings, PanelSettingsRead } from './panel-settings';
import { SANDBOX_BUILD } from '../../settings/build-mode';
import { stylePanelIn } from '../panel-styles';

export const PANEL_HOST_TAG = 'agent-dock-panel';


/**
 * Events that bubble out of the panel and would reach the page's handlers: keyboard shortcuts,
 * input listeners (autosave, "unsaved changes"), focus trackers. They stop at the shadow root.
 */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'focusin', 'focusout', 'paste'];

/** One panel per page, however often the script is injected (registration + already-open tab). */
const INSTANCE = Symbol.for('agent-dock.in-page-panel');

interface Mounted {
  host: HTMLElement;
  container: HTMLElement;
  /** Stops following the page's focus (write-back's "last focused CRM field"). */
  unwatchFocus: () => void;
}

export interface InPagePanelOptions {
  css: string;
  shadowMode: ShadowRootMode;
  /** The site rules and placements (./panel-settings.ts); watched from this call on. */
  settingsRead: PanelSettingsRead;
}

export function startInPagePanel(ctx: ContentScriptContext, options: InPagePanelOptions): void {
  const startedAt = SANDBOX_BUILD ? (performance.getEntriesByName(SCRIPT_START_MARK)[0]?.startTime ?? performance.now()) : 0;
  const scope = globalThis as { [INSTANCE]?: true };
  // A second copy in the frame: the first one follows the settings.
  if (scope[INSTANCE]) return options.settingsRead.follow(() => {})();
  scope[INSTANCE] = true;

  const inFrame = window !== window.top;
  let rules: SiteRule[] | undefined;
  let placements: Record<string, PanelPlacement> = {};
  let mounted: Mounted | undefined;
  let usingSidePanel = false;
  const origin = originOf(location.href) ?? location.origin;
  const css = `:host { all: initial !important; }\n${options.css}`;

  let earlyPort = options.settingsRead.viewPort;
  const takeEarlyPort = () => {
    const port = earlyPort;
    earlyPort = undefined;
    return port;
  };

  let savedMargin: { side: 'left' | 'right'; value: string; priority: string } | undefined;
  const pushPage = (margin: PageMargin) => {
    // CSSOM, not a <style>: allowed under any style-src.
    const html = document.documentElement.style;
    if (savedMargin && (!margin || margin.side !== savedMargin.side)) {
      html.setProperty(`margin-${savedMargin.side}`, savedMargin.value, savedMargin.priority);
      savedMargin = undefined;
    }
    if (!margin) return;
    savedMargin ??= { side: margin.side, value: html.getPropertyValue(`margin-${margin.side}`), priority: html.getPropertyPriority(`margin-${margin.side}`) };
    html.setProperty(`margin-${margin.side}`, `${margin.px}px`, 'important');
  };

  // The host is built while the site rules are read (the first paint waits on that read anyway),
  // and joins the page when a rule wants the panel here.
  const build = (): Omit<Mounted, 'unwatchFocus'> => {
    const host = document.createElement(PANEL_HOST_TAG);
    const shadow = host.attachShadow({ mode: options.shadowMode });
    stylePanelIn(shadow, css);
    const container = document.createElement('div');
    shadow.append(container);
    for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
    return { host, container };
  };
  let built: Omit<Mounted, 'unwatchFocus'> | undefined = build();
  const mount = (): Mounted => {
    // A copy left by an earlier version of the extension (reloaded or updated) goes.
    for (const stale of document.querySelectorAll(PANEL_HOST_TAG)) stale.remove();
    const { host, container } = built ?? build();
    built = undefined;
    document.documentElement.append(host);
    // Fill writes into the page field the agent last focused: follow focus on this page.
    return { host, container, unwatchFocus: hostField.watch(document, host) };
  };

  // The first paint is drawn without Preact (./first-paint.ts), which takes the frame over once the
  // browser has painted it.
  let preact: 'not yet' | 'after the first paint' | 'drawing' = 'not yet';

  // Preact takes the frame over as soon as it has something to add: the background's first view
  // (the agent's real state: drawn at once, in the same task as the frame where the view is here
  // already), or else, once the browser has painted the frame, the panel's controls while the view
  // is on its way.
  const takeOverWhenUseful = () => {
    let unsubscribe: (() => void) | undefined;
    const takeOver = () => {
      unsubscribe?.();
      if (preact !== 'after the first paint') return;
      preact = 'drawing';
      apply();
      if (SANDBOX_BUILD) performance.measure(TAKEOVER_MEASURE, { start: startedAt });
    };
    if (!awaitingFirstView(view.value)) return takeOver();
    unsubscribe = view.subscribe(() => {
      if (!awaitingFirstView(view.value)) takeOver();
    });
    afterFirstPaint(takeOver);
  };

  const unmount = () => {
    if (!mounted) return;
    if (preact === 'drawing') render(null, mounted.container);
    mounted.unwatchFocus();
    mounted.host.remove();
    mounted = undefined;
    pushPage(null);
  };

  // Where the browser has no side panel (Firefox), a side-panel site keeps the panel in the page.
  let sidePanelUnavailable = false;
  const setSidePanel = (enabled: boolean) => {
    if (usingSidePanel === enabled) return;
    usingSidePanel = enabled;
    void run('useSidePanel', { enabled }).then((result) => {
      if (result.ok || !enabled) return;
      sidePanelUnavailable = true;
      usingSidePanel = false;
      apply();
    });
  };

  const apply = (url = location.href) => {
    if (!rules || !ctx.isValid) return;
    const rule = effectiveRule(rules, url);
    // Never on a plain http page (loopback excepted in the sandbox build): the background would not answer it.
    const wanted = rule?.enabled && (!inFrame || rule.frames) && panelSchemeAllowed(url) ? rule : undefined;
    if (wanted?.mode === 'side-panel' && !inFrame && !sidePanelUnavailable) {
      unmount();
      setSidePanel(true);
      return;
    }
    if (!inFrame) setSidePanel(false);
    if (!wanted) {
      // No panel here: the port the early read opened goes, or the background counts a panel.
      takeEarlyPort()?.port.disconnect();
      return unmount();
    }
    // The view's port, opened at document_start by the early read where there was one (its first
    // view is usually here already), else now: the background's answer travels while the frame is
    // drawn and painted, not after Preact's first render.
    connectView(takeEarlyPort());
    // Read before the panel joins the page: after, reading it would force a layout.
    const viewport = viewportOf(window);
    mounted ??= mount();
    const placement = placements[origin] ?? {};
    if (preact !== 'drawing') {
      const layout = drawFirstFrame(mounted.container, wanted, placement, viewport);
      pushPage(pageMargin(wanted, wanted.startCollapsed, layout));
      if (preact === 'after the first paint') return;
      preact = 'after the first paint';
      // When the panel showed (from the script's first statement): `npm run bench` reads its end.
      const detail: MountDetail = { settingsReadEarly: options.settingsRead.startedEarly };
      // The bench's measures: sandbox builds only (a page could read them off its timeline).
      if (SANDBOX_BUILD) performance.measure(MOUNT_MEASURE, { start: startedAt, detail });
      takeOverWhenUseful();
      return;
    }
    render(
      <Dock
        key={wanted.match}
        rule={wanted}
        placement={placement}
        onPlacement={(next) => void panelPlacements.getValue().then((all) => panelPlacements.setValue({ ...all, [origin]: next }))}
        pushPage={pushPage}
      />,
      mounted.container,
    );
  };

  // First the panel (at once where the early read has answered), then what follows it.
  const receive = ([r, p]: PanelSettings) => {
    rules = r;
    placements = p;
    apply();
  };
  if (options.settingsRead.answered) receive(options.settingsRead.answered);
  else void options.settingsRead.settings.then(receive);

  // Single-page CRMs replace <body>, or even <html>'s content: the host goes back, once.
  const keepAttached = new MutationObserver(() => {
    if (mounted && !mounted.host.isConnected) document.documentElement.append(mounted.host);
  });
  keepAttached.observe(document, { childList: true, subtree: false });
  keepAttached.observe(document.documentElement, { childList: true });

  const unwatchSettings = options.settingsRead.follow((changed) => {
    rules = changed.rules ?? rules;
    placements = changed.placements ?? placements;
    apply();
  });
  // WXT reports the navigation before `location` changes (Navigation API): go by its new URL.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => apply(event.newUrl.href));
  ctx.onInvalidated(() => {
    keepAttached.disconnect();
    takeEarlyPort()?.port.disconnect();
    unwatchSettings();
    unmount();
    delete scope[INSTANCE];
  });
}
