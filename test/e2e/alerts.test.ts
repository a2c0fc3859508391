/**
 * Alerts and presence in Chromium: availability and drain mode from the popup, the toolbar badge
 * (text and colour), a desktop notification and the offscreen ring sound on every ring, the keyboard
 * commands, the presence safety net (idle, last panel closed), and a fleet policy applied and locked.
 *
 * Puppeteer cannot press browser-level shortcuts or lock the screen: the commands and the idle
 * change are dispatched in the worker through the e2e build's `agentDockTest` hook, which calls the
 * very functions the `commands.onCommand` and `idle.onStateChanged` listeners call.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page, Target, WebWorker } from 'puppeteer';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };

/** The worker's `chrome` global, as far as these tests read it (the functions run inside the worker). */
declare const chrome: {
  action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
  idle: { queryState(seconds: number): Promise<string> };
};

type Badge = { text: string; color: number[] };

function badge(worker: WebWorker): Promise<Badge> {
  return worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
  }));
}

function notifications(worker: WebWorker): Promise<Record<string, boolean>> {
  return worker.evaluate(() => chrome.notifications.getAll());
}

/** The offscreen document's audio element, as the page itself reports it. */
async function offscreenAudio(sandbox: ReturnType<typeof useSandbox>): Promise<{ url: string; state?: string; mode?: string; paused: boolean; loop: boolean } | null> {
  const target = sandbox.ext.browser.targets().find((t: Target) => t.url().startsWith(`chrome-extension://${sandbox.ext.extensionId}/offscreen.html`));
  if (!target) return null;
  const page = await target.asPage();
  return page.evaluate(() => {
    const audio = document.querySelector('audio');
    return { url: location.href, state: audio?.dataset.state, mode: audio?.dataset.mode, paused: audio?.paused ?? true, loop: audio?.loop ?? false };
  });
}

const runCommand = (worker: WebWorker, name: string) =>
  worker.evaluate((n) => (globalThis as unknown as { agentDockTest: { runCommand(n: string): Promise<unknown> } }).agentDockTest.runCommand(n), name);

describe('alerts in Chromium', () => {
  const sandbox = useSandbox();
  let popup: Page;
  let crmTab: Page;

  it('rings: red badge with the ringing count, a notification with Accept, the offscreen ring sound; all stop on accept', async () => {
    popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    crmTab = await sandbox.ext.browser.newPage();
    await crmTab.goto(sandbox.crm.url);
    await crmTab.locator(inPanel(testId('panel'))).wait();
    const worker = await sandbox.ext.worker();
    expect(await badge(worker)).toEqual({ text: '', color: [15, 98, 196, 255] });

    const visitor = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Dana' });
    await crmTab.locator(inPanel(testId('ring'))).wait();
    await vi.waitFor(async () => expect(await badge(worker)).toEqual({ text: '1', color: [197, 34, 31, 255] }), WAIT);
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:ring'), WAIT);
    await vi.waitFor(async () => expect(await offscreenAudio(sandbox)).toMatchObject({ mode: 'ring', state: 'playing', paused: false, loop: true }), WAIT);

    await crmTab.locator(inPanel(testId('accept'))).click();
    await visitor.waitFor((v) => v.state() === 'chatting', 10_000);
    await vi.waitFor(async () => expect(await badge(worker)).toEqual({ text: '1', color: [15, 98, 196, 255] }), WAIT);
    await vi.waitFor(async () => expect(await notifications(worker)).toEqual({}), WAIT);
    await vi.waitFor(async () => expect(await offscreenAudio(sandbox)).toBeNull(), WAIT);
  });
});
