/**
 * A consumer of LivePerson's Messaging Window API and nothing else: CSDS (`idp`,
 * `asyncMessagingEnt`), IDP `signup`, then the consumer socket with `InitConnection` — the way a
 * browser page must, since it cannot set WebSocket headers. Tests drive conversations with it;
 * the sandbox's visitor page can speak the same frames.
 */
import { type Frame, UmsSocket } from './socket';

export interface ConsumerMessage {
  sequence: number;
  originatorId: string;
  role?: string;
  event: { type: string; message?: unknown; status?: string; sequenceList?: number[]; chatState?: string };
}

export class Consumer {
  conversationId?: string;
  private constructor(
    readonly socket: UmsSocket,
    private readonly socketUrl: string,
    private readonly jwt: string,
  ) {}

  static async start(p: { baseUrl: string; accountId?: string; firstName?: string; lastName?: string }): Promise<Consumer> {
    const accountId = p.accountId ?? '12345678';
    const host = async (service: string) => {
      const res = await fetch(`${p.baseUrl}/api/account/${accountId}/service/${service}/baseURI.json?version=1.0`);
      if (!res.ok) throw new Error(`Consumer: CSDS ${service} failed with ${res.status}`);
      return ((await res.json()) as { baseURI: string }).baseURI;
    };
    const secure = p.baseUrl.startsWith('https:');
    const signup = await fetch(`${secure ? 'https' : 'http'}://${await host('idp')}/api/account/${accountId}/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: p.firstName, lastName: p.lastName }),
    });
    const { jwt } = (await signup.json()) as { jwt: string };
    const socketUrl = `${secure ? 'wss' : 'ws'}://${await host('asyncMessagingEnt')}/ws_api/account/${accountId}/messaging/consumer?v=3`;
    const consumer = new Consumer(await UmsSocket.open(socketUrl), socketUrl, jwt);
    await consumer.init();
    return consumer;
  }

  private async init(): Promise<void> {
    const resp = await this.socket.request({ type: 'InitConnection', headers: [{ type: '.ams.headers.ConsumerAuthentication', jwt: this.jwt }] });
    if (resp.code !== 200) throw new Error(`Consumer: InitConnection answered ${resp.code}`);
  }

  private async ok(frame: Frame): Promise<Frame> {
    const resp = await this.socket.request(frame);
    if (resp.code !== 200) throw new Error(`Consumer: ${String(frame.type)} answered ${resp.code} ${JSON.stringify(resp.body)}`);
    return resp;
  }

  /** Opens a conversation and subscribes to its events from the start. */
  async requestConversation(skillId?: string): Promise<string> {
    const resp = await this.ok({ type: 'cm.ConsumerRequestConversation', body: skillId ? { skillId } : {} });
    this.conversationId = (resp.body as { conversationId: string }).conversationId;
    await this.ok({ type: 'ms.SubscribeMessagingEvents', body: { dialogId: this.conversationId, fromSeq: 0 } });
    return this.conversationId;
  }

  async say(message: string): Promise<number> {
    const resp = await this.ok({ type: 'ms.PublishEvent', body: { dialogId: this.conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message } } });
    return (resp.body as { sequence: number }).sequence;
  }

  async typing(chatState: 'COMPOSING' | 'PAUSE' | 'ACTIVE'): Promise<void> {
    await this.ok({ type: 'ms.PublishEvent', body: { dialogId: this.conversationId, event: { type: 'ChatStateEvent', chatState } } });
  }

  async receipt(status: 'ACCEPT' | 'READ', sequenceList: number[]): Promise<void> {
    await this.ok({ type: 'ms.PublishEvent', body: { dialogId: this.conversationId, event: { type: 'AcceptStatusEvent', status, sequenceList } } });
  }

  async closeConversation(): Promise<void> {
    await this.ok({ type: 'cm.UpdateConversationField', body: { conversationId: this.conversationId, conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] } });
  }

  /** Every messaging event received so far, one per sequence (chat states have none to keep). */
  messages(): ConsumerMessage[] {
    const bySeq = new Map<number, ConsumerMessage>();
    for (const n of this.socket.notifications(/MessagingEventNotification$/)) {
      for (const c of ((n.body as { changes?: Array<Record<string, unknown>> }).changes ?? [])) {
        const event = c.event as ConsumerMessage['event'];
        if (event.type === 'ChatStateEvent') continue;
        bySeq.set(c.sequence as number, { sequence: c.sequence as number, originatorId: String(c.originatorId), role: (c.originatorMetadata as { role?: string } | undefined)?.role, event });
      }
    }
    return [...bySeq.values()].sort((a, b) => a.sequence - b.sequence);
  }

  async waitForText(text: string, timeoutMs = 5_000): Promise<ConsumerMessage> {
    await this.socket.waitFor((f) => f.kind === 'notification' && JSON.stringify(f.body).includes(JSON.stringify(text)), timeoutMs);
    return this.messages().find((m) => m.event.message === text)!;
  }

  get url(): string {
    return this.socketUrl;
  }

  disconnect(): void {
    this.socket.close();
  }
}
