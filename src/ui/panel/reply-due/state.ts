/**
 * The panel's reply-due state: one ticking clock for every timer (../../state/clock.ts), the
 * thresholds on this page (asked of the background, again when the agent changes them), and the
 * agent's "sort tabs by urgency" choice (storage.local, so every CRM tab follows it).
 */
import { signal } from '@preact/signals-core';
import { browser } from 'wxt/browser';
import type { ReplyDueThresholds } from '../../../features/reply-due/waiting';
import { REPLY_DUE_DEFAULTS } from '../../../features/reply-due/defaults';
import { clockNow, followTestClock } from '../../../settings/test-clock';
import { createTickingClock } from '../../state/clock';
import { run } from '../../store';

export const replyDueClock = createTickingClock({ now: clockNow, periodMs: 1000 });

export const replyDueThresholds = signal<ReplyDueThresholds>({ amberSeconds: REPLY_DUE_DEFAULTS.amberSeconds, redSeconds: REPLY_DUE_DEFAULTS.redSeconds });

/** The agent's choice; the panel's tabs follow it, the command palette may toggle it. */
export const sortByUrgency = signal(false);

export const SORT_BY_URGENCY_KEY = 'replyDue.sortByUrgency';
/** The options page writes this one (src/features/reply-due/settings.ts). */
const PREFERENCES_KEY = 'replyDue.preferences';

export function setSortByUrgency(on: boolean): void {
  sortByUrgency.value = on;
  void browser.storage.local.set({ [SORT_BY_URGENCY_KEY]: on });
}

let started = false;

/** Once per tab, with the first chat tab drawn. */
export function startReplyDue(): void {
  if (started) return;
  started = true;
  followTestClock(replyDueClock.jump);
  const loadThresholds = async () => {
    const answer = await run('getReplyDue');
    if (answer.ok) replyDueThresholds.value = { amberSeconds: answer.amberSeconds, redSeconds: answer.redSeconds };
  };
  void loadThresholds();
  void browser.storage.local.get(SORT_BY_URGENCY_KEY).then((items) => (sortByUrgency.value = items[SORT_BY_URGENCY_KEY] === true));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && PREFERENCES_KEY in changes)) void loadThresholds();
    if (area === 'local' && SORT_BY_URGENCY_KEY in changes) sortByUrgency.value = changes[SORT_BY_URGENCY_KEY]?.newValue === true;
  });
}
