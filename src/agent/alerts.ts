/**
 * Alert side effects, driven by the runtime's view: the toolbar badge, desktop notifications
 * (rings, and the safety net's automatic Away), and the ring sound. Decisions are the pure
 * functions at the top; the class only applies them.
 */
import { browser } from 'wxt/browser';
import type { CommandResult } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';
import type { AlertSettings } from '../settings/alerts';
import { openChatCount, signedOutProblem } from './presence';
import type { RingPlayer } from './ring-player';
import { secondsUntilAway } from './timing';
import { replyDueBadge } from '../features/reply-due/alerts';

export const RING_NOTIFICATION_ID = 'agent-dock:ring';
export const AWAY_NOTIFICATION_ID = 'agent-dock:away';
/** A chat went red (reply-due, ./reply-due-alerts.ts). */
export const REPLY_DUE_NOTIFICATION_ID = 'agent-dock:reply-due';


export const BADGE_COLORS = { ringing: '#c5221f', unhealthy: '#b06000', chats: '#0f62c4' } as const;

export interface Badge {
  text: string;
  color: string;
  title: string;
}

/**
 * Ringing count in the alert colour; else the chats waiting too long for an answer (reply-due red);
 * else `!` when the session is unhealthy (or lost); else the open chats.
 */
export function badgeFor(view: AgentView, replyDueRed = 0): Badge {
  if (view.auth.status !== 'signed-in') {
    const problem = signedOutProblem(view);
    if (problem) return { text: '!', color: BADGE_COLORS.unhealthy, title: `Agent Dock — signed out: ${problem}` };
    return { text: '', color: BADGE_COLORS.chats, title: 'Agent Dock — signed out' };
  }
  const open = openChatCount(view);
  const summary = `Agent Dock — ${view.availability ?? 'unknown'}${view.presence?.draining ? ' (finishing chats)' : ''}`;
  if (view.ringing.count > 0) {
    return { text: String(view.ringing.count), color: BADGE_COLORS.ringing, title: `${summary} · ${view.ringing.count} ringing` };
  }
  const red = replyDueBadge(replyDueRed);
  if (red) return { ...red, title: `${summary} · ${replyDueRed} chat${replyDueRed === 1 ? '' : 's'} waiting too long for an answer` };
  if (view.health.problem) return { text: '!', color: BADGE_COLORS.unhealthy, title: `${summary} · ${view.health.problem}` };
  return { text: open > 0 ? String(open) : '', color: BADGE_COLORS.chats, title: `${summary} · ${open} open chat${open === 1 ? '' : 's'}` };
}

/** The ring's identity: a new one starts when more chats ring or ringing starts again. */
export function isNewRing(previous: AgentView['ringing'] | undefined, current: AgentView['ringing']): boolean {
  if (current.count === 0) return false;
  return !previous || previous.count === 0 || current.count > previous.count || previous.since !== current.since;
}

export function ringMessage(view: AgentView, now: number): string {
  const since = view.ringing.since ?? now;
  const left = secondsUntilAway(since, now);
  const what = view.ringing.count > 1 ? `${view.ringing.count} chats are ringing.` : 'A chat is ringing.';
  return `${what} Accept within ${left} s or LivePerson sets you Away.`;
}

export interface AlertsDeps {
  settings(): Promise<AlertSettings>;
  player?: RingPlayer;
  acceptChat(): Promise<CommandResult>;
  focusPanel(): Promise<void>;
  /** Firefox notifications have no buttons. */
  notificationButtons: boolean;
  log: { warn(message: string, detail?: Record<string, unknown>): void };
  now?: () => number;
}

export class Alerts {
  private lastBadge: Badge | undefined;
  private lastRinging: AgentView['ringing'] | undefined;
  private lastNoticeAt: number | undefined;
  private wasSignedIn = false;
  private first = true;
  /** Views are applied one after the other, so a ring's start and end never swap places. */
  private applying: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private replyDueRed = 0;
  private lastView: AgentView | undefined;

