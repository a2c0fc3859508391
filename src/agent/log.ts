import type { Logger } from './runtime';

/** Console logger for the worker. Callers pass details without secrets (no bearer, csrf or password). */
export const consoleLogger: Logger = {
  info: (message, detail) => console.info(`[agent-dock] ${message}`, detail ?? ''),
  warn: (message, detail) => console.warn(`[agent-dock] ${message}`, detail ?? ''),
};
