/**
 * The poll loop: cycles spaced start to start (LivePerson's interval is start to start), each
 * reading the incoming work and then every open chat in one request; failures follow LivePerson's
 * retry policy (./retry-policy.ts: 5, 10, 15 s, then the slow retry), a lost login or session is
 * recovered through the connection (./connection.ts), and "never Online and deaf" sets the agent
 * Away while rings cannot be heard.
 *
 * Recovery within one interval: any call that LivePerson answers while the loop waits out a
 * backoff (a line the agent sends, a typing hint, a refresh) proves the outage over, so the next
 * cycle comes at most one interval later instead of at the end of the slow retry. Each failing
 * request still waits its own backoff; only proof of an answer shortens the wait.
 */
import type { ApiError, ChatAvailability } from './conversation-service';
import type { AgentStore } from './agent-store';
import { applySnapshot } from './chat-list';
import type { Clock } from './clock';
import { explain, type Logger } from './command-result';
import type { ConnectionLifecycle } from './connection';
import type { ConversationService } from './conversation-service';
import { nextToSend } from './outbox';
import { sessionIsLost, sessionLostReason } from './presence';
import { retryDelay } from './retry-policy';
import { LOGIN_REFRESH_EVERY_MS } from './timing';

/** After a crash in the loop itself (a bug): try again this much later. */
const AFTER_CRASH_MS = 5_000;

export interface PollerDeps {
  store: AgentStore;
  service: ConversationService;
  connection: ConnectionLifecycle;
  clock: Clock;
  log: Logger;
  /** The poll interval in force for a service origin. */
  pollIntervalMs(origin: string): Promise<number>;
  /** The browser is offline: cycles wait cheaply instead of calling. */
  isOffline(): boolean;
  /** Sends a chat's due lines (./outbox-sender.ts). */
  flushOutbox(chatId: string): void;
  /** Sets the agent Away, saying why. */
  goAway(reason: string): Promise<{ ok: boolean; message?: string }>;
}

export class Poller {
  private timer: unknown;
  /** When the scheduled cycle is due (clock time), while one is scheduled. */
  private dueAt: number | undefined;
  private polling = false;
  private stopped = false;
  /** The interval of the last cycle, for shortening a backoff when LivePerson answers again. */
  private lastInterval: number | undefined;
  /** A rate limit's Retry-After is LivePerson's order: no cycle before it, whatever else answers. */
  private notBefore: number | undefined;
  /** During a cycle, in the order they happened: its request's failure, another call's last answer. */
  private order = 0;
  private failedAt: number | undefined;
  private answeredAt: number | undefined;
  /** A wake came during a cycle: the next one starts as soon as this one ends. */
  private wakeAfterCycle = false;

  constructor(private readonly deps: PollerDeps) {}

