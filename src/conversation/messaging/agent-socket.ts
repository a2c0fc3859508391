/**
 * The agent's one Messaging socket: opened for the connection's bearer on the asyncMessagingEnt
 * host (wss only; loopback ws in the sandbox build), subscribed to routing tasks, to the agent's
 * own state and conversations, kept alive with GetClock (< 30 s: an MV3 worker with WebSocket
 * traffic in every 30 s window is not stopped), and reopened with backoff when it drops. Every
 * notification lands in the buffer (./transcript.ts) and wakes the core at once: a push protocol
 * does not wait for a poll interval.
 */
import type { ApiError, Result } from '../../agent/conversation-service';
import {
  getOwnProfile,
  setAgentState,
  subscribeAgentState,
  subscribeConversations,
  subscribeRoutingTasks,
  getClock,
  UmsConnection,
  umsAgentSocketUrl,
  type AgentAvailability,
  type Ring,
  type UmsClose,
  type UmsNotification,
} from '../../api/ums';
import { Transcripts } from './transcript';

/** GetClock after this much silence: under the MV3 worker's 30 s window and LivePerson's 60 s idle limit. */
export const KEEP_ALIVE_MS = 20_000;
/** Reconnect backoff: 1 s, doubling, at most 30 s (LivePerson: "wait a short period … then reconnect"). */
export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

export interface AgentSocketOptions {
  origin: string;
  accountId: string;
  bearer: string;
  agentName: string;
  /** The sandbox build only: ws:// to loopback. */
  allowInsecureLoopback: boolean;
  WebSocketImpl?: typeof WebSocket;
  requestTimeoutMs?: number;
  keepAliveMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface DesiredState {
  availability: AgentAvailability;
  description?: string;
}

const networkError = (message: string): { ok: false; error: ApiError } => ({ ok: false, error: { kind: 'network', message } });

export class AgentSocket {
  readonly transcripts = new Transcripts();
  readonly rings = new Map<string, Ring>();
  /** The agent's `{account}.{user}` id (routing, AAM). */
  userId?: string;
  /** What LivePerson last said the agent's state is. */
  availability?: string;
  desired?: DesiredState;
  private conn?: UmsConnection;
  private opening?: Promise<Result<UmsConnection>>;
  private failures = 0;
  private retryAt = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private authExpired = false;
  private closedForGood = false;
  private readonly wakers = new Set<() => void>();

  constructor(readonly opts: AgentSocketOptions) {}

  get bearer(): string {
    return this.opts.bearer;
  }

  /** The core asks for a cycle when something arrived. */
  onWake(wake: () => void): void {
    this.wakers.add(wake);
  }

  private wake(): void {
    for (const wake of this.wakers) wake();
  }

