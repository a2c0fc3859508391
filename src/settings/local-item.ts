/**
 * A setting in storage.local that the panel's content script reads on every CRM page. That script
 * has a size budget (20 KB gzipped, issue #7) which @wxt-dev/storage alone would take a third of,
 * so the items it needs are this small typed wrapper over `browser.storage.local`: the same key
 * WXT's `local:<key>` items use (values stored before carry over) and the same getValue / setValue
 * / watch, so every context uses these items one way. Other settings stay WXT storage items.
 */
import { browser } from 'wxt/browser';

export interface LocalItem<T> {
  readonly key: string;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with the new value (the fallback when the key is removed); returns the stop function. */
  watch(callback: (value: T) => void): () => void;
}

const valueOr = <T>(stored: unknown, fallback: T): T => (stored === undefined || stored === null ? fallback : (stored as T));

export function localItem<T>(key: string, fallback: T): LocalItem<T> {
  return {
    key,
    fallback,
    async getValue() {
      const stored = await browser.storage.local.get(key);
      return valueOr(stored[key], fallback);
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback(valueOr(changes[key]!.newValue, fallback));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** The item's value in what `browser.storage.local.get` returned (its fallback when absent). */
export function storedValue<T>(item: LocalItem<T>, stored: Record<string, unknown>): T {
  return valueOr(stored[item.key], item.fallback);
}
