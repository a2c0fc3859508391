/** The administrator's policy in our pages (popup, options): read once, then followed live. */
import { readManagedPolicy, watchManagedPolicy, type ManagedPolicy } from '../settings/policy';
import { signal } from '@preact/signals-core';

export const policy = signal<ManagedPolicy>({});

let started = false;

export function followPolicy(): void {
  if (started) return;
  started = true;
  const apply = (next: ManagedPolicy) => {
    policy.value = next;
  };
  void readManagedPolicy().then(apply);
  watchManagedPolicy(apply);
}

export const LOCKED_NOTE = 'Set by your administrator';
