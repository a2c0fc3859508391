/**
 * The agent's "longest wait first" choice: a signal the panel's tabs follow (and the command
 * palette may toggle), kept in storage.local so every CRM tab follows it. In the panel's script,
 * shared by name with the parts loaded on demand (../../panel-runtime-names.ts).
 */
import { signal } from '@preact/signals-core';
import { browser } from 'wxt/browser';

export const sortByUrgency = signal(false);

const KEY = 'replyDue.sortByUrgency';

export function setSortByUrgency(on: boolean): void {
  sortByUrgency.value = on;
  void browser.storage.local.set({ [KEY]: on });
}

let started = false;

export function followSortChoice(): void {
  if (started) return;
  started = true;
  void browser.storage.local.get(KEY).then((items) => (sortByUrgency.value = items[KEY] === true));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) sortByUrgency.value = changes[KEY]?.newValue === true;
  });
}
