import { z } from 'zod';
import { createLivePersonClient } from '../src/api';
import { createEngagementHistoryClient } from '../src/api/engagement-history';
import { policySignInRefusal, testHooks, wireAlerts } from '../src/agent/alert-wiring';
import { consoleLogger } from '../src/agent/log';
import { AgentRuntime } from '../src/agent/runtime';
import { sessionStateStore } from '../src/agent/session-store';
import { conversationService } from '../src/conversation/factory';
import { disableSidePanelByDefault, followTabsForSidePanel } from '../src/agent/side-panel';
import { keepSiteRulesFollowingPolicy } from '../src/agent/site-policy';
import { keepPanelRegistrationsInSync } from '../src/agent/site-registration';
import { serveCommands } from '../src/background/serve-commands';
import { cannedResponsesSource } from '../src/background/canned-responses';
import { serveViewPort } from '../src/background/view-port';
import { followEnabledSites } from '../src/background/enabled-sites';
import { accountSettings, moveAccountFromStorageLocal } from '../src/settings/account';
import { SANDBOX_BUILD } from '../src/settings/build-mode';
import { effectivePollInterval, pollIntervalSetting } from '../src/settings/polling';

const WATCHDOG_ALARM = 'agent-dock:watchdog';

// main() must stay synchronous: every listener is registered before the first await so a
// wake-up event is never missed (MV3).
export default defineBackground(() => {
  z.config({ jitless: true });
  // LivePerson's hosts only; the sandbox build (npm start, e2e) opts in to the loopback emulator.
  const client = createLivePersonClient({ allowLoopback: SANDBOX_BUILD });
  const runtime = new AgentRuntime({
    // The protocol that carries the conversations (the account's choice: Chat Agent API or
    // Messaging), on LivePerson's hosts only.
    conversation: conversationService({
      client,
      allowLoopback: SANDBOX_BUILD,
      protocol: async () => (await accountSettings.getValue()).protocol ?? 'chat',
      log: (message, details) => consoleLogger.info(message, details),
    }),
    store: sessionStateStore,
    pollIntervalMs: async (origin) => effectivePollInterval(await pollIntervalSetting.getValue(), origin),
    // Remembering is a convenience: a failed write must not fail the sign-in. The protocol chosen
    // on the options page is kept beside the remembered fields.
    rememberAccount: (account) =>
      accountSettings
        .getValue()
        .then((saved) => accountSettings.setValue({ ...saved, ...account }))
        .catch((error: unknown) => consoleLogger.warn('Could not remember the account', { error: String(error) })),
    signInRefusal: policySignInRefusal,
    log: consoleLogger,
  });
  const alerts = wireAlerts(runtime, consoleLogger);
  const cannedResponses = cannedResponsesSource({
    client,
    withConnection: (call) => runtime.withConnection(call),
    languages: () => navigator.languages,
    log: consoleLogger,
  });
  const history = { lookup: (p: Parameters<typeof client.domain.lookup>[0]) => client.domain.lookup(p), history: createEngagementHistoryClient({ allowLoopback: SANDBOX_BUILD }) };
  // Which CRM pages a panel may act for: both the commands and the view port ask.
  const sites = followEnabledSites();
  serveCommands(runtime, sites, alerts.alerts, { cannedResponses, history });
  serveViewPort(runtime, sites, alerts.onPanels);
  // Test builds only: puppeteer cannot press browser shortcuts or lock the screen, so the e2e tests
  // call the very functions the onCommand, idle and notification listeners call.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { agentDockTest: testHooks(alerts) });
  // Where the panel runs follows the site rules and the agent's grants.
  keepSiteRulesFollowingPolicy(consoleLogger);
  keepPanelRegistrationsInSync(consoleLogger);
  disableSidePanelByDefault();
  // The saved account leaves storage.local (content scripts can write it) at the first start.
  moveAccountFromStorageLocal().catch((error: unknown) => consoleLogger.warn('Could not move the saved account out of storage.local', { error: String(error) }));
  followTabsForSidePanel();
  // If the browser stopped the worker, the next alarm (or any message) brings polling back.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) void runtime.ensurePolling();
  });
  void browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 });
  // Offline and back: the worker global scope fires these; a worker started offline checks at once.
  self.addEventListener('offline', () => void runtime.networkChanged(false));
  self.addEventListener('online', () => void runtime.networkChanged(true));
  if (!navigator.onLine) void runtime.networkChanged(false);
  void runtime.restore();
});
