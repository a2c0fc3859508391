/**
 * The typed protocol between the UIs (popup, options, panel) and the background.
 * Requests travel over @webext-core/messaging; every payload is validated with zod on receipt
 * (src/messaging/background-side.ts) because a content script is less trusted than our own pages.
 * The view streams over a long-lived port named `VIEW_PORT`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
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
});

export type SignIn = z.infer<typeof signInSchema>;

/** Every command answers with this: a value or a sentence the UI can show. */
export type CommandResult = { ok: true } | { ok: false; message: string };

export interface ProtocolMap {
  getView(): AgentView;
  signIn(data: SignIn): CommandResult;
  signOut(): CommandResult;
  setAvailability(data: { state: z.infer<typeof availabilitySchema> }): CommandResult;
  acceptChat(): CommandResult;
  sendLine(data: z.infer<typeof sendLineSchema>): CommandResult;
  endChat(data: z.infer<typeof chatIdSchema>): CommandResult;
  /** Remove an ended chat from the panel. */
  closeChat(data: z.infer<typeof chatIdSchema>): CommandResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
