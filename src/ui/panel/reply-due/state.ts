/**
 * Reply-due state of the chat tools (loaded on demand): one ticking clock for every timer
 * (../../state/clock.ts), and the thresholds on this page, asked of the background and asked again
 * when the agent or the administrator changes them.
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

/** The options page writes this one (src/features/reply-due/settings.ts). */
const PREFERENCES_KEY = 'replyDue.preferences';

let started = false;

/** Once per tab, with the first timer drawn. */
export function startReplyDue(): void {
  if (started) return;
  started = true;
  followTestClock(replyDueClock.jump);
  const loadThresholds = async () => {
    const answer = await run('getReplyDue');
    if (answer.ok) replyDueThresholds.value = { amberSeconds: answer.amberSeconds, redSeconds: answer.redSeconds };
  };
  void loadThresholds();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && PREFERENCES_KEY in changes)) void loadThresholds();
  });
}
