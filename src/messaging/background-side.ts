/**
 * The background's side of the protocol: validates who is asking and what they sent before the
 * runtime sees it. Pages cannot reach us at all (no `externally_connectable`); content scripts can,
 * but only for panel actions — account and availability changes come from our own pages.
 */
import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod';
import type { AgentRuntime } from '../agent/runtime';
import { setSidePanelForTab } from '../agent/side-panel';
import { lineKeys, panelFingerprint, withoutKnownLines, type SentLines, type ViewMessage } from './panel-views';
import { onMessage, VIEW_PORT, type PanelScript, type Refusal } from './protocol';
import type { AgentView } from './view';
import {
  availabilitySchema,
  chatIdSchema,
  draftSchema,
  outboxLineSchema,
  panelScriptSchema,
  sendLineSchema,
  sidePanelSchema,
  signInSchema,
  signInWithApiKeySchema,
  surveyAnswersSchema,
  transferSchema,
  typingSchema,
} from './schemas';

type Sender = Browser.runtime.MessageSender;

/** What the agent reads when a script a CRM tab loads on demand cannot be injected there. */
const PANEL_SCRIPT_UNAVAILABLE: Record<PanelScript, string> = {
  sanitizer: 'HTML lines show as text: the sanitizer could not be loaded in this tab.',
  'panel-tools': 'The chat tools (transfer, wrap-up survey, visitor details, copy and fill) could not be loaded in this tab: reload the page.',
};

function fromThisExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function fromExtensionPage(sender: Sender): boolean {
  return fromThisExtension(sender) && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

function validate<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; result: Refusal } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, result: { ok: false, message: `Invalid request: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? ''}`.trim() } };
}

const refused: Refusal = { ok: false, message: 'Refused: this action is only allowed from Agent Dock’s own pages.' };

/** What only the alerts module does (./../agent/alerts.ts), for the protocol to reach. */
export interface AlertCommands {
  testRing(): Promise<{ ok: true } | Refusal>;
}

export function serveProtocol(runtime: AgentRuntime, alerts?: AlertCommands): void {
  onMessage('finishChatsThenAway', ({ sender }) => (fromExtensionPage(sender) ? runtime.finishChatsThenAway() : refused));
  onMessage('restartSession', ({ sender }) => (fromExtensionPage(sender) ? runtime.restartSession() : refused));
  onMessage('testRing', ({ sender }) =>
    !fromExtensionPage(sender) ? refused : (alerts?.testRing() ?? { ok: false, message: 'The ring sound is not available in this browser.' }),
  );
  onMessage('getView', ({ sender }) => {
    if (!fromThisExtension(sender)) throw new Error('Refused');
    return runtime.restore().then(() => runtime.view());
  });
  onMessage('signIn', ({ sender, data }) => {
    if (!fromExtensionPage(sender)) return refused;
    const input = validate(signInSchema, data);
    return input.ok ? runtime.signIn(input.value) : input.result;
  });
  onMessage('signInWithApiKey', ({ sender, data }) => {
    if (!fromExtensionPage(sender)) return refused;
    const input = validate(signInWithApiKeySchema, data);
    return input.ok ? runtime.signIn(input.value) : input.result;
  });
  onMessage('signOut', ({ sender }) => (fromExtensionPage(sender) ? runtime.signOut() : refused));
  onMessage('setAvailability', ({ sender, data }) => {
    if (!fromExtensionPage(sender)) return refused;
    const input = validate(availabilitySchema, (data as { state?: unknown } | undefined)?.state);
    return input.ok ? runtime.setAvailability(input.value) : input.result;
  });
  onMessage('acceptChat', ({ sender }) => (fromThisExtension(sender) ? runtime.acceptChat() : refused));
  onMessage('sendLine', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(sendLineSchema, data);
    return input.ok ? runtime.sendLine(input.value.chatId, input.value.text, input.value.private ?? false, input.value.clientId) : input.result;
  });
  onMessage('retryLine', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(outboxLineSchema, data);
    return input.ok ? runtime.retryLine(input.value.chatId, input.value.localId) : input.result;
  });
  onMessage('discardLine', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(outboxLineSchema, data);
    return input.ok ? runtime.discardLine(input.value.chatId, input.value.localId) : input.result;
  });
  onMessage('saveDraft', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(draftSchema, data);
    return input.ok ? runtime.saveDraft(input.value.chatId, input.value.text) : input.result;
  });
  onMessage('setTyping', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(typingSchema, data);
    return input.ok ? runtime.setTyping(input.value.chatId, input.value.typing) : input.result;
  });
  onMessage('getTransferOptions', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(chatIdSchema, data);
    return input.ok ? runtime.getTransferOptions(input.value.chatId) : input.result;
  });
  onMessage('getCapacity', ({ sender }) => (fromThisExtension(sender) ? runtime.getCapacity() : refused));
  onMessage('getAgentSurvey', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(chatIdSchema, data);
    return input.ok ? runtime.getAgentSurvey(input.value.chatId) : input.result;
  });
  onMessage('submitAgentSurvey', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(surveyAnswersSchema, data);
    return input.ok ? runtime.submitAgentSurvey(input.value.chatId, input.value.surveyId, input.value.answers) : input.result;
  });
  onMessage('transferChat', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(transferSchema, data);
    if (!input.ok) return input.result;
    const { chatId, skillId, agentId, note } = input.value;
    const target = agentId ? { agentId, text: note } : { skillId: skillId!, text: note };
    return runtime.transferChat(chatId, target);
  });
  onMessage('endChat', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(chatIdSchema, data);
    return input.ok ? runtime.endChat(input.value.chatId) : input.result;
  });
  onMessage('injectPanelScript', async ({ sender, data }) => {
    const tabId = sender.tab?.id;
    if (!fromThisExtension(sender) || tabId === undefined) return refused;
    const input = validate(panelScriptSchema, data);
    if (!input.ok) return input.result;
    const { script } = input.value;
    // Built from entrypoints/<script>.content.
    const file = `/content-scripts/${script}.js` as const;
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file] });
      return { ok: true } as const;
    } catch (error) {
      console.warn(`Agent Dock: could not inject ${file}`, { tabId, error: String(error) });
      return { ok: false, message: PANEL_SCRIPT_UNAVAILABLE[script] } as const;
    }
  });
  onMessage('useSidePanel', ({ sender, data }) => {
    const tabId = sender.tab?.id;
    if (!fromThisExtension(sender) || tabId === undefined) return refused;
    const input = validate(sidePanelSchema, data);
    return input.ok ? setSidePanelForTab(tabId, sender.tab?.url ?? sender.url, input.value.enabled) : input.result;
  });
  onMessage('closeChat', ({ sender, data }) => {
    if (!fromThisExtension(sender)) return refused;
    const input = validate(chatIdSchema, data);
    return input.ok ? runtime.closeChat(input.value.chatId) : input.result;
  });
}

