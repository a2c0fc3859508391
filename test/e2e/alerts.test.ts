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
  storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
  offscreen: { closeDocument(): Promise<void> };
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

interface TestHooks {
  runCommand(name: string): Promise<{ ok: boolean; message?: string }>;
  idleChanged(state: string): Promise<void>;
  notificationClicked(id: string): Promise<void>;
  notificationButtonClicked(id: string, index: number): Promise<void>;
}
/** Calls one of the e2e build's hooks in the worker (see the top of this file). */
function hook<K extends keyof TestHooks>(worker: WebWorker, name: K, ...args: Parameters<TestHooks[K]>): Promise<unknown> {
  return worker.evaluate(
    (n, a) => {
      const hooks = (globalThis as unknown as { agentDockTest: Record<string, (...x: unknown[]) => Promise<unknown>> }).agentDockTest;
      return hooks[n]!(...a);
    },
    name,
    args as unknown[],
  );
}

const visible = (page: Page) => page.evaluate(() => document.visibilityState);
const text = (page: Page, id: string) => page.$eval(testId(id), (el) => el.textContent ?? '');

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
    dana = visitor;
  });

  let dana: Visitor;

  it('"Finish my chats, then Away" from the popup: Occupied while the chat goes on, Away when it ends, and says so', async () => {
    await popup.bringToFront();
    await popup.locator(testId('availability-drain')).click();
    await popup.locator(`${testId('availability')}::-p-text(Occupied)`).wait();
    expect(await text(popup, 'draining')).toBe('Finishing 1 chat, then Away');
    expect(await popup.$eval(testId('availability-drain'), (b) => b.getAttribute('aria-pressed'))).toBe('true');
    expect(await popup.$eval(testId('availability-Occupied'), (b) => b.getAttribute('aria-pressed'))).toBe('false');

    await dana.end();
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
    expect(await text(popup, 'away-notice')).toBe('Your last chat ended, so you are Away, as you asked.');
    expect(await popup.$(testId('draining'))).toBeNull();
    const worker = await sandbox.ext.worker();
    await vi.waitFor(async () => expect((await badge(worker)).text).toBe(''), WAIT);
  });

  it('keyboard commands: toggle availability, accept the ringing chat, bring the panel forward', async () => {
    const worker = await sandbox.ext.worker();
    await popup.bringToFront();
    await hook(worker, 'runCommand', 'toggle-availability');
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    await hook(worker, 'runCommand', 'toggle-availability');
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
    await hook(worker, 'runCommand', 'toggle-availability');
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();

    const marco = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Marco' });
    await vi.waitFor(async () => expect(await text(popup, 'ringing-count')).toBe('1'), WAIT);
    expect(await text(popup, 'ring-countdown')).toMatch(/Away in \d+ s/);
    expect(await visible(crmTab)).toBe('hidden');
    expect(await hook(worker, 'runCommand', 'accept-chat')).toEqual({ ok: true });
    await marco.waitFor((v) => v.state() === 'chatting', 10_000);
    // The accepted chat is shown: its CRM tab came to the front.
    await vi.waitFor(async () => expect(await visible(crmTab)).toBe('visible'), WAIT);
    await crmTab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();

    await popup.bringToFront();
    expect(await visible(crmTab)).toBe('hidden');
    await hook(worker, 'runCommand', 'focus-panel');
    await vi.waitFor(async () => expect(await visible(crmTab)).toBe('visible'), WAIT);
    await marco.end();
  });

  it('the ring notification’s Accept takes the chat and brings the panel forward', async () => {
    const worker = await sandbox.ext.worker();
    await popup.bringToFront();
    const aisha = await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Aisha' });
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:ring'), WAIT);
    await hook(worker, 'notificationButtonClicked', 'agent-dock:ring', 0);
    await aisha.waitFor((v) => v.state() === 'chatting', 10_000);
    await vi.waitFor(async () => expect(await visible(crmTab)).toBe('visible'), WAIT);
    expect(await notifications(worker)).not.toHaveProperty('agent-dock:ring');
    await aisha.end();
  });

  it('idle or locked computer: the agent goes Away and is told why, in the popup and a notification', async () => {
    const worker = await sandbox.ext.worker();
    await popup.bringToFront();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    await hook(worker, 'idleChanged', 'locked');
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
    expect(await text(popup, 'away-notice')).toMatch(/Your computer was locked, so Agent Dock set you Away/);
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:away'), WAIT);
    await crmTab.locator(inPanel(`${testId('away-notice')}::-p-text(computer was locked)`)).wait();
  });

  it('an unhealthy session: "!" badge, one sentence and the button that fixes it', async () => {
    const worker = await sandbox.ext.worker();
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    expect(await popup.$(testId('away-notice'))).toBeNull();
    sandbox.emulator.faults.set({ rate: 1, kinds: ['503'], sides: ['agent'], methods: ['GET'], pathPattern: 'incomingRequests', latencyMs: 0, retryAfterSeconds: 0 });
    await vi.waitFor(async () => expect(await badge(worker)).toEqual({ text: '!', color: [176, 96, 0, 255] }), WAIT);
    expect(await text(popup, 'health')).toMatch(/LivePerson is not answering as expected/);
    expect(await text(popup, 'health-session')).toBe('Not answering');
    sandbox.emulator.faults.set(undefined);
    await popup.locator(testId('health-fix')).click();
    await popup.locator(`${testId('health')}::-p-text(Session healthy.)`).wait();
    expect(await popup.$(testId('health-fix'))).toBeNull();
    await vi.waitFor(async () => expect((await badge(worker)).text).toBe(''), WAIT);
    expect(await text(popup, 'availability')).toBe('Online');
  });

  it('closing the last CRM tab with the panel sets the agent Away (after a grace period for reloads)', async () => {
    await crmTab.reload();
    await crmTab.locator(inPanel(testId('panel'))).wait();
    await crmTab.close();
    await popup.bringToFront();
    await popup.locator(`${testId('availability')}::-p-text(Away)`).setTimeout(20_000).wait();
    expect(await text(popup, 'away-notice')).toMatch(/The last CRM tab with the Agent Dock panel was closed/);

    // With no CRM tab left, a click on the notification opens the CRM page the panel was last on.
    const worker = await sandbox.ext.worker();
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:away'), WAIT);
    await hook(worker, 'notificationClicked', 'agent-dock:away');
    const reopened = await sandbox.ext.browser.waitForTarget((t) => t.type() === 'page' && t.url() === sandbox.crm.url, { timeout: 15_000 });
    const page = (await reopened.asPage())!;
    await page.locator(inPanel(testId('panel'))).wait();
    expect(await notifications(worker)).not.toHaveProperty('agent-dock:away');
  });
});

