/**
 * Presence: "never Online and deaf". Pure rules decide when Agent Dock sets the agent Away on its
 * own (computer idle or locked, the last CRM panel gone, LivePerson unreachable for good) and when
 * drain mode ("finish my chats, then go Away") is done; `PresenceGuard` applies them to the runtime.
 * Every automatic Away carries a sentence saying why, shown in the popup, the panel and a notification.
 */
import type { CommandResult } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';

export type IdleState = 'active' | 'idle' | 'locked';

/** A panel port may drop for a reload or navigation: act only if none is back after this. */
export const PANEL_GONE_GRACE_MS = 5_000;

/**
 * No successful poll for this long means no ring can be heard in time: LivePerson itself sets an
 * agent Away after 20 s of an unanswered ring, so waiting longer only hides the problem.
 */
export const SESSION_LOST_AFTER_MS = 20_000;

/** States in which LivePerson can route a chat to the agent (Occupied still gets transfers). */
export function canRing(view: Pick<AgentView, 'auth' | 'availability'>): boolean {
  return view.auth.status === 'signed-in' && (view.availability === 'Online' || view.availability === 'Occupied');
}

export function openChatCount(view: Pick<AgentView, 'chats'>): number {
  return view.chats.filter((c) => c.state !== 'ended').length;
}

/** Why the agent must go Away for this idle state, or undefined. */
export function idleAwayReason(
  idle: IdleState,
  view: Pick<AgentView, 'auth' | 'availability'>,
  settings: { awayWhenIdle: boolean; idleSeconds: number },
): string | undefined {
  if (idle === 'active' || !settings.awayWhenIdle || !canRing(view)) return undefined;
  if (idle === 'locked') return 'Your computer was locked, so Agent Dock set you Away. Press Online when you are back.';
  const minutes = Math.round(settings.idleSeconds / 60);
  const span = settings.idleSeconds < 60 ? `${settings.idleSeconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `No keyboard or mouse activity for ${span}, so Agent Dock set you Away. Press Online when you are back.`;
}

export const PANEL_GONE_REASON =
  'The last CRM tab with the Agent Dock panel was closed, so Agent Dock set you Away: no chat can ring unseen. Press Online when the panel is back.';

/** The reason shown after the agent's own sign-out; any other sign-out reason is a problem. */
export const SIGNED_OUT_BY_AGENT = 'You signed out.';

/** Signed out by something other than the agent (a login that expired, a failed sign-in): worth a mark and a word. */
export function signedOutProblem(view: Pick<AgentView, 'auth'>): string | undefined {
  const { status, reason } = view.auth;
  return status === 'signed-out' && reason && reason !== SIGNED_OUT_BY_AGENT ? reason : undefined;
}

export const DRAIN_DONE_REASON = 'Your last chat ended, so you are Away, as you asked.';

export function sessionLostReason(problem: string): string {
  return `Agent Dock lost contact with LivePerson (${problem}), so it set you Away: no chat can ring unanswered. Press Online once the session is healthy.`;
}

/** Drain mode is over when no chat is open any more: then the agent goes Away. */
export function drainIsDone(view: Pick<AgentView, 'auth' | 'chats' | 'presence'>): boolean {
  return view.auth.status === 'signed-in' && !!view.presence?.draining && openChatCount(view) === 0;
}

/**
 * The session is lost, as far as ringing goes, when polls keep failing (twice or more in a row)
 * and none has succeeded for SESSION_LOST_AFTER_MS (since `signedInAt` before the first one).
 */
export function sessionIsLost(health: { lastPollAt?: number; consecutiveFailures: number }, signedInAt: number, now: number): boolean {
  return health.consecutiveFailures >= 2 && now - (health.lastPollAt ?? signedInAt) >= SESSION_LOST_AFTER_MS;
}

/** What the guard needs from the runtime. */
export interface PresenceTarget {
  view(): AgentView;
  subscribe(listener: (view: AgentView) => void): () => void;
  /** Sets the agent Away and records why. */
  goAway(reason: string): Promise<CommandResult>;
}

export interface PresenceGuardDeps {
  target: PresenceTarget;
  settings(): Promise<{ awayWhenIdle: boolean; idleSeconds: number }>;
  log: { info(message: string, detail?: Record<string, unknown>): void; warn(message: string, detail?: Record<string, unknown>): void };
  /**
   * Whether a CRM panel was open, kept where a restarted worker finds it (storage.session): a tab
   * closed while the browser had the worker stopped must still end in Away.
   */
  panelMemory?: { hadPanel(): Promise<boolean>; setHadPanel(had: boolean): Promise<void> };
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * The runtime hooks: idle changes, panel ports coming and going, and every new view (drain mode).
 * One automatic Away at a time.
 */
export class PresenceGuard {
  private panels = 0;
  private hadPanel = false;
  private panelTimer: unknown;
  private acting: Promise<unknown> | undefined;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly deps: PresenceGuardDeps) {
    this.setTimer = deps.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    deps.target.subscribe((view) => {
      if (drainIsDone(view)) void this.away(DRAIN_DONE_REASON, 'drain done');
    });
  }

  async idleChanged(idle: IdleState): Promise<void> {
    const reason = idleAwayReason(idle, this.deps.target.view(), await this.deps.settings());
    if (reason) await this.away(reason, `computer ${idle}`);
  }

  /**
   * After a worker start: if a panel was open before the stop, its tab has the usual grace period
   * to reconnect (panels do, within a second); if none does, the agent goes Away.
   */
  async resumeAfterWorkerStart(): Promise<void> {
    if (!(await this.deps.panelMemory?.hadPanel())) return;
    this.hadPanel = true;
    this.panelsChanged(this.panels);
  }

  /** The number of CRM panels connected now (content-script view ports). */
  panelsChanged(count: number): void {
    this.panels = count;
    if (count > 0) {
      if (!this.hadPanel) void this.deps.panelMemory?.setHadPanel(true);
      this.hadPanel = true;
      if (this.panelTimer !== undefined) this.clearTimer(this.panelTimer);
      this.panelTimer = undefined;
      return;
    }
    if (!this.hadPanel || this.panelTimer !== undefined) return;
    this.panelTimer = this.setTimer(() => {
      this.panelTimer = undefined;
      if (this.panels > 0) return;
      this.hadPanel = false;
      void this.deps.panelMemory?.setHadPanel(false);
      if (canRing(this.deps.target.view()) || this.deps.target.view().presence?.draining) void this.away(PANEL_GONE_REASON, 'last panel closed');
    }, PANEL_GONE_GRACE_MS);
  }

  private away(reason: string, why: string): Promise<unknown> {
    if (this.acting) return this.acting;
    this.deps.log.info('Setting the agent Away', { why });
    this.acting = this.deps.target
      .goAway(reason)
      .then((result) => {
        if (!result.ok) this.deps.log.warn('Could not set the agent Away', { why, message: result.message });
      })
      .finally(() => {
        this.acting = undefined;
      });
    return this.acting;
  }
}
