/**
 * Wires alerts, the presence safety net, keyboard commands and fleet policy to the runtime. Called
 * synchronously from the background's main(), so every listener is registered before any await.
 */
import { browser } from 'wxt/browser';
import type { PanelTab } from '../background/view-port';
import { alertPreferences, effectiveAlertSettings, type AlertSettings } from '../settings/alerts';
import { readManagedPolicy, signInRefusal, watchManagedPolicy } from '../settings/policy';
import { Alerts } from './alerts';
import { runCommand, type CommandTarget } from './commands';
import { PanelTabs } from './panel-tabs';
import { PresenceGuard, type IdleState } from './presence';
import { wireReplyDue } from './reply-due-alerts';
import { ringPlayerForThisBrowser } from './ring-player';
import type { AgentRuntime, Logger } from './runtime';

export async function currentAlertSettings(): Promise<AlertSettings> {
  const [preferences, policy] = await Promise.all([alertPreferences.getValue(), readManagedPolicy()]);
  return effectiveAlertSettings(preferences, policy);
}

/** storage.session (trusted contexts only): whether a CRM panel was open when the worker last ran. */
const HAD_PANEL_KEY = 'agentDockHadPanel';
const sessionPanelMemory = {
  hadPanel: async () => (await browser.storage.session.get(HAD_PANEL_KEY))[HAD_PANEL_KEY] === true,
  setHadPanel: (had: boolean) => browser.storage.session.set({ [HAD_PANEL_KEY]: had }),
};

/** The policy's answer to a sign-in, for the runtime's `signInRefusal` dependency. */
export async function policySignInRefusal(input: { csdsUrl: string; accountId: string }): Promise<string | undefined> {
  return signInRefusal(await readManagedPolicy(), input);
}

export interface AlertWiring {
  alerts: Alerts;
  /** For serveViewPort: the CRM tabs whose panel is connected. */
  onPanels(tabs: PanelTab[]): void;
  /** What the onCommand listener runs (and the e2e build's test hook). */
  runCommand(name: string): ReturnType<typeof runCommand>;
  idleChanged(state: IdleState): Promise<void>;
}

/** What the e2e build exposes to its tests: the functions the browser's listeners call. */
export function testHooks(wiring: AlertWiring) {
  return {
    runCommand: wiring.runCommand,
    idleChanged: wiring.idleChanged,
    notificationClicked: (id: string) => wiring.alerts.notificationClicked(id),
    notificationButtonClicked: (id: string, index: number) => wiring.alerts.notificationButtonClicked(id, index),
  };
}

export function wireAlerts(runtime: AgentRuntime, log: Logger): AlertWiring {
  const panels = new PanelTabs();
  const focusPanel = () => panels.focus().catch((error: unknown) => log.warn('Could not bring the panel to the front', { error: String(error) }));
  const alerts = new Alerts({
    settings: currentAlertSettings,
    player: ringPlayerForThisBrowser(),
    acceptChat: () => runtime.acceptChat(),
    focusPanel,
    notificationButtons: !import.meta.env.FIREFOX,
    log,
  });
  runtime.subscribe((view) => void alerts.onView(view));
  wireReplyDue({ runtime, alerts, agentIsOnAPanel: () => panels.inFront().catch(() => false), log });
  const presence = new PresenceGuard({ target: runtime, settings: currentAlertSettings, log, panelMemory: sessionPanelMemory });
  void presence.resumeAfterWorkerStart();

  const commandTarget: CommandTarget = {
    view: () => runtime.view(),
    setAvailability: (state) => runtime.setAvailability(state),
    acceptChat: () => runtime.acceptChat(),
    focusPanel,
  };
  const command = async (name: string) => {
    await runtime.restore();
    const result = await runCommand(name, commandTarget);
    if (!result.ok) log.warn('Keyboard command refused', { name, message: result.message });
    return result;
  };

  browser.notifications.onClicked.addListener((id) => void alerts.notificationClicked(id));
  // Firefox has no notification buttons (and no such event).
  browser.notifications.onButtonClicked?.addListener((id, index) => void alerts.notificationButtonClicked(id, index));
  browser.commands.onCommand.addListener((name) => void command(name));
  const idleChanged = async (state: IdleState) => {
    await runtime.restore();
    await presence.idleChanged(state);
  };
  browser.idle.onStateChanged.addListener((state) => void idleChanged(state as IdleState));

  // The idle threshold follows the settings (the agent's, or the administrator's).
  const syncIdleThreshold = async () => browser.idle.setDetectionInterval((await currentAlertSettings()).idleSeconds);
  void syncIdleThreshold();
  alertPreferences.watch(() => void syncIdleThreshold());
  watchManagedPolicy(() => void syncIdleThreshold());

  return {
    alerts,
    onPanels(tabs) {
      panels.update(tabs);
      presence.panelsChanged(tabs.length);
    },
    runCommand: command,
    idleChanged,
  };
}