  constructor(private readonly deps: AlertsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Every view the runtime pushes; settles once applied. Never rejects: alerts must not break the runtime. */
  onView(view: AgentView): Promise<void> {
    this.applying = this.applying
      .then(() => this.apply(view))
      .catch((error: unknown) => this.deps.log.warn('Alert failed', { error: String(error) }));
    return this.applying;
  }

  /** Chats waiting too long for an answer (./reply-due-alerts.ts): the badge says so. */
  setReplyDueRed(count: number): void {
    if (count === this.replyDueRed) return;
    this.replyDueRed = count;
    // Applying the same view again changes only the badge: rings, notices and sign-outs are edges.
    if (this.lastView) void this.onView(this.lastView);
  }

  /** A chat went red while the agent was elsewhere. */
  async announceReplyDue(message: string): Promise<void> {
    await this.notify(REPLY_DUE_NOTIFICATION_ID, 'A visitor is waiting for an answer', message, false);
  }

  private async apply(view: AgentView): Promise<void> {
    this.lastView = view;
    const badge = badgeFor(view, this.replyDueRed);
    if (badge.text !== this.lastBadge?.text || badge.color !== this.lastBadge?.color || badge.title !== this.lastBadge?.title) {
      this.lastBadge = badge;
      await browser.action.setBadgeBackgroundColor({ color: badge.color });
      await browser.action.setBadgeText({ text: badge.text });
      await browser.action.setTitle({ title: badge.title });
    }

    const previous = this.lastRinging;
    this.lastRinging = view.ringing;
    const ringing = view.auth.status === 'signed-in' && view.ringing.count > 0;
    if (ringing && isNewRing(previous, view.ringing)) await this.ringStarted(view);
    else if (!ringing && (previous?.count ?? 0) > 0) await this.ringStopped();
    else if (!ringing && this.first) await this.ringStopped(); // a worker start: nothing may keep ringing

    const notice = view.presence?.awayNotice;
    // A notice already there when the worker started was told by the worker before.
    if (notice && !this.first && notice.at !== this.lastNoticeAt) await this.notify(AWAY_NOTIFICATION_ID, 'You are Away', notice.reason, false);
    this.lastNoticeAt = notice?.at;

    // Signed out by something other than the agent (the login could not be kept): say so.
    const lost = signedOutProblem(view);
    if (this.wasSignedIn && lost) await this.notify(AWAY_NOTIFICATION_ID, 'You are signed out', lost, false);
    this.wasSignedIn = view.auth.status === 'signed-in';
    this.first = false;
  }

  private async ringStarted(view: AgentView): Promise<void> {
    const settings = await this.deps.settings();
    if (settings.sound && this.deps.player) await this.deps.player.ring(settings.volume);
    await this.notify(RING_NOTIFICATION_ID, 'Incoming chat', ringMessage(view, this.now()), this.deps.notificationButtons);
  }

  private async ringStopped(): Promise<void> {
    await this.deps.player?.stop();
    await browser.notifications.clear(RING_NOTIFICATION_ID);
  }

  private async notify(id: string, title: string, message: string, acceptButton: boolean): Promise<void> {
    if (!(await this.deps.settings()).notifications) return;
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
      // Chrome only (Firefox has neither buttons nor these options): stays up until acted on.
      ...(acceptButton ? { buttons: [{ title: 'Accept' }], requireInteraction: true, priority: 2 } : {}),
    });
  }

  /** Settings' "Test ring": the sound once, as a ring would play it. */
  async testRing(): Promise<CommandResult> {
    if (!this.deps.player) return { ok: false, message: 'This browser cannot play the ring sound outside a tab; rings still show in the panel and the popup.' };
    const settings = await this.deps.settings();
    try {
      await this.deps.player.test(settings.volume);
    } catch (error) {
      this.deps.log.warn('Test ring could not play', { error: String(error) });
      return { ok: false, message: 'The browser did not let Agent Dock play the ring sound.' };
    }
    return { ok: true };
  }

  /** A click on a notification: the CRM tab with the panel (or a new one) comes to the front. */
  async notificationClicked(id: string): Promise<void> {
    if (id !== RING_NOTIFICATION_ID && id !== AWAY_NOTIFICATION_ID && id !== REPLY_DUE_NOTIFICATION_ID) return;
    await browser.notifications.clear(id);
    await this.deps.focusPanel();
  }

  /** The ring notification's Accept button. */
  async notificationButtonClicked(id: string, index: number): Promise<void> {
    if (id !== RING_NOTIFICATION_ID || index !== 0) return;
    const accepted = await this.deps.acceptChat();
    if (!accepted.ok) this.deps.log.warn('Accept from the notification failed', { message: accepted.message });
    await browser.notifications.clear(id);
    await this.deps.focusPanel();
  }
}