/** A CRM tab showing the panel: a view port from a content script (not from one of our pages). */
export interface PanelTab {
  tabId: number;
  windowId: number;
  url?: string;
}

/**
 * Streams the view to every connected UI; each gets the current view as soon as it connects.
 * `onPanels` hears the CRM tabs whose panel is connected, whenever that list changes.
 */
export function serveViewPort(runtime: AgentRuntime, onPanels?: (panels: PanelTab[]) => void): void {
  const ports = new Set<Browser.runtime.Port>();
  // CRM tabs showing a panel (our own pages, the side panel included, are not CRM tabs): the
  // presence safety net watches for the last one to close.
  const panelTabs = () =>
    [...ports].flatMap((p) => {
      const tab = p.sender?.tab;
      const fromOurPage = p.sender?.url?.startsWith(browser.runtime.getURL('/'));
      return tab?.id !== undefined && !fromOurPage ? [{ tabId: tab.id, windowId: tab.windowId, url: p.sender?.url }] : [];
    });
  // Panels (content scripts) hear only views that change what they show, with only the lines
  // they do not hold yet: see panel-views.ts. Our own pages hear every view, whole.
  const panels = new Map<Browser.runtime.Port, { fingerprint: string; lines: SentLines }>();
  const sendTo = (port: Browser.runtime.Port, view: AgentView, shared: { fingerprint?: string; keys?: Map<string, string[]> }) => {
    const panel = panels.get(port);
    if (!panel) return port.postMessage({ type: 'view', view } satisfies ViewMessage);
    shared.fingerprint ??= panelFingerprint(view);
    if (panel.fingerprint === shared.fingerprint) return;
    panel.fingerprint = shared.fingerprint;
    shared.keys ??= lineKeys(view);
    port.postMessage(withoutKnownLines(view, shared.keys, panel.lines));
  };
  runtime.subscribe((view) => {
    const shared = {};
    for (const port of ports) sendTo(port, view, shared);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== VIEW_PORT || port.sender?.id !== browser.runtime.id) return;
    ports.add(port);
    if (!fromExtensionPage(port.sender)) panels.set(port, { fingerprint: '', lines: new Map() });
    onPanels?.(panelTabs());
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      panels.delete(port);
      onPanels?.(panelTabs());
    });
    void runtime.restore().then(() => sendTo(port, runtime.view(), {}));
  });
}