  /** The open socket, opening (and subscribing) it if needed; refused while a backoff runs. */
  async ready(): Promise<Result<UmsConnection>> {
    if (this.conn?.isOpen) return { ok: true, value: this.conn };
    if (this.closedForGood) return networkError('The Messaging connection was closed');
    if (this.authExpired) return { ok: false, error: { kind: 'auth-expired', message: 'LivePerson closed the Messaging connection: the login must be renewed' } };
    if (this.opening) return this.opening;
    if (Date.now() < this.retryAt) return networkError('Reconnecting to LivePerson Messaging');
    this.opening = this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** The login was renewed (or replaced): the next `ready` may open again. */
  renewed(bearer: string): void {
    this.opts.bearer = bearer;
    this.authExpired = false;
    this.retryAt = 0;
  }

  private async open(): Promise<Result<UmsConnection>> {
    const url = umsAgentSocketUrl({ origin: this.opts.origin, accountId: this.opts.accountId, bearer: this.opts.bearer, allowInsecureLoopback: this.opts.allowInsecureLoopback });
    if (!url.ok) return url;
    const opened = await UmsConnection.open({ url: url.value, WebSocketImpl: this.opts.WebSocketImpl, requestTimeoutMs: this.opts.requestTimeoutMs });
    if (!opened.ok) return this.openFailed(opened.error);
    const conn = opened.value;
    conn.onNotification((n) => this.notified(n));
    conn.onClose((c) => this.closed(conn, c));
    const subscribed = await this.subscribe(conn);
    if (!subscribed.ok) {
      conn.close();
      return this.openFailed(subscribed.error);
    }
    this.conn = conn;
    this.failures = 0;
    this.retryAt = 0;
    this.transcripts.unsync();
    conn.startKeepAlive({ intervalMs: this.opts.keepAliveMs ?? KEEP_ALIVE_MS });
    // Host only: the URL carries the bearer.
    this.opts.log?.('Messaging connection open', { host: new URL(this.opts.origin).host });
    this.wake();
    return { ok: true, value: conn };
  }

  private openFailed(error: ApiError): Result<UmsConnection> {
    this.failures += 1;
    this.retryAt = Date.now() + backoff(this.failures);
    // A refused upgrade reaches a browser as a bare close: the login is checked before the next try.
    if (error.kind === 'auth-expired') this.authExpired = true;
    return { ok: false, error };
  }

  /**
   * Subscriptions and state on a new socket (a new routing registration): routing tasks, the
   * agent's state, the agent's conversations (already known ones arrive again; readers are
   * idempotent), the state wanted, then one clock round trip so the first notifications are in.
   */
  private async subscribe(conn: UmsConnection): Promise<Result<void>> {
    const profile = await getOwnProfile(conn);
    if (!profile.ok) return profile;
    const userId = (this.userId = profile.value.userId);
    const steps = [
      () => subscribeRoutingTasks(conn, { accountId: this.opts.accountId, agentUserId: userId }),
      () => subscribeAgentState(conn, { accountId: this.opts.accountId, agentUserId: userId }),
      () => subscribeConversations(conn, { agentIds: [userId], convState: ['OPEN'] }),
      () => (this.desired ? setAgentState(conn, { ...this.desired, agentUserId: userId }) : Promise.resolve({ ok: true as const, value: undefined })),
      () => getClock(conn),
    ];
    for (const step of steps) {
      const r = await step();
      if (!r.ok) return r;
    }
    if (this.desired) this.availability = this.desired.availability;
    return { ok: true, value: undefined };
  }

  private notified(n: UmsNotification): void {
    switch (n.kind) {
      case 'rings':
        for (const ring of n.rings) this.rings.set(ring.ringId, { ...ring, expiresAt: ring.expiresAt ?? (ring.expiresInMs ? Date.now() + ring.expiresInMs : undefined) });
        break;
      case 'conversations':
        for (const change of n.changes) this.transcripts.addMeta(change);
        break;
      case 'messages':
        this.transcripts.addEvents(n.events, this.opts.agentName);
        break;
      case 'agent-state': {
        const last = n.states.at(-1);
        if (last) this.availability = last.availability;
        break;
      }
      default:
        return; // unknown types are ignored, as LivePerson asks of clients
    }
    this.wake();
  }

  private closed(conn: UmsConnection, close: UmsClose): void {
    if (this.conn !== conn) return;
    this.conn = undefined;
    this.transcripts.unsync();
    if (close.byUs || this.closedForGood) return;
    this.opts.log?.('Messaging connection closed', { code: close.code, authExpired: close.authExpired });
    if (close.authExpired) {
      this.authExpired = true;
      this.wake(); // the core's next call meets auth-expired and renews the login
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    const delay = backoff(this.failures + 1);
    this.reconnectTimer = setTimeout(() => {
      void this.ready().then((r) => {
        if (!r.ok && r.error.kind !== 'auth-expired' && !this.closedForGood) this.scheduleReconnect();
      });
    }, delay);
  }

  /** The agent signed out (or another login replaced this one). */
  close(): void {
    this.closedForGood = true;
    clearTimeout(this.reconnectTimer);
    this.conn?.close();
    this.conn = undefined;
  }

  /** Tests and the sandbox: whether the socket is open now. */
  get isOpen(): boolean {
    return !!this.conn?.isOpen;
  }
}

/** 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter so many agents do not come back at once. */
export function backoff(failures: number): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
