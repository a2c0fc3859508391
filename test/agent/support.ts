/** What the runtime's tests share. */
import type { Logger } from '../../src/agent/runtime';
import type { AgentState, StateStore } from '../../src/agent/state';

export const quiet: Logger = { info: () => {}, warn: () => {} };

/** Keeps the state as storage.session does between worker lifetimes: a copy each way. */
export function memoryStore(): StateStore & { saved: AgentState | null } {
  return {
    saved: null,
    async load() {
      return this.saved ? structuredClone(this.saved) : null;
    },
    async save(state) {
      this.saved = structuredClone(state);
    },
  };
}