describe('fleet policy in Chromium', () => {
  const sandbox = useSandbox();

  it('presets and locks the account and alert settings; the background enforces the locked sound setting', async () => {
    const worker = await sandbox.ext.worker();
    // Test builds read an injected policy where a real browser reads the administrator's (storage.managed).
    await worker.evaluate(
      (policy) => chrome.storage.local.set({ 'e2e:managedPolicy': policy }),
      {
        csdsUrl: sandbox.emulator.baseUrl,
        accountId: '12345678',
        alerts: { sound: false, volume: 0.4, idleSeconds: 120 },
        locked: ['csdsUrl', 'accountId', 'alerts.sound'],
      },
    );

    const popup = await openPopup(sandbox.ext);
    await popup.waitForFunction(
      (url) => (document.querySelector('input[name="csdsUrl"]') as HTMLInputElement | null)?.value === url,
      { polling: 100 },
      sandbox.emulator.baseUrl,
    );
    const field = (name: string) =>
      popup.$eval(`input[name="${name}"]`, (i) => ({ value: (i as HTMLInputElement).value, readOnly: (i as HTMLInputElement).readOnly }));
    expect(await field('csdsUrl')).toEqual({ value: sandbox.emulator.baseUrl, readOnly: true });
    expect(await field('accountId')).toEqual({ value: '12345678', readOnly: true });
    expect(await field('username')).toEqual({ value: '', readOnly: false });
    expect(await text(popup, 'locked-csdsUrl')).toContain('Set by your administrator');
    expect(await text(popup, 'locked-accountId')).toContain('Set by your administrator');

    // The agent types only who they are.
    await popup.locator('input[name="username"]').fill('agent1');
    await popup.locator('input[name="password"]').fill('agent1-pass');
    await popup.locator(testId('signin-submit')).click();
    await popup.locator(`${testId('auth-status')}::-p-text(Signed in)`).wait();

    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(testId('locked-alerts-sound')).wait();
    const control = (id: string) =>
      options.$eval(testId(id), (i) => ({ checked: (i as HTMLInputElement).checked, value: (i as HTMLInputElement).value, disabled: (i as HTMLInputElement).disabled }));
    expect(await control('alerts-sound')).toMatchObject({ checked: false, disabled: true });
    expect(await control('alerts-volume')).toMatchObject({ value: '40', disabled: false });
    expect(await control('alerts-idleSeconds')).toMatchObject({ value: '120', disabled: false });
    expect(await options.$(testId('locked-alerts-volume'))).toBeNull();
    expect(await options.$eval(testId('connection'), (f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await text(options, 'locked-connection')).toContain('Set by your administrator');

    // An unlocked setting is the agent's to change; the background applies it (the idle threshold).
    await options.locator(testId('alerts-idleSeconds')).fill('60');
    await options.locator('h1').click(); // commit the number field
    await vi.waitFor(async () => expect(await worker.evaluate(() => chrome.storage.local.get('alertPreferences'))).toEqual({ alertPreferences: { idleSeconds: 60 } }), WAIT);

    // "Test ring" plays once through the offscreen document, at the policy's volume.
    await options.locator(testId('test-ring')).click();
    await vi.waitFor(async () => expect(await offscreenAudio(sandbox)).toMatchObject({ mode: 'test', loop: false }), WAIT);
    expect((await offscreenAudio(sandbox))?.url).toContain('volume=0.4');

    // The sound is locked off: a ring notifies but plays nothing.
    await popup.bringToFront();
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    await worker.evaluate(() => chrome.offscreen.closeDocument());
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Robin' });
    await vi.waitFor(async () => expect(await notifications(worker)).toHaveProperty('agent-dock:ring'), WAIT);
    expect(await badge(worker)).toEqual({ text: '1', color: [197, 34, 31, 255] });
    expect(await offscreenAudio(sandbox)).toBeNull();
  });
});
