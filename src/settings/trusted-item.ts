/**
 * A setting only the extension's own pages and its background can write: it lives in the IndexedDB
 * of the extension's origin. Content scripts can write `storage.local` (and read it), but their
 * IndexedDB and BroadcastChannel are the web page's origin, never the extension's; and
 * `storage.session`, which they cannot reach either, is gone when the browser closes. So what
 * decides where the password goes (the saved account, ./account.ts) is kept here (issue #19).
 *
 * idb-keyval (Jake Archibald's, under 1 KB) is the IndexedDB key-value store: one database, one
 * object store, promises, and an atomic `update` for the one-time migration; IndexedDB by hand
 * would be its hundred lines again.
 *
 * IndexedDB has no change events: a write posts a ping (no value) on a BroadcastChannel of the
 * extension's origin, and each watcher reads the value again from the database, so even a ping
 * from elsewhere could only make a page re-read what the extension itself stored.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';

/** The database, its one object store, and the channel that announces writes. */
export const TRUSTED_DB = { name: 'agent-dock', store: 'settings', channel: 'agent-dock:settings' } as const;

let store: UseStore | undefined;
/** Opened on first use: importing this module touches no database (tests, builds). */
export const trustedStore = (): UseStore => (store ??= createStore(TRUSTED_DB.name, TRUSTED_DB.store));

export interface TrustedItem<T> {
  readonly key: string;
  readonly fallback: T;
  /** The stored value, checked; the fallback when there is none, it is invalid, or the database fails. */
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with the new value after any context's write; returns the stop function. */
  watch(callback: (value: T) => void): () => void;
}

export interface TrustedItemOptions<T> {
  /** The value if valid, else undefined: what the database returns is checked like any input. */
  parse(stored: unknown): T | undefined;
  /** Runs before every read and write (a one-time migration that checks its own mark). */
  ready?: () => Promise<void>;
  log?: Pick<Console, 'warn'>;
}

/** Local watchers: a BroadcastChannel does not deliver to the context that posted. */
const watchers = new Map<string, Set<() => void>>();

function announce(key: string): void {
  for (const watcher of watchers.get(key) ?? []) watcher();
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(TRUSTED_DB.channel);
  channel.postMessage(key);
  channel.close();
}

export function trustedItem<T>(key: string, fallback: T, options: TrustedItemOptions<T>): TrustedItem<T> {
  const log = options.log ?? console;
  const getValue = async (): Promise<T> => {
    try {
      await options.ready?.();
      const stored = await get<unknown>(key, trustedStore());
      return stored === undefined ? fallback : (options.parse(stored) ?? fallback);
    } catch (error) {
      log.warn(`Could not read the saved ${key}`, error);
      return fallback;
    }
  };
  return {
    key,
    fallback,
    getValue,
    async setValue(value) {
      await options.ready?.();
      await set(key, value, trustedStore());
      announce(key);
    },
    watch(callback) {
      // A write is heard twice in the writing context (the local call and its own ping on the
      // channel, which reaches every other channel object of that name): tell only what changed.
      let last: string | undefined;
      const reread = () =>
        void getValue().then((value) => {
          const seen = JSON.stringify(value);
          if (seen === last) return;
          last = seen;
          callback(value);
        });
      const local = watchers.get(key) ?? new Set();
      watchers.set(key, local.add(reread));
      const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(TRUSTED_DB.channel);
      if (channel) channel.onmessage = (event: MessageEvent) => event.data === key && reread();
      return () => {
        local.delete(reread);
        channel?.close();
      };
    },
  };
}
