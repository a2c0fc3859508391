/** How the background answers a UI command, and how a failure reads to the agent. */
import type { ApiError } from './conversation-service';
import type { CommandResult, Refusal } from '../messaging/protocol';

export const OK: CommandResult = { ok: true };

export const fail = (message: string): Refusal => ({ ok: false, message });

/** "What failed: why." in one sentence for the UI. */
export function explain(what: string, error: ApiError): string {
  return `${what}: ${error.message}`;
}

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}
