/**
 * The polling strategy of LivePerson's own Agent Sample App (`LivePersonInc/agent-sample-app`, see
 * /work/shared/reference/liveperson-chat-agent-api.md §7): incoming requests every 2 s, and for
 * every open chat its own loop that GETs the chat's events `next` link every 2 s. Built on our
 * src/api client so the only difference measured is the strategy, not the HTTP code.
 */
import fetchCookie from 'fetch-cookie';
import { createLivePersonClient } from '../../src/api';
import type { AgentApi, ChatEvent } from '../../src/api/types';

export const SAMPLE_APP_INTERVAL_MS = 2000;

export interface ReceivedLine {
  chatId: string;
  text: string;
  source: string;
  /** When the client had it (ms since the epoch). */
  at: number;
}

interface OpenChat {
  id: string;
  eventsUrl: string;
  nextUrl: string;
  timer?: ReturnType<typeof setTimeout>;
  ended: boolean;
}

export class ReferenceClient {
  readonly received: ReceivedLine[] = [];
  readonly chats = new Map<string, OpenChat>();
  /** Accept every ring (the sample app accepts what rings); off while the bench sets up the other client. */
  acceptRings = true;
  private incomingTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private accepting = false;

  private constructor(
    private readonly agent: AgentApi,
    readonly sessionUrl: string,
    private readonly intervalMs: number,
  ) {}

  static async signIn(p: { baseUrl: string; accountId: string; username: string; password: string; intervalMs?: number }): Promise<ReferenceClient> {
    const client = createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true });
    const origin = must(await client.domain.lookup({ csdsUrl: p.baseUrl, accountId: p.accountId, service: 'agentVep' }));
    const login = must(await client.login.withPassword({ origin, accountId: p.accountId, username: p.username, password: p.password }));
    const agent = client.agent({ bearer: login.bearer });
    const { sessionUrl } = must(await agent.startSession({ origin, accountId: p.accountId }));
    must(await agent.setAvailability(sessionUrl, 'Online'));
    const reference = new ReferenceClient(agent, sessionUrl, p.intervalMs ?? SAMPLE_APP_INTERVAL_MS);
    reference.pollIncoming();
    return reference;
  }

  /** The agent session id, to tell this client's requests apart in the emulator's log. */
  get sessionId(): string {
    return this.sessionUrl.split('/').pop()!;
  }

  openChats(): number {
    return [...this.chats.values()].filter((c) => !c.ended).length;
  }

  private pollIncoming(): void {
    if (this.stopped) return;
    this.incomingTimer = setTimeout(async () => {
      const incoming = await this.agent.getIncoming(this.sessionUrl);
      if (incoming.ok && incoming.value.ringingCount > 0 && incoming.value.acceptUrl && this.acceptRings && !this.accepting) {
        // Every chat that rings now (the bench's set-up rings several at once).
        this.accepting = true;
        for (let n = 0; n < incoming.value.ringingCount && this.acceptRings; n++) await this.accept(incoming.value.acceptUrl);
        this.accepting = false;
      }
      this.pollIncoming();
    }, this.intervalMs);
  }

  private async accept(acceptUrl: string): Promise<void> {
    const accepted = await this.agent.accept(acceptUrl);
    if (!accepted.ok) return;
    const chat = await this.agent.getChat(accepted.value.chatUrl);
    if (!chat.ok) return;
    const eventsUrl = chat.value.links.events ?? `${chat.value.chatUrl}/events`;
    const lastId = chat.value.events.reduce((max, e) => Math.max(max, e.id), -1);
    const open: OpenChat = { id: chat.value.chatId, eventsUrl, nextUrl: chat.value.nextUrl ?? `${eventsUrl}?from=${lastId + 1}`, ended: false };
    this.chats.set(open.id, open);
    this.take(open, chat.value.events);
    this.pollChat(open);
  }

  /** The sample app's per-chat loop: GET `next`, every interval, until the chat ends. */
  private pollChat(chat: OpenChat): void {
    if (this.stopped || chat.ended) return;
    chat.timer = setTimeout(async () => {
      const page = await this.agent.getEvents(chat.nextUrl);
      if (page.ok) {
        this.take(chat, page.value.events);
        if (page.value.nextUrl) chat.nextUrl = page.value.nextUrl;
      }
      this.pollChat(chat);
    }, this.intervalMs);
  }

  private take(chat: OpenChat, events: ChatEvent[]): void {
    const at = Date.now();
    for (const event of events) {
      if (event.type === 'line' && 'text' in event) this.received.push({ chatId: chat.id, text: event.text, source: event.source, at });
      if (event.type === 'state' && 'state' in event && event.state === 'ended') chat.ended = true;
    }
  }

  async sendLine(chatId: string, text: string): Promise<void> {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Error(`Reference client: no chat ${chatId}`);
    must(await this.agent.addLine(chat.eventsUrl, { text, textType: 'plain', subType: 'REGULAR' }));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.incomingTimer);
    for (const chat of this.chats.values()) clearTimeout(chat.timer);
  }
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`Reference client: ${result.error.message}`);
  return result.value;
}
