/**
 * The zod schemas of the protocol's payloads, checked by the background on receipt
 * (src/background/serve-commands.ts). Only the background bundles them; the UIs import ./protocol's types.
 */
import { z } from 'zod';
import { htmlLineProblem } from '../features/canned-responses/html-line';
import { recipeFieldSchema } from '../features/wrap-up/recipe';

/** 'Back soon' is LivePerson Messaging's BACK_SOON state; the Chat Agent API has no such state and refuses it. */
export const availabilitySchema = z.enum(['Online', 'Away', 'Back soon', 'Occupied']);

export const signInSchema = z.object({
  csdsUrl: z.string().url(),
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Account id: letters and digits only'),
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});

export const chatIdSchema = z.object({ chatId: z.string().min(1).max(300) });

export const sendLineSchema = z
  .object({
    chatId: z.string().min(1).max(300),
    /** The line's words (what a protocol without HTML sends, and what the outbox shows). */
    text: z.string().min(1).max(10_000),
    /** A note only agents see (LivePerson `ONLY_TO_REP`). */
    private: z.boolean().optional(),
    /** The UI's id for this line: a command resent because the worker stopped before answering is queued once. */
    clientId: z.string().min(1).max(100).optional(),
    /**
     * The same line as sanitized HTML (an HTML canned response, cleaned by the panel's DOMPurify):
     * checked again here without a DOM (src/features/canned-responses/html-line.ts).
     */
    html: z
      .string()
      .min(1)
      .max(20_000)
      .superRefine((html, ctx) => {
        const problem = htmlLineProblem(html);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  })
  .refine((line) => !(line.html && line.private), 'A private note is sent as plain text');

/** A queued line, by its outbox id (`pending:<localId>` in the view). */
export const outboxLineSchema = z.object({ chatId: z.string().min(1).max(300), localId: z.string().min(1).max(100) });

export const draftSchema = z.object({ chatId: z.string().min(1).max(300), text: z.string().max(10_000) });

export const typingSchema = z.object({ chatId: z.string().min(1).max(300), typing: z.boolean() });

export const transferSchema = z
  .object({
    chatId: z.string().min(1).max(300),
    // LivePerson Messaging's "no skill" is -1 (routing examples, docs/reference/messaging.md §4.1).
    skillId: z.string().regex(/^(-1|\d{1,20})$/).optional(),
    // A user id (the Chat Agent API's, the Users API's), or Messaging's `{accountId}.{userId}` — the
    // form routing and `GetUserProfile` use (`"qa20971604.3836897210"`, docs/reference/messaging.md §1;
    // account ids: `^[a-zA-Z0-9_]{1,20}$`, administration-skills-appendix.html).
    agentId: z.string().regex(/^(?:[A-Za-z0-9_]{1,20}\.)?\d{1,20}$/).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((t) => !!t.skillId !== !!t.agentId, 'Choose a skill or an agent');

export const surveyAnswersSchema = z.object({
  chatId: z.string().min(1).max(300),
  surveyId: z.string().min(1).max(100),
  answers: z.record(z.string().max(100), z.array(z.string().max(2000)).max(50)),
});

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

/** The scripts a CRM tab's panel loads on demand (src/ui/on-demand.ts). */
export const PANEL_SCRIPTS = ['sanitizer', 'panel-tools', 'customer-tools', 'quick-tools'] as const;
export const panelScriptSchema = z.object({ script: z.enum(PANEL_SCRIPTS) });

/** A tab's content script turning Chrome's side panel on or off for its tab. */
export const sidePanelSchema = z.object({ enabled: z.boolean() });

/** `reason`: the agent's away reason, sent where the protocol carries one (Messaging's state description). */
export const setAvailabilitySchema = z.object({ state: availabilitySchema, reason: z.string().trim().max(80).optional() });

/** #22: where the panel is in a chat's history list; the visitor and customer ids are the chat's own (src/background/chat-history.ts). */
const historyPaging = { chatId: z.string().min(1).max(300), offset: z.number().int().min(0).max(100_000), limit: z.number().int().min(1).max(100) };
export const historySearchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitor'), ...historyPaging }).strict(),
  z.object({ kind: z.literal('customer'), from: z.number().int().min(0), to: z.number().int().min(0), ...historyPaging }).strict(),
]);

/** #22: the fields Teach mode recorded (each checked again as a whole recipe where it is saved). */
export const crmRecipeSchema = z.object({ fields: z.array(recipeFieldSchema).min(1).max(30) }).strict();
