/**
 * One Messaging agent socket (LivePerson's UMS) over the browser `WebSocket`: requests correlated
 * with their responses by id and bounded by a timeout, notifications read into typed events, and
 * an applicative keep-alive (`GetClock`) — browsers cannot send WebSocket pings, and LivePerson
 * closes a socket idle for 60 s (docs/reference/messaging.md §3, §6).
 *
 * It takes a socket URL the caller has already built and validated (umsAgentSocketUrl + the host
 * allow-list); it never logs that URL, which carries the bearer.
 */
import type { ApiError, Result } from '../types';
import { notificationFrameSchema, readNotification, responseFrameSchema, type UmsNotification } from './frames';

export interface UmsConnectionOptions {
  /** The validated socket URL (see umsAgentSocketUrl). */
  url: string;
  /** The WebSocket constructor; the global one by default (browsers, MV3 workers, Node ≥ 22). */
  WebSocketImpl?: typeof WebSocket;
  /** Per-request answer timeout (LivePerson's SDK: 10 s). */
  requestTimeoutMs?: number;
  /** How long opening may take. */
  openTimeoutMs?: number;
}

export interface UmsClose {
  code: number;
  reason: string;
  /** 4401 / 4407 (and an answer of 401): the bearer must be refreshed or replaced before reconnecting. */
  authExpired: boolean;
  /** Closed by `close()` on this side. */
  byUs: boolean;
}

export interface KeepAliveOptions {
  /** Send `GetClock` after this much outbound silence (well under LivePerson's 60 s idle limit). */
  intervalMs: number;
  /**
   * Scheduling hook: how to wait (default `setTimeout`). The background worker may plug in its own
   * timer source; returns a cancel function.
   */
  schedule?: (run: () => void, ms: number) => () => void;
  /** Called with each clock answer's `currentTime` (server clock offset, liveness). */
  onClock?: (serverTime: number) => void;
}

interface Pending {
  resolve: (result: Result<{ code: number; body: unknown; type?: string }>) => void;
  timer: ReturnType<typeof setTimeout>;
  type: string;
}

const AUTH_CLOSE_CODES = new Set([4401, 4407]);

const error = (kind: ApiError['kind'], message: string, status?: number): { ok: false; error: ApiError } => ({ ok: false, error: { kind, message, status } });

export class UmsConnection {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(n: UmsNotification) => void>();
  private readonly closeListeners = new Set<(c: UmsClose) => void>();
  private nextId = 1;
  private closedInfo?: UmsClose;
  private closingByUs = false;
  private lastSentAt = Date.now();
  private cancelKeepAlive?: () => void;
  private readonly requestTimeoutMs: number;

  private constructor(
    private readonly ws: WebSocket,
    opts: UmsConnectionOptions,
  ) {
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
    ws.addEventListener('message', (e) => this.handleMessage(e.data));
    ws.addEventListener('close', (e) => this.handleClose(e.code, e.reason));
  }

