/** What the runtime's tests share. */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { AgentRuntime, type AgentRuntimeDeps, type Logger } from '../../src/agent/runtime';
import type { AgentState, StateStore } from '../../src/agent/state';
import { startEmulator, type Emulator } from '../emulator/server';

export const quiet: Logger = { info: () => {}, warn: () => {} };

/** Keeps the state as storage.session does between worker lifetimes: a copy each way. `onSave` sees each write. */
export function memoryStore(onSave?: (state: AgentState) => void): StateStore & { saved: AgentState | null } {
  return {
    saved: null,
    async load() {
      return this.saved ? structuredClone(this.saved) : null;
    },
    async save(state) {
      this.saved = structuredClone(state);
      onSave?.(state);
    },
  };
}

/**
 * Runtimes against the emulator over real HTTP. Each test gets a fresh emulator, state store and
 * cookie jar (one jar per "browser profile", shared by worker lifetimes, as in Chrome); every
 * runtime it started is stopped after it.
 */
export function emulatedRuntimes() {
  const runtimes: AgentRuntime[] = [];
  const harness = {
    emulator: undefined as unknown as Emulator,
    store: memoryStore(),
    /** Requests with the test's cookie jar; a test may wrap it before it starts a runtime. */
    fetch: fetch as typeof fetch,
    /** A runtime polling every 50 ms, logging nothing, on the test's store and jar, unless `deps` says otherwise. */
    newRuntime(deps: Partial<AgentRuntimeDeps> = {}): AgentRuntime {
      const runtime = new AgentRuntime({
        client: createLivePersonClient({ fetch: harness.fetch, allowLoopback: true }),
        store: harness.store,
        pollIntervalMs: async () => 50,
        log: quiet,
        ...deps,
      });
      runtimes.push(runtime);
      return runtime;
    },
    signIn(runtime: AgentRuntime, password = 'agent1-pass') {
      return runtime.signIn({ csdsUrl: harness.emulator.baseUrl, accountId: '12345678', username: 'agent1', password });
    },
  };
  beforeEach(async () => {
    harness.emulator = await startEmulator({ port: 0 });
    harness.store = memoryStore();
    harness.fetch = fetchCookie(fetch) as typeof fetch;
  });
  afterEach(async () => {
    for (const runtime of runtimes.splice(0)) await runtime.stop();
    await harness.emulator.close();
  });
  return harness;
}
