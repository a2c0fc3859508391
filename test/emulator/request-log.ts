/**
 * Every request the emulator serves, recorded (method, path, side, status, time), so benchmarks and
 * tests count requests instead of estimating them. Bounded: the oldest entries go first.
 */
export type RequestSide = 'agent' | 'login' | 'domain' | 'visitor' | 'sandbox' | 'other';

export interface RecordedRequest {
  /** Monotonic sequence number: `since` in queries. */
  seq: number;
  method: string;
  /** The path without the query string. */
  path: string;
  side: RequestSide;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The status sent, or 0 when the connection was dropped before any response. */
  status: number;
  /** How long it took, in ms. */
  durationMs: number;
  /** The fault injected into it, if any. */
  fault?: string;
}

const MAX_ENTRIES = 200_000;

/** Which side of LivePerson a path belongs to. */
export function sideOf(path: string): RequestSide {
  if (path.startsWith('/sandbox/') || path === '/visitor') return 'sandbox';
  if (path.startsWith('/csdr/') || /^\/api\/account\/[^/]+\/service\//.test(path)) return 'domain';
  if (/^\/api\/account\/[^/]+\/agentSession(?:\/|$)/.test(path)) return 'agent';
  if (/^\/api\/account\/[^/]+\/(?:login|refresh|logout)$/.test(path)) return 'login';
  if (/^\/api\/account\/[^/]+\/(?:chat(?:\/|$)|conversation$)/.test(path)) return 'visitor';
  return 'other';
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  start(method: string, path: string): RecordedRequest {
    const entry: RecordedRequest = { seq: ++this.seq, method, path, side: sideOf(path), at: Date.now(), status: 0, durationMs: 0 };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  finish(entry: RecordedRequest, status: number): void {
    entry.status = status;
    entry.durationMs = Date.now() - entry.at;
  }

  /** Entries after `since` (a seq), optionally of one side. */
  list(filter: { since?: number; side?: string } = {}): RecordedRequest[] {
    return this.entries.filter((e) => e.seq > (filter.since ?? 0) && (!filter.side || e.side === filter.side));
  }

  /** The last sequence number handed out (a mark to count from). */
  mark(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
