import { browser } from 'wxt/browser';
import type { AgentState, StateStore } from './state';

const KEY = 'agentDockState';

/**
 * storage.session: in memory, survives worker restarts, cleared when the browser closes, and
 * (at its default access level) unreadable from content scripts — the right home for tokens.
 */
export const sessionStateStore: StateStore = {
  async load() {
    const stored = await browser.storage.session.get(KEY);
    return (stored[KEY] as AgentState | undefined) ?? null;
  },
  async save(state) {
    await browser.storage.session.set({ [KEY]: state });
  },
};
