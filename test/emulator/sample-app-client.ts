/**
 * A foreign client: LivePerson's agent sample app (`LivePersonInc/agent-sample-app`) as its
 * behaviour is documented in the reference (liveperson-chat-agent-api.md, the [Sample app] notes of
 * §4.1–4.21 and §8), written here from that description — not its code. What makes it foreign to
 * Agent Dock's own client is exactly what the emulator must tolerate, as LivePerson does:
 * - the legacy CSDS host path (`/csdr/…/baseURI.json`), read as `.baseURI`, no headers;
 * - login, refresh and logout with `?v=1.2`, lower-case header names, and a cookie jar that is used
 *   for those three calls only: **no cookie** on any Chat Agent API call;
 * - `.json` paths, `X-Requested-With`, `loginData` with credentials, accept with `{"chat":"start"}`;
 * - the incoming-requests link read as one object, its rel unchecked, the count compared as in JS;
 * - one 2-second loop for incoming requests and one per chat (first the chat, then `events.next`
 *   with `/events` → `/events.json`), a single event read as a list of one;
 * - a reply from its transcript to every visitor line; when the transcript runs out it ends the
 *   chat and logs out (it never ends the agent session itself).
 */
export interface SampleAppOptions {
  /** The CSDS host, e.g. the emulator's base URL (LivePerson: https://adminlogin.liveperson.net). */
  csdsUrl: string;
  accountId: string;
  username: string;
  password: string;
  /** The lines it answers with, one per visitor line. */
  transcript: string[];
  /** Its poll interval: 2 s (`chat.pingInterval`). */
  intervalMs?: number;
  /** Its login refresh: every 5 minutes (`lesession.refreshDelay`). */
  refreshMs?: number;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
}

type Json = any;

const list = <T>(x: T | T[] | undefined): T[] => (x == null ? [] : Array.isArray(x) ? x : [x]);

export class SampleAppClient {
  readonly requests: SentRequest[] = [];
  /** What it did, in order, for a failing test to print. */
  readonly log: string[] = [];
  readonly received: string[] = [];
  error?: string;
  done = false;
  private loginCookies = new Map<string, string>();
  private scheme = 'http:';
  private domain = '';
  private bearer = '';
  private csrf = '';
  private sessionUrl = '';
  private lineIndex = 0;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private chatOpen = false;

  constructor(private readonly o: SampleAppOptions) {}

  private get interval() {
    return this.o.intervalMs ?? 2000;
  }

