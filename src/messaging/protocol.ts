/**
 * The typed protocol between the UIs (popup, options, panel) and the background.
 * Requests travel over @webext-core/messaging; every payload is validated with zod on receipt
 * (the schemas in ./schemas.ts, applied by src/background/serve-commands.ts) because a content script is less
 * trusted than our own pages. This module holds no runtime zod: the UIs import it.
 * The view streams over a long-lived port named `VIEW_PORT`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { AgentSurvey } from '../api/types';
import type { HistoryPage } from '../api/engagement-history';
import type { CrmSiteSettings } from '../settings/crm-site';
// Types only: the schemas stay out of the UI bundles (the content script must stay small).
import type {
  availabilitySchema,
  chatIdSchema,
  crmRecipeSchema,
  historySearchSchema,
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
import type { AgentView } from './view';
import type { CannedResponse } from '../features/canned-responses/response';

export const VIEW_PORT = 'agent-dock:view';

export type PanelScript = z.infer<typeof panelScriptSchema>['script'];

export interface TransferOption {
  id: string;
  name: string;
  /** Absent where the protocol does not say (LivePerson Messaging). */
  onlineAgents?: number;
}

export interface TransferOptions {
  skills: TransferOption[];
  /** Colleagues who can take a transfer now (Online or Occupied). */
  agents: Array<{ id: string; name: string }>;
}

/** Where an agent decides: free capacity and who is online. */
export interface Capacity {
  /** This agent's free slots (-1 unlimited). */
  mySlots: number;
  /** Free slots of every online agent of the account. */
  accountSlots: number;
  onlineAgents: number;
}

export type SignIn = z.infer<typeof signInSchema>;
/** One page of a shown chat's visitor's earlier chats: by visitor id, or by customer id in one month window (#22). */
export type HistorySearch = z.infer<typeof historySearchSchema>;
export type { CrmSiteSettings };
export type SignInWithApiKey = z.infer<typeof signInWithApiKeySchema>;

/** A refused or failed command: one sentence the UI can show. */
export type Refusal = { ok: false; message: string };

/** Every command answers with this: done, or a sentence the UI can show. */
export type CommandResult = { ok: true } | Refusal;

/** The merged canned-response library (fleet › account › personal) and what the agent should know about it. */
export type CannedResponsesAnswer = { ok: true; responses: CannedResponse[]; problems: string[]; clashes: string[] } | Refusal;

export interface ProtocolMap {
  getView(): AgentView;
  signIn(data: SignIn): CommandResult;
  signInWithApiKey(data: SignInWithApiKey): CommandResult;
  signOut(): CommandResult;
  setAvailability(data: { state: z.infer<typeof availabilitySchema>; reason?: string }): CommandResult;
  /** The account's away reasons (LivePerson Messaging: the Agent Status Reason API); empty where none are offered. */
  getAwayReasons(): { ok: true; reasons: string[] } | Refusal;
  acceptChat(): CommandResult;
  sendLine(data: z.infer<typeof sendLineSchema>): CommandResult;
  /** Try a failed line again / give up on it. */
  retryLine(data: z.infer<typeof outboxLineSchema>): CommandResult;
  discardLine(data: z.infer<typeof outboxLineSchema>): CommandResult;
  /** Keep the unsent text of a chat's composer. */
  saveDraft(data: z.infer<typeof draftSchema>): CommandResult;
  endChat(data: z.infer<typeof chatIdSchema>): CommandResult;
  /** Remove an ended chat from the panel. */
  closeChat(data: z.infer<typeof chatIdSchema>): CommandResult;
  setTyping(data: z.infer<typeof typingSchema>): CommandResult;
  /** The skills the chat can be transferred to now, with their online agents. */
  getTransferOptions(data: z.infer<typeof chatIdSchema>): ({ ok: true } & TransferOptions) | Refusal;
  getCapacity(): ({ ok: true } & Capacity) | Refusal;
  transferChat(data: z.infer<typeof transferSchema>): CommandResult;
  /** The wrap-up survey of an ended chat. */
  getAgentSurvey(data: z.infer<typeof chatIdSchema>): { ok: true; survey: AgentSurvey } | Refusal;
  submitAgentSurvey(data: z.infer<typeof surveyAnswersSchema>): CommandResult;
  /** A CRM tab's panel needs a part it loads on demand: inject its script into the panel's world. */
  injectPanelScript(data: z.infer<typeof panelScriptSchema>): CommandResult;
  /** Drain mode: no new chats (Occupied), Away when the last open chat ends. */
  finishChatsThenAway(): CommandResult;
  /** Start a new agent session now (the popup's fix for a broken one). */
  restartSession(): CommandResult;
  /** Play the ring sound once, as a ring would (settings' "Test ring"). */
  testRing(): CommandResult;
  /** #22: earlier chats of the visitor of a chat the asking panel shows (the ids come from that chat). */
  searchChatHistory(data: HistorySearch): { ok: true; page: HistoryPage } | Refusal;
  /** #22: the record link, dispositions and CRM recipe of the asking tab's own site. */
  getCrmSiteSettings(): ({ ok: true } & CrmSiteSettings) | Refusal;
  /** #22: Teach mode's fields, saved as the recipe of the asking tab's own site. */
  saveCrmRecipe(data: z.infer<typeof crmRecipeSchema>): CommandResult;
  /** From a tab's content script: its site uses Chrome's side panel (or no longer does). */
  useSidePanel(data: z.infer<typeof sidePanelSchema>): CommandResult;
  /** The reply-due thresholds that apply to the asking panel's page (src/features/reply-due/settings.ts). */
  getReplyDue(): ({ ok: true } & ReplyDueThresholdsView) | Refusal;
  /** The canned responses a panel offers (#21). */
  getCannedResponses(): CannedResponsesAnswer;
}

/** What a panel needs of the reply-due settings: the thresholds on its page. */
export interface ReplyDueThresholdsView {
  amberSeconds: number;
  redSeconds: number;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
