/**
 * A bare UMS socket for tests and the sandbox: sends frames exactly as written and records every
 * frame it receives, over Node's global (browser-compatible) WebSocket. No protocol knowledge
 * beyond matching `reqId`, so tests can speak LivePerson's documented frames verbatim.
 */
export type Frame = Record<string, unknown> & { kind?: string; type?: string; body?: unknown; reqId?: string; code?: number };

export class UmsSocket {
  readonly frames: Frame[] = [];
  closed?: { code: number; reason: string };
  private waiters = new Set<() => void>();
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      try {
        this.frames.push(JSON.parse(String(e.data)) as Frame);
      } catch {
        this.frames.push({ kind: 'unparsable', raw: String(e.data) });
      }
      this.wake();
    });
    ws.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  static open(url: string): Promise<UmsSocket> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(new UmsSocket(ws)), { once: true });
      ws.addEventListener('error', () => reject(new Error(`WebSocket to ${url.replace(/\/brand\/[^/?]+/, '/brand/…')} failed`)), { once: true });
    });
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends a request (an id is added when missing) and resolves with its response frame. */
  async request(frame: Frame, timeoutMs = 5_000): Promise<Frame> {
    const id = frame.id ?? `t${this.nextId++}`;
    const from = this.frames.length; // documented frames reuse ids ("4" twice): only a later answer counts
    this.send({ kind: 'req', ...frame, id });
    return this.waitFor((f) => f.kind === 'resp' && f.reqId === String(id), timeoutMs, from);
  }

  /** The first recorded frame (past or future) matching `match`. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 5_000, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (found) return done(() => resolve(found));
        if (this.closed) return done(() => reject(new Error(`socket closed (${this.closed!.code}) before the frame arrived`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error('timed out waiting for a frame'))), timeoutMs);
      const done = (then: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        then();
      };
      this.waiters.add(check);
      check();
    });
  }

  notifications(type: RegExp): Frame[] {
    return this.frames.filter((f) => f.kind === 'notification' && type.test(String(f.type)));
  }

  waitClosed(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.closed) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.closed);
      };
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.ws.close();
  }
}
