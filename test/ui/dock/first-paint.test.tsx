// @vitest-environment jsdom
/**
 * The panel's first paint without Preact (src/ui/dock/first-paint.ts) is <Dock>'s own frame, and
 * Preact takes it over in place: the same elements stay in the page.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dock } from '../../../src/ui/dock/Dock';
import { afterFirstPaint, drawFirstFrame } from '../../../src/ui/dock/first-paint';
import { newSiteRule, type PanelPlacement, type SiteRule } from '../../../src/settings/sites';
import { viewportOf } from '../../../src/ui/dock/layout';
import { pageHarness } from '../page-harness';

const { container } = pageHarness();
const CRM = 'https://crm.example.com';

/** A node as a reader of the page meets it: tag, attributes (any order), text; empty text left out. */
function shape(node: Node): unknown {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  const el = node as Element;
  const attributes = Object.fromEntries([...el.attributes].map((a) => [a.name, a.name === 'style' ? styleOf(el as HTMLElement) : a.value]));
  const children = [...el.childNodes].filter((child) => child.nodeType !== Node.TEXT_NODE || child.textContent !== '').map(shape);
  return { tag: el.localName, attributes, children };
}
const styleOf = (el: HTMLElement) => Object.fromEntries([...el.style].map((name) => [name, el.style.getPropertyValue(name)]));

function drawnByPreact(rule: SiteRule, placement: PanelPlacement): unknown {
  const host = document.createElement('div');
  act(() => render(<Dock rule={rule} placement={placement} onPlacement={() => {}} pushPage={() => {}} />, host));
  const drawn = shape(host.firstChild!);
  render(null, host);
  return drawn;
}

const CASES: Array<[string, SiteRule, PanelPlacement]> = [
  ['docked right, the rule’s width', newSiteRule(CRM), {}],
  ['docked left, the agent’s width, a z-index', newSiteRule(CRM, { dock: 'left', zIndex: 99 }), { width: 480 }],
  ['floating where the agent left it', newSiteRule(CRM, { dock: 'floating' }), { width: 400, left: 40, top: 60, height: 500 }],
  ['floating, never placed', newSiteRule(CRM, { dock: 'floating' }), {}],
  ['a width beyond the window, clamped', newSiteRule(CRM), { width: 5000 }],
  ['collapsed to the slim tab', newSiteRule(CRM, { startCollapsed: true }), {}],
  ['collapsed and floating', newSiteRule(CRM, { startCollapsed: true, dock: 'floating' }), {}],
];

describe('the first paint', () => {
  afterEach(() => vi.useRealTimers());

  it.each(CASES)('is the frame <Dock> draws while connecting: %s', (_, rule, placement) => {
    drawFirstFrame(container, rule, placement, viewportOf(window));
    expect(shape(container.firstChild!)).toEqual(drawnByPreact(rule, placement));
  });

  // The panel's container is new and Preact has never drawn into it (src/ui/dock/in-page.tsx).
  const takenOver = (rule: SiteRule, placement: PanelPlacement) => {
    const fresh = document.createElement('div');
    drawFirstFrame(fresh, rule, placement, viewportOf(window));
    const before = [...fresh.querySelectorAll('*')];
    act(() => render(<Dock rule={rule} placement={placement} onPlacement={() => {}} pushPage={() => {}} />, fresh));
    return { fresh, before };
  };

  it.each(CASES)('is taken over by Preact in place, the same elements kept: %s', (_, rule, placement) => {
    const { fresh, before } = takenOver(rule, placement);
    expect([...fresh.querySelectorAll('*')]).toEqual(before);
    expect(shape(fresh.firstChild!)).toEqual(drawnByPreact(rule, placement));
    render(null, fresh);
  });

  it('lets Preact make the panel work once it has taken the frame over', () => {
    const { fresh } = takenOver(newSiteRule(CRM), {});
    act(() => fresh.querySelector<HTMLButtonElement>('[aria-label="Collapse the panel"]')!.click());
    expect(fresh.querySelector('[data-testid="panel"]')?.getAttribute('aria-label')).toBe('Open Agent Dock');
    render(null, fresh);
  });

  it('replaces what the container held: a rule that changes before Preact takes over redraws it', () => {
    drawFirstFrame(container, newSiteRule(CRM), {}, viewportOf(window));
    drawFirstFrame(container, newSiteRule(CRM, { dock: 'left' }), {}, viewportOf(window));
    expect(container.querySelectorAll('[data-testid="dock"]')).toHaveLength(1);
    expect(container.querySelector('[data-testid="dock"]')?.getAttribute('data-dock')).toBe('left');
  });
});

describe('after the first paint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs in a task after the next frame, not inside it', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    const then = vi.fn();
    afterFirstPaint(then);
    vi.advanceTimersByTime(50);
    expect(then).not.toHaveBeenCalled();
    frames.shift()!(0);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
    // The fallback does not run it again.
    vi.advanceTimersByTime(1000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('does not wait for a frame that never comes (a throttled page), nor in a hidden page', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    const then = vi.fn();
    afterFirstPaint(then, 100);
    vi.advanceTimersByTime(101);
    expect(then).toHaveBeenCalledTimes(1);

    visibility.mockReturnValue('hidden');
    const hidden = vi.fn();
    afterFirstPaint(hidden);
    vi.advanceTimersByTime(1);
    expect(hidden).toHaveBeenCalledTimes(1);
  });
});
