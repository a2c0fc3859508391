/**
 * Reply-due in the background: the waits of the agent's chats (src/features/reply-due/), kept
 * current by one timer for the next level change, not a tick; the red count on the toolbar badge
 * (merged with the ring and open-chat badge in ./alerts.ts) and one notification per wait that
 * goes red while the agent is not looking at a panel. The keys of the waits already announced
 * live in storage.session, so a restarted worker does not announce them again.
 * Thresholds: the everywhere values (the badge is not about one page).
 */
import { browser } from 'wxt/browser';
import { decideRedAlerts } from '../features/reply-due/alerts';
import { effectiveReplyDue, replyDuePreferencesItem, type EffectiveReplyDue } from '../features/reply-due/settings';
import { createReplyDueWatch } from '../features/reply-due/watch';
import { formatWait, type ChatWait } from '../features/reply-due/waiting';
import type { AgentView } from '../messaging/view';
import { readManagedPolicy, watchManagedPolicy } from '../settings/policy';
import { clockNow, followTestClock } from '../settings/test-clock';
import { systemClock, type Clock } from './clock';

/** storage.session (trusted contexts only): the waits already announced. */
export const ANNOUNCED_KEY = 'agentDockReplyDueAnnounced';
/** Keys of chats no longer in the view are kept this many at most (a day's chats; the session ends with the browser). */
const MAX_KEPT = 200;

export interface ReplyDueTarget {
  subscribe(listener: (view: AgentView) => void): unknown;
}

export interface ReplyDueAlerts {
  setReplyDueRed(count: number): void;
  announceReplyDue(message: string): Promise<void>;
}

/** The sentence of a notification for the chats that went red. */
export function replyDueMessage(waits: readonly ChatWait[], names: ReadonlyMap<string, string>): string {
  const parts = waits.map((w) => `${names.get(w.chatId) ?? 'A visitor'} has waited ${formatWait(w.waitedMs)}`);
  return `${parts.join('; ')} for an answer.`;
}

/** Keys to keep: the red waits now, and those of chats not in this view (not yet restored, or gone). */
export function keysToKeep(stored: readonly string[], decided: readonly string[], chatIds: ReadonlySet<string>): string[] {
  const elsewhere = stored.filter((key) => !chatIds.has(key.slice(0, key.lastIndexOf('@'))));
  return [...new Set([...elsewhere.slice(-MAX_KEPT), ...decided])];
}

export function wireReplyDue(deps: {
  runtime: ReplyDueTarget;
  alerts: ReplyDueAlerts;
  /** Whether the agent has a panel in front of them now (its tab active in the focused window). */
  agentIsOnAPanel(): Promise<boolean>;
  log: { warn(message: string, detail?: Record<string, unknown>): void };
  /** Tests: a clock they move; by default the computer's (moved by the e2e build's test clock). */
  clock?: Clock;
}): void {
  let settings: EffectiveReplyDue | undefined;
  let chatIds = new Set<string>();
  let applying: Promise<void> = Promise.resolve();

  const apply = async (waits: ChatWait[]) => {
    const stored = ((await browser.storage.session.get(ANNOUNCED_KEY))[ANNOUNCED_KEY] as string[] | undefined) ?? [];
    const decision = decideRedAlerts(waits, stored);
    await browser.storage.session.set({ [ANNOUNCED_KEY]: keysToKeep(stored, decision.announced, chatIds) });
    deps.alerts.setReplyDueRed(decision.redCount);
    if (decision.announce.length === 0 || !settings?.notify) return;
    if (await deps.agentIsOnAPanel()) return;
    // Named from the chats in the view now (kept nowhere else: nothing grows over a shift).
    const names = new Map(chats.map((chat) => [chat.id, chat.visitorName]));
    await deps.alerts.announceReplyDue(replyDueMessage(decision.announce, names));
  };

  const watch = createReplyDueWatch({
    clock: deps.clock ?? { ...systemClock, now: clockNow },
    thresholds: { amberSeconds: 30, redSeconds: 60 },
    onWaits(waits) {
      applying = applying.then(() => apply(waits)).catch((error: unknown) => deps.log.warn('Reply-due alert failed', { error: String(error) }));
    },
  });
  let chats: AgentView['chats'] = [];
  let ready = false;

  const loadSettings = async () => {
    const [preferences, policy] = await Promise.all([replyDuePreferencesItem.getValue(), readManagedPolicy()]);
    settings = effectiveReplyDue(preferences, policy);
    ready = true;
    watch.setThresholds(settings);
    watch.update(chats);
  };
  void loadSettings();
  replyDuePreferencesItem.watch(() => void loadSettings());
  watchManagedPolicy(() => void loadSettings());
  // e2e builds: the test moved the clock; look again now.
  followTestClock(() => ready && watch.update(chats));

  deps.runtime.subscribe((view) => {
    chats = view.auth.status === 'signed-in' ? view.chats : [];
    chatIds = new Set(chats.map((c) => c.id));
    // Until the settings are read, the thresholds are not known: no badge from the defaults.
    if (ready) watch.update(chats);
  });
}
