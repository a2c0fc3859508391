/**
 * Registers every handler table (./handlers/*) with the messenger, in one loop, so the boundary is
 * applied one way for every message: the sender's policy (./senders.ts), then the payload's schema,
 * then, for a command that changes a chat, that the chat is one the asking panel shows. Only then
 * does a handler run. A refusal is a sentence the UI can show; `getView` refused throws (it
 * answers a view, not a command result).
 */
import type { z } from 'zod';
import type { AgentRuntime } from '../agent/runtime';
import { onMessage, type Refusal } from '../messaging/protocol';
import { accountHandlers, type AlertCommands } from './handlers/account';
import { chatHandlers } from './handlers/chat';
import { customerHandlers, type HistoryServices } from './handlers/customer';
import type { Command, Handler, HandlerTable } from './handlers/handler';
import { panelHandlers } from './handlers/panel';
import { replyDueHandlers } from './handlers/reply-due';
import { cannedResponseHandlers } from './handlers/canned-responses';
import type { CannedResponsesSource } from './canned-responses';
import { allowedBy } from './senders';
import type { EnabledSites } from './enabled-sites';

export type { AlertCommands, HistoryServices };

const REFUSED: Record<Handler<Command>['from'], Refusal> = {
  page: { ok: false, message: 'Refused: this action is only allowed from Agent Dock’s own pages.' },
  panel: { ok: false, message: 'Refused: Agent Dock is not enabled on this site.' },
  tab: { ok: false, message: 'Refused: Agent Dock is not enabled on this site.' },
};

const NOT_SHOWN: Refusal = { ok: false, message: 'Refused: this panel does not show that chat.' };

function validate<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; result: Refusal } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, result: { ok: false, message: `Invalid request: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? ''}`.trim() } };
}

/** The handler tables, by area; every ProtocolMap message has exactly one entry among them. */
export function handlerTables(runtime: AgentRuntime, alerts?: AlertCommands, features: FeatureSources = {}): HandlerTable[] {
  return [
    accountHandlers(runtime, alerts),
    chatHandlers(runtime),
    panelHandlers(),
    replyDueHandlers(),
    customerHandlers(runtime, features.history ?? NO_HISTORY),
    cannedResponseHandlers(features.cannedResponses),
  ];
}

/** What features serve beyond the runtime: #21's canned responses, #22's Engagement History. */
export interface FeatureSources {
  cannedResponses?: CannedResponsesSource;
  history?: HistoryServices;
}

/** Without a history client (tests of other tables), a history search says so. */
const NO_HISTORY: HistoryServices = {
  lookup: async () => ({ ok: false, error: { kind: 'network', message: 'no Engagement History client in this build' } }),
  history: () => {
    throw new Error('no Engagement History client');
  },
};

export function serveCommands(runtime: AgentRuntime, sites: EnabledSites, alerts?: AlertCommands, features: FeatureSources = {}): void {
  const seen = new Set<string>();
  for (const table of handlerTables(runtime, alerts, features)) {
    for (const [message, entry] of Object.entries(table) as Array<[Command, Handler<Command>]>) {
      if (seen.has(message)) throw new Error(`Two handlers for ${message}`);
      seen.add(message);
      onMessage(message, async ({ sender, data }) => {
        if (!(await allowedBy(entry.from, sender, sites))) {
          if (message === 'getView') throw new Error('Refused');
          return REFUSED[entry.from] as never;
        }
        let input = data as never;
        if (entry.schema) {
          const checked = validate(entry.schema, data);
          if (!checked.ok) return checked.result as never;
          input = checked.value as never;
        }
        if (entry.chatOf) {
          await runtime.restore();
          const chatId = entry.chatOf(input);
          if (!runtime.view().chats.some((chat) => chat.id === chatId)) return NOT_SHOWN as never;
        }
        return entry.run(input, sender) as never;
      });
    }
  }
}