  private later(fn: () => void, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async send(method: string, url: string, headers: Record<string, string>, body?: unknown, withLoginJar = false): Promise<{ status: number; body: Json }> {
    const sent = { ...headers };
    if (withLoginJar && this.loginCookies.size) sent.cookie = [...this.loginCookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    if (withLoginJar) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair!.indexOf('=');
        this.loginCookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    }
    const text = await response.text();
    this.requests.push({ method, url, headers: sent, status: response.status });
    let parsed: Json;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }

  private must(step: string, answer: { status: number; body: Json }): Json {
    if (answer.status < 200 || answer.status > 299) throw new Error(`${step} failed (${answer.status}): ${JSON.stringify(answer.body)}`);
    this.log.push(`${step}: ${answer.status}`);
    return answer.body;
  }

  /** Bearer, `content-type` and `X-Requested-With`, as every agent call of the app sends them; no cookie. */
  private agentHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.bearer}`, 'content-type': 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...extra };
  }

  /** Domain, login, agent session, Online; then the incoming-requests loop. Throws where the app would stop. */
  async start(): Promise<void> {
    try {
      const csds = await this.send('GET', `${this.o.csdsUrl}/csdr/account/${this.o.accountId}/service/agentVep/baseURI.json?version=1.0`, {});
      if (csds.status !== 200) throw new Error(`CSDS failed (${csds.status})`);
      this.scheme = new URL(this.o.csdsUrl).protocol;
      this.domain = csds.body.baseURI;
      this.log.push(`domain: ${this.domain}`);

      const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };
      const login = this.must(
        'login',
        await this.send('POST', `${this.scheme}//${this.domain}/api/account/${this.o.accountId}/login?v=1.2`, jsonHeaders, { username: this.o.username, password: this.o.password }, true),
      );
      this.bearer = login.bearer;
      this.csrf = login.csrf;
      const agentVep = list<Json>(login.csdsCollectionResponse.baseURIs).find((b) => b.service === 'agentVep')?.baseURI;
      this.scheduleRefresh();

      const session = this.must(
        'agent session',
        await this.send('POST', `${this.scheme}//${agentVep}/api/account/${this.o.accountId}/agentSession.json?v=1&NC=true`, { AUTHORIZATION: `Bearer ${this.bearer}`, 'content-type': 'application/json' }, {
          loginData: { userName: this.o.username, password: this.o.password },
        }),
      );
      this.sessionUrl = session.agentSessionLocation.link['@href'];

      this.must(
        'Online',
        await this.send('POST', `${this.sessionUrl}/availability.json?v=1&NC=true`, this.agentHeaders({ 'X-HTTP-Method-Override': 'PUT' }), { availability: { chat: 'Online' } }),
      );
      this.pollIncoming();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  private scheduleRefresh(): void {
    this.later(async () => {
      const answer = await this.send('POST', `${this.scheme}//${this.domain}/api/account/${this.o.accountId}/refresh?v=1.2`, { 'content-type': 'application/json', accept: 'application/json' }, { csrf: this.csrf }, true);
      this.log.push(`refresh: ${answer.status}`);
      // The app re-arms the timer whatever the outcome.
      if (!this.done) this.scheduleRefresh();
    }, this.o.refreshMs ?? 5 * 60 * 1000);
  }

  private pollIncoming(): void {
    this.later(async () => {
      if (this.done) return;
      const answer = await this.send('GET', `${this.sessionUrl}/incomingRequests.json?v=1&NC=true`, this.agentHeaders());
      if (answer.status >= 200 && answer.status <= 299) {
        const incoming = answer.body?.incomingRequests;
        // JavaScript's `"1" > 0`: the count is a string.
        if (incoming && Number(incoming.ringingCount) > 0 && !this.chatOpen) {
          const href: string | undefined = incoming.link?.['@href'];
          if (href) await this.startChat(href);
        }
      }
      if (!this.done) this.pollIncoming();
    }, this.interval);
  }

  private async startChat(acceptUrl: string): Promise<void> {
    const accepted = await this.send('POST', `${acceptUrl}.json?v=1&NC=true`, this.agentHeaders({ Accept: 'application/json' }), { chat: 'start' });
    if (accepted.status < 200 || accepted.status > 299) {
      this.log.push(`accept: ${accepted.status}`);
      return;
    }
    this.log.push(`accept: ${accepted.status}`);
    this.chatOpen = true;
    const chatUrl: string = accepted.body.chatLocation.link['@href'];
    this.pollChat(chatUrl, `${chatUrl}.json?v=1&NC=true`);
  }

  private pollChat(chatUrl: string, url: string): void {
    this.later(async () => {
      const answer = await this.send('GET', url, this.agentHeaders());
      // The app stops polling a chat on any error.
      if (answer.status < 200 || answer.status > 299) {
        this.error = `chat poll failed (${answer.status}): ${JSON.stringify(answer.body)}`;
        return;
      }
      const events = answer.body.chat ? answer.body.chat.events : answer.body.events;
      const next = list<Json>(events.link).find((l) => l['@rel'] === 'next')?.['@href'] as string | undefined;
      if (!next) {
        this.error = `no next link in ${JSON.stringify(answer.body).slice(0, 300)}`;
        return;
      }
      for (const event of list<Json>(events.event)) {
        if (event['@type'] === 'state' && event.state === 'ended') {
          this.log.push('chat ended');
          this.chatOpen = false;
          return;
        }
        if (event['@type'] === 'line' && event.source === 'visitor') {
          this.received.push(event.text);
          await this.reply(chatUrl);
          if (this.done) return;
        }
      }
      this.pollChat(chatUrl, `${next.replace('/events', '/events.json')}&v=1&NC=true`);
    }, this.interval);
  }

  private async reply(chatUrl: string): Promise<void> {
    const line = this.o.transcript[this.lineIndex];
    if (line === undefined) return this.finish(chatUrl);
    this.lineIndex++;
    const answer = await this.send('POST', `${chatUrl}/events.json?v=1&NC=true`, this.agentHeaders(), {
      event: { '@type': 'line', text: `<p dir='ltr' style='direction: ltr; text-align: left;'>${line}</p>`, textType: 'html' },
    });
    this.log.push(`line: ${answer.status}`);
  }

  /** Out of lines: end the chat, then log out. */
  private async finish(chatUrl: string): Promise<void> {
    this.done = true;
    this.stop();
    this.must('end', await this.send('POST', `${chatUrl}/events.json?v=1&NC=true`, this.agentHeaders(), { event: { '@type': 'state', state: 'ended' } }));
    this.must(
      'logout',
      await this.send('POST', `${this.scheme}//${this.domain}/api/account/${this.o.accountId}/logout?v=1.2`, { 'content-type': 'application/json', accept: 'application/json' }, { csrf: this.csrf }, true),
    );
  }

  /** Chat Agent API requests (under the agent session) that carried a cookie: the app sends none. */
  cookiesOnAgentCalls(): SentRequest[] {
    return this.requests.filter((r) => r.url.includes('/agentSession') && 'cookie' in r.headers);
  }
}

