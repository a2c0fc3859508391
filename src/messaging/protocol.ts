/**
 * The typed protocol between the UIs (popup, options, panel) and the background.
 * Requests travel over @webext-core/messaging; every payload is validated with zod on receipt
 * (src/messaging/background-side.ts) because a content script is less trusted than our own pages.
 * The view streams over a long-lived port named `VIEW_PORT`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import type { AgentSurvey } from '../api/types';
import type { AgentView } from './view';

export const VIEW_PORT = 'agent-dock:view';

export const availabilitySchema = z.enum(['Online', 'Away', 'Occupied']);

export const signInSchema = z.object({
  csdsUrl: z.string().url(),
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Account id: letters and digits only'),
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});

export const chatIdSchema = z.object({ chatId: z.string().min(1).max(300) });

export const sendLineSchema = z.object({
  chatId: z.string().min(1).max(300),
  text: z.string().min(1).max(10_000),
  /** A note only agents see (LivePerson `ONLY_TO_REP`). */
  private: z.boolean().optional(),
});

/** A queued line, by its outbox id (`pending:<localId>` in the view). */
export const outboxLineSchema = z.object({ chatId: z.string().min(1).max(300), localId: z.string().min(1).max(100) });

export const draftSchema = z.object({ chatId: z.string().min(1).max(300), text: z.string().max(10_000) });

export const typingSchema = z.object({ chatId: z.string().min(1).max(300), typing: z.boolean() });

export const transferSchema = z
  .object({
    chatId: z.string().min(1).max(300),
    skillId: z.string().regex(/^\d{1,20}$/).optional(),
    agentId: z.string().regex(/^\d{1,20}$/).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((t) => !!t.skillId !== !!t.agentId, 'Choose a skill or an agent');

export const surveyAnswersSchema = z.object({
  chatId: z.string().min(1).max(300),
  surveyId: z.string().min(1).max(100),
  answers: z.record(z.string().max(100), z.array(z.string().max(2000)).max(50)),
});

export interface TransferOption {
  id: string;
  name: string;
  onlineAgents: number;
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

/** Bots sign in with API keys (Application Login) and then sign every request. */
export const signInWithApiKeySchema = z.object({
  csdsUrl: z.string().url(),
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Account id: letters and digits only'),
  username: z.string().min(1).max(200),
  appKey: z.string().min(1).max(200),
  secret: z.string().min(1).max(200),
  accessToken: z.string().min(1).max(200),
  accessTokenSecret: z.string().min(1).max(200),
});

export type SignIn = z.infer<typeof signInSchema>;
export type SignInWithApiKey = z.infer<typeof signInWithApiKeySchema>;

/** A refused or failed command: one sentence the UI can show. */
export type Refusal = { ok: false; message: string };

/** Every command answers with this: done, or a sentence the UI can show. */
export type CommandResult = { ok: true } | Refusal;

export interface ProtocolMap {
  getView(): AgentView;
  signIn(data: SignIn): CommandResult;
  signInWithApiKey(data: SignInWithApiKey): CommandResult;
  signOut(): CommandResult;
  setAvailability(data: { state: z.infer<typeof availabilitySchema> }): CommandResult;
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
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
