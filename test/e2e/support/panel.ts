/**
 * Reading and driving the in-page panel. Content scripts live in an isolated world, so the test
 * reads the panel through the DOM: the e2e build opens its shadow root, and `>>>` pierces it.
 */
import type { Page } from 'puppeteer';
import { MOUNT_MEASURE } from '../../../src/ui/dock/marks';

export const PANEL_HOST = 'agent-dock-panel';

export const inPanel = (selector: string): string => `${PANEL_HOST} >>> ${selector}`;
export const testId = (id: string): string => `[data-testid="${id}"]`;

export interface PanelLine {
  id: string;
  source: string;
  text: string;
}

/**
 * Presses "Show earlier lines" until every line of the shown chat is drawn, as an agent scrolling
 * back would: the transcript draws only its newest lines by itself.
 */
export async function showAllLines(page: Page): Promise<void> {
  await page.evaluate(async (host) => {
    const root = document.querySelector(host)?.shadowRoot;
    for (let i = 0; i < 200; i++) {
      const earlier = root?.querySelector<HTMLButtonElement>('[data-testid="show-earlier"]');
      if (!earlier) return;
      earlier.click();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, PANEL_HOST);
}

/** Every line of the shown chat, earlier ones included. */
export async function panelLines(page: Page): Promise<PanelLine[]> {
  await showAllLines(page);
  return page.evaluate((host) => {
    const root = document.querySelector(host)?.shadowRoot;
    return [...(root?.querySelectorAll('[data-testid="line"]') ?? [])].map((el) => ({
      id: el.getAttribute('data-line-id') ?? '',
      source: el.getAttribute('data-source') ?? '',
      text: el.querySelector('[data-testid="line-text"]')?.textContent ?? '',
    }));
  }, PANEL_HOST);
}

export function panelCount(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (host, sel) => document.querySelector(host)?.shadowRoot?.querySelectorAll(sel).length ?? 0,
    PANEL_HOST,
    selector,
  );
}

export function panelHostCount(page: Page): Promise<number> {
  return page.evaluate((host) => document.querySelectorAll(host).length, PANEL_HOST);
}

/**
 * Whether the panel in this page took its site rules from the read started at document_start
 * (src/ui/dock/panel-settings.ts): its mount measure says, on the timeline it shares with the page.
 */
export function settingsReadEarly(page: Page): Promise<boolean | undefined> {
  return page.evaluate((name) => (performance.getEntriesByName(name)[0] as PerformanceMeasure | undefined)?.detail?.settingsReadEarly, MOUNT_MEASURE);
}

export async function typeIntoComposer(page: Page, text: string): Promise<void> {
  await page.locator(inPanel(testId('composer'))).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** What the page's layout did to the panel: its box, fonts and colours, and how many hosts exist. */
export interface PanelBox {
  hosts: number;
  left: number;
  top: number;
  width: number;
  height: number;
  viewportWidth: number;
  viewportHeight: number;
  fontSize: string;
  fontFamily: string;
  titleFontSize: string;
  background: string;
  color: string;
}

export function panelBox(page: Page): Promise<PanelBox | null> {
  return page.evaluate((host) => {
    const hosts = document.querySelectorAll(host);
    const root = hosts[0]?.shadowRoot;
    const panel = root?.querySelector('.panel') as HTMLElement | null | undefined;
    if (!panel) return null;
    const rect = panel.getBoundingClientRect();
    const style = getComputedStyle(panel);
    const title = root!.querySelector('.title');
    return {
      hosts: hosts.length,
      left: rect.left,
      top: rect.top,
      width: rect.width,
      height: rect.height,
      viewportWidth: document.documentElement.clientWidth || window.innerWidth,
      viewportHeight: window.innerHeight,
      fontSize: style.fontSize,
      fontFamily: style.fontFamily,
      titleFontSize: title ? getComputedStyle(title).fontSize : '',
      background: style.backgroundColor,
      color: style.color,
    };
  }, PANEL_HOST);
}