  get busy(): boolean {
    return this.polling;
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** When the next cycle is due, if one is scheduled (tests, the bench). */
  get nextCycleAt(): number | undefined {
    return this.dueAt;
  }

  schedule(delayMs: number): void {
    if (this.stopped) return;
    const { clock } = this.deps;
    if (this.timer !== undefined) clock.clearTimeout(this.timer);
    this.dueAt = clock.now() + delayMs;
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.dueAt = undefined;
      void this.pollOnce();
    }, delayMs);
  }

  /** Cancels the scheduled cycle (a cycle in flight finishes). */
  cancel(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = undefined;
  }

  /** For good (worker shutdown, tests): waits for a cycle in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel();
    while (this.polling) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /**
   * A push protocol has news (./conversation-service.ts `listen`): a cycle now, or right after the
   * one in flight; never before a rate limit's Retry-After.
   */
  wake(): void {
    if (this.stopped || !this.deps.store.state.connection) return;
    if (this.polling) {
      this.wakeAfterCycle = true;
      return;
    }
    const now = this.deps.clock.now();
    const at = Math.max(now, this.notBefore ?? 0);
    if (this.dueAt !== undefined && this.dueAt <= at) return;
    this.schedule(at - now);
  }

  /**
   * LivePerson answered a call. If the loop is waiting out a backoff, the outage is over: the next
   * cycle comes within one interval of this answer (sooner if it was due sooner).
   */
  heard(): void {
    if (this.polling) {
      // Judged once the cycle is over: an answer after its failure still ends the outage.
      this.answeredAt = ++this.order;
      return;
    }
    if (this.dueAt === undefined || this.deps.store.state.health.consecutiveFailures === 0) return;
    const interval = this.lastInterval;
    if (interval === undefined) return;
    const now = this.deps.clock.now();
    const resumeAt = Math.max(now + interval, this.notBefore ?? 0);
    if (this.dueAt > resumeAt) {
      this.deps.log.info('LivePerson answers again: polling resumes within one interval');
      this.schedule(resumeAt - now);
    }
  }

  /** One cycle: incoming work, then every open chat in one request. */
  async pollOnce(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const { clock, store } = this.deps;
    const startedAt = clock.now();
    this.failedAt = undefined;
    this.answeredAt = undefined;
    this.wakeAfterCycle = false;
    let next: number | undefined;
    try {
      next = await this.cycle(startedAt);
    } catch (error) {
      // Never let a bug stop the loop silently: log it, show it, try again later.
      this.deps.log.warn('Poll cycle crashed', { error: String(error) });
      store.state.health.problem = 'Agent Dock hit an internal error while polling; retrying.';
      await store.commit();
      next = AFTER_CRASH_MS;
    } finally {
      this.polling = false;
    }
    // Cycles start `next` apart, not `next` after this one ended.
    if (next !== undefined && store.state.connection) this.schedule(Math.max(0, next - (clock.now() - startedAt)));
    if (this.failedAt !== undefined && this.answeredAt !== undefined && this.answeredAt > this.failedAt) this.heard();
    if (this.wakeAfterCycle) {
      this.wakeAfterCycle = false;
      this.wake();
    }
  }

  /** Returns the delay from this cycle's start to the next one's, or undefined to stop. */
  private async cycle(startedAt: number): Promise<number | undefined> {
    const { store, service, clock } = this.deps;
    const connection = store.state.connection;
    if (!connection) return undefined;
    const interval = await this.deps.pollIntervalMs(connection.origin);
    this.lastInterval = interval;
    // Offline, every call would fail: wait (cheaply) for the browser's online event or the next turn.
    if (this.deps.isOffline()) return interval;

    if (clock.now() - connection.refreshedAt >= LOGIN_REFRESH_EVERY_MS && (await this.deps.connection.refreshLogin(connection)) === 'ended') return undefined;

    const incoming = await service.incomingWork(connection);
    if (!incoming.ok) return this.failed(incoming.error, interval, startedAt);
    const state = store.state;
    const wasRinging = state.ringing.count > 0;
    state.ringing = {
      count: incoming.value.ringing,
      since: incoming.value.ringing > 0 ? (state.ringing.since ?? clock.now()) : undefined,
      acceptUrl: incoming.value.offer,
    };
    if (wasRinging && incoming.value.ringing === 0) {
      // A ring that stopped without our accept may have set us Away (the 20 s rule): re-read.
      const availability = await service.presence(connection);
      if (availability.ok) state.availability = availability.value;
    }

    const open = state.chats.filter((c) => c.state !== 'ended');
    if (open.length > 0) {
      const readStartedAt = clock.now();
      const chats = await service.chatEvents(connection, open);
      if (!chats.ok) return this.failed(chats.error, interval, startedAt);
      for (const snapshot of chats.value) {
        const chat = store.chat(snapshot.chatId);
        if (chat) applySnapshot(chat, snapshot, readStartedAt);
      }
    }

    store.state.health = { lastPollAt: clock.now(), consecutiveFailures: 0 };
    this.notBefore = undefined;
    await store.commit();
    // Lines waiting for a retry go now that the events were read (and lost answers reconciled).
    for (const chat of store.state.chats) {
      if (nextToSend(chat, clock.now())) this.deps.flushOutbox(chat.id);
    }
    return interval;
  }

  private async failed(error: ApiError, interval: number, cycleStartedAt: number): Promise<number | undefined> {
    const { store, clock, log } = this.deps;
    const connection = store.state.connection;
    if (!connection) return undefined;
    if (error.kind === 'auth-expired') {
      // One refresh-and-retry, then a clear signed-out state.
      return (await this.deps.connection.refreshLogin(connection)) === 'ended' ? undefined : interval;
    }
    if (error.kind === 'session-gone') {
      const restarted = await this.deps.connection.restartSessionOnce(connection);
      if (restarted) return interval;
    }
    this.failedAt = ++this.order;
    const health = store.state.health;
    health.consecutiveFailures += 1;
    health.problem = explain('LivePerson is not answering as expected', error);
    log.warn('Poll failed', { kind: error.kind, status: error.status, url: error.url, message: error.message });
    await store.commit();
    const availability = store.state.availability as ChatAvailability | null;
    const canRing = availability === 'Online' || availability === 'Occupied';
    if (canRing && sessionIsLost(store.state.health, connection.loginAt, clock.now())) {
      // Never Online and deaf: while we cannot hear rings, LivePerson must not route any.
      const away = await this.deps.goAway(sessionLostReason(error.message));
      if (!away.ok) log.warn('Could not set the agent Away after losing the session', { message: away.message });
    }
    // A backoff, and a Retry-After above all, counts from the failure, not from the cycle's start.
    const backoff = retryDelay(error, store.state.health.consecutiveFailures);
    this.notBefore = error.kind === 'rate-limited' ? clock.now() + backoff : undefined;
    return Math.max(interval, clock.now() - cycleStartedAt + backoff);
  }
}
