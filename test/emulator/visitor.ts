/**
 * A visitor: a client of LivePerson's visitor-side Server Chat API and nothing else. Tests, the
 * sandbox's simulated visitors and the /visitor page all speak this API.
 */

export interface VisitorLine {
  id: number;
  source: string;
  by: string;
  text: string;
  /** `plain` (the default), `html` or `rich-content`, as the line event says. */
  textType: string;
}

interface RawEvent {
  '@id'?: string;
  '@type'?: string;
  text?: string;
  textType?: string;
  by?: string;
  source?: string;
  state?: string;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

export class Visitor {
  private nextUrl: string;
  private readonly seen = new Map<number, VisitorLine>();
  private lastState = 'waiting';
  private agentIsTyping = false;

  private constructor(
    readonly chatUrl: string,
    private readonly appKey: string,
  ) {
    this.nextUrl = `${chatUrl}?from=0`;
  }

  static async start(p: {
    baseUrl: string;
    accountId?: string;
    appKey?: string;
    name?: string;
    skill?: string;
    /** Pre-chat survey answers by question id, sent inside the chat request as LivePerson asks. */
    survey?: Record<string, string>;
    userAgent?: string;
    referrer?: string;
    /** Authenticates first (Visitor Authentication with this SSO key), then asks as that participant. */
    ssoKey?: string;
    /** A returning visitor: the (numeric) visitorId of an earlier chat. */
    visitorId?: string;
  }): Promise<Visitor> {
    const accountId = p.accountId ?? '12345678';
    const appKey = p.appKey ?? 'demo-app-key';
    const csds = await fetch(`${p.baseUrl}/api/account/${accountId}/service/conversationVep/baseURI.json?version=1.0`);
    if (!csds.ok) throw new Error(`Visitor: CSDS lookup failed with ${csds.status}`);
    const { baseURI } = (await csds.json()) as { baseURI: string };
    const origin = `${new URL(p.baseUrl).protocol}//${baseURI}`;
    const request: Record<string, unknown> = {};
    if (p.name) request.visitorName = p.name;
    if (p.skill) request.skill = p.skill;
    if (p.visitorId) request.visitorId = p.visitorId;
    if (p.userAgent) request.userAgent = p.userAgent;
    if (p.referrer) request.chatReferrer = p.referrer;
    if (p.survey) request.survey = { id: '361346', question: Object.entries(p.survey).map(([id, answer]) => ({ id, answer })) };
    if (p.ssoKey) {
      const auth = await fetch(`${origin}/api/account/${accountId}/conversation.json?v=1&NC=true`, {
        method: 'POST',
        headers: { Authorization: `LivePerson appKey=${appKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ ssoKey: p.ssoKey }),
      });
      if (auth.status !== 200) throw new Error(`Visitor: authentication answered ${auth.status}`);
      const { participantId, conversationId } = (await auth.json()) as { participantId: string; conversationId: string };
      Object.assign(request, { participantId, conversationId });
    }
    const response = await fetch(`${origin}/api/account/${accountId}/chat/request.json?v=1&NC=true`, {
      method: 'POST',
      headers: { Authorization: `LivePerson appKey=${appKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ request }),
    });
    const location = response.headers.get('location');
    // start-chat.md documents 200 with an empty body; the JS SDK takes any status below 400.
    if (!response.ok || !location) throw new Error(`Visitor: chat request answered ${response.status}`);
    const visitor = new Visitor(location, appKey);
    await visitor.poll();
    return visitor;
  }

  private async call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<Response> {
    const withQuery = `${url}${url.includes('?') ? '&' : '?'}v=1&NC=true`;
    const response = await fetch(withQuery, {
      method: method === 'PUT' ? 'POST' : method,
      headers: {
        Authorization: `LivePerson appKey=${this.appKey}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(method === 'PUT' ? { 'X-HTTP-Method-Override': 'PUT' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Visitor: ${method} ${url} answered ${response.status}: ${await response.text()}`);
    return response;
  }

  async sendLine(text: string, rich: { textType?: 'plain' | 'html' | 'rich-content'; json?: unknown } = {}): Promise<void> {
    const event: Record<string, unknown> = { '@type': 'line', text, textType: rich.textType ?? 'plain' };
    if (rich.json !== undefined) event.json = rich.json;
    await this.call('POST', `${this.chatUrl}/events`, { event });
  }

  async setTyping(typing: boolean): Promise<void> {
    await this.call('PUT', `${this.chatUrl}/info/visitorTyping`, { visitorTyping: typing ? 'typing' : 'not-typing' });
  }

  async end(): Promise<void> {
    await this.call('POST', `${this.chatUrl}/events`, { event: { '@type': 'state', state: 'ended' } });
  }

  /** Follows the chat's `next` link once. */
  async poll(): Promise<void> {
    const response = await this.call('GET', this.nextUrl);
    const { chat } = (await response.json()) as {
      chat: { link: Array<{ '@href': string; '@rel': string }>; events?: { event?: RawEvent | RawEvent[] }; info?: { agentTyping?: string; state?: string } };
    };
    for (const event of asList(chat.events?.event)) {
      const id = Number(event['@id']);
      if (event['@type'] === 'state' && event.state) this.lastState = event.state;
      if (event['@type'] === 'line' && !this.seen.has(id)) {
        this.seen.set(id, { id, source: event.source ?? '', by: event.by ?? '', text: event.text ?? '', textType: event.textType ?? 'plain' });
      }
    }
    this.agentIsTyping = chat.info?.agentTyping === 'typing';
    const next = asList(chat.link).find((l) => l['@rel'] === 'next');
    if (next) this.nextUrl = next['@href'];
  }

  lines(): VisitorLine[] {
    return [...this.seen.values()].sort((a, b) => a.id - b.id);
  }

  state(): string {
    return this.lastState;
  }

  agentTyping(): boolean {
    return this.agentIsTyping;
  }

  async waitFor(predicate: (v: Visitor) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.poll();
      if (predicate(this)) return;
      if (Date.now() > deadline) {
        throw new Error(`Visitor: condition not met within ${timeoutMs} ms (state ${this.lastState}, lines ${JSON.stringify(this.lines().map((l) => l.text))})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