  /** Opens the socket; a refused upgrade (bad bearer: HTTP 401) shows as a network error with no detail — browsers give none. */
  static open(opts: UmsConnectionOptions): Promise<Result<UmsConnection>> {
    const Impl = opts.WebSocketImpl ?? globalThis.WebSocket;
    let ws: WebSocket;
    try {
      ws = new Impl(opts.url);
    } catch {
      return Promise.resolve(error('network', 'Could not open the Messaging connection (bad URL)'));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.close();
        resolve(error('network', 'The Messaging connection did not open in time'));
      }, opts.openTimeoutMs ?? 15_000);
      ws.addEventListener(
        'open',
        () => {
          clearTimeout(timer);
          resolve({ ok: true, value: new UmsConnection(ws, opts) });
        },
        { once: true },
      );
      ws.addEventListener(
        'close',
        (e) => {
          clearTimeout(timer);
          resolve(AUTH_CLOSE_CODES.has(e.code) ? error('auth-expired', 'LivePerson refused the Messaging connection: sign in again') : error('network', `The Messaging connection could not be opened (${e.code})`));
        },
        { once: true },
      );
    });
  }

  get isOpen(): boolean {
    return !this.closedInfo && this.ws.readyState === 1;
  }

  /** Notifications, read and typed. Returns an unsubscribe function. */
  onNotification(listener: (n: UmsNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (c: UmsClose) => void): () => void {
    if (this.closedInfo) queueMicrotask(() => listener(this.closedInfo!));
    else this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Sends `{kind:"req", id, type, body}` and resolves with the response's code and body: `ok` for
   * 2xx; `auth-expired` for 401; `rate-limited` for 429; `http` for other codes; `network` when the
   * socket closes first or no answer comes in time.
   */
  request(type: string, body: unknown = {}, opts: { timeoutMs?: number } = {}): Promise<Result<{ code: number; body: unknown; type?: string }>> {
    if (!this.isOpen) return Promise.resolve(error('network', 'The Messaging connection is closed'));
    const id = String(this.nextId++);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(error('network', `LivePerson did not answer ${type} in time`));
      }, opts.timeoutMs ?? this.requestTimeoutMs);
      this.pending.set(id, { resolve, timer, type });
      this.ws.send(JSON.stringify({ kind: 'req', id, type, body }));
      this.lastSentAt = Date.now();
    });
  }

  /**
   * Keeps the socket alive with `GetClock` whenever nothing was sent for `intervalMs`. A clock
   * that goes unanswered means a dead socket: it is closed, so the caller's reconnect starts.
   */
  startKeepAlive(opts: KeepAliveOptions): void {
    this.cancelKeepAlive?.();
    const schedule =
      opts.schedule ??
      ((run: () => void, ms: number) => {
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      });
    const tick = () => {
      if (!this.isOpen) return;
      const quietFor = Date.now() - this.lastSentAt;
      if (quietFor < opts.intervalMs) {
        this.cancelKeepAlive = schedule(tick, opts.intervalMs - quietFor);
        return;
      }
      void this.request('GetClock', {}).then((r) => {
        if (r.ok) {
          const time = (r.value.body as { currentTime?: unknown } | undefined)?.currentTime;
          if (typeof time === 'number') opts.onClock?.(time);
        } else if (this.isOpen && r.error.kind === 'network') {
          this.ws.close(4000, 'keep-alive unanswered');
        }
      });
      this.cancelKeepAlive = schedule(tick, opts.intervalMs);
    };
    this.cancelKeepAlive = schedule(tick, opts.intervalMs);
  }

  close(): void {
    this.closingByUs = true;
    this.cancelKeepAlive?.();
    if (this.ws.readyState === 0 || this.ws.readyState === 1) this.ws.close(1000, 'closed by the agent');
  }

  private handleMessage(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return; // not JSON: nothing to correlate; ignored like any unknown frame
    }
    const resp = responseFrameSchema.safeParse(frame);
    if (resp.success) return this.settle(resp.data.reqId, resp.data.code, resp.data.body, resp.data.type);
    const note = notificationFrameSchema.safeParse(frame);
    if (!note.success) return;
    let notification: UmsNotification;
    try {
      notification = readNotification(note.data);
    } catch {
      // A known notification whose body does not match the documented shape: skipped, never a crash.
      notification = { kind: 'other', type: note.data.type };
    }
    for (const listener of this.listeners) listener(notification);
  }

  private settle(reqId: string, code: number, body: unknown, type?: string): void {
    const pending = this.pending.get(reqId);
    if (!pending) return;
    this.pending.delete(reqId);
    clearTimeout(pending.timer);
    const detail = typeof body === 'string' ? body.slice(0, 200) : '';
    if (code >= 200 && code < 300) pending.resolve({ ok: true, value: { code, body, type } });
    else if (code === 401) pending.resolve(error('auth-expired', `LivePerson refused ${pending.type}: sign in again (401)`, code));
    else if (code === 429) pending.resolve(error('rate-limited', `LivePerson asks to slow down (${pending.type}, 429)`, code));
    else pending.resolve(error('http', `LivePerson refused ${pending.type} (${code})${detail ? `: ${detail}` : ''}`, code));
  }

  private handleClose(code: number, reason: string): void {
    this.cancelKeepAlive?.();
    this.closedInfo = { code, reason, authExpired: AUTH_CLOSE_CODES.has(code), byUs: this.closingByUs };
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(error(this.closedInfo.authExpired ? 'auth-expired' : 'network', `The Messaging connection closed before ${p.type} was answered`));
      this.pending.delete(id);
    }
    for (const listener of this.closeListeners) listener(this.closedInfo);
    this.closeListeners.clear();
  }
}
