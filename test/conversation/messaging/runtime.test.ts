/**
 * The background core on LivePerson Messaging, against the emulator's Messaging mode over a real
 * WebSocket: push (no poll interval to wait), a dropped socket and a stopped worker mid-
 * conversation (nothing lost, nothing doubled), a publish whose answer is lost (exactly once),
 * hostile frames, and the bearer kept out of logs and away from hosts the allow-list refuses.
 */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../../src/api';
import { AgentRuntime } from '../../../src/agent/runtime';
import type { Connection } from '../../../src/agent/state';
import { messagingService, type MessagingConversationService } from '../../../src/conversation/messaging/service';
import { openMessagingConnection } from '../../../src/conversation/messaging/sign-in';
import { memoryStore } from '../../agent/support';
import { Consumer } from '../../emulator/messaging/consumer';
import { startEmulator, type Emulator } from '../../emulator/server';

const ACCOUNT = '12345678';

/** The browser's WebSocket with a hook on what arrives (tests only): drop or add frames. */
function tamperedWebSocket(onFrame: (data: string, deliver: (data: string) => void) => void): typeof WebSocket {
  return class extends WebSocket {
    override addEventListener(type: string, listener: any, options?: any): void {
      if (type !== 'message') return super.addEventListener(type, listener, options);
      super.addEventListener('message', (e: MessageEvent) => onFrame(String(e.data), (data) => listener(new MessageEvent('message', { data }))), options);
    }
  } as typeof WebSocket;
}

describe('the agent runtime over LivePerson Messaging', () => {
  let emulator: Emulator;
  let store: ReturnType<typeof memoryStore>;
  const runtimes: AgentRuntime[] = [];
  const services: MessagingConversationService[] = [];
  const consumers: Consumer[] = [];
  const logged: string[] = [];
  const log = { info: (m: string, d?: unknown) => void logged.push(m + JSON.stringify(d ?? '')), warn: (m: string, d?: unknown) => void logged.push(m + JSON.stringify(d ?? '')) };

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    store = memoryStore();
    logged.length = 0;
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) c.disconnect();
    for (const r of runtimes.splice(0)) await r.stop();
    for (const s of services.splice(0)) s.socketFor(store.saved?.connection as Connection)?.close();
    await emulator.close();
  });

  /** A worker lifetime: a runtime on a Messaging service, polling only once a minute (push must not need it). */
  function worker(opts: { WebSocketImpl?: typeof WebSocket } = {}) {
    const service = messagingService({
      client: createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }),
      allowLoopback: true,
      requestTimeoutMs: 1_500,
      log: (m, d) => log.info(m, d),
      ...opts,
    });
    services.push(service);
    const runtime = new AgentRuntime({ conversation: service, store, pollIntervalMs: async () => 60_000, log });
    runtimes.push(runtime);
    return { runtime, service };
  }

  const signIn = (runtime: AgentRuntime) => runtime.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'agent1-pass' });

  async function consumer(name = 'Dana'): Promise<Consumer> {
    const c = await Consumer.start({ baseUrl: emulator.baseUrl, firstName: name });
    consumers.push(c);
    await c.requestConversation();
    return c;
  }

  const texts = (runtime: AgentRuntime) => runtime.view().chats[0]?.lines.filter((l) => !l.delivery).map((l) => `${l.source}:${l.text}`) ?? [];

  async function inConversation() {
    const { runtime, service } = worker();
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const dana = await consumer();
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), { timeout: 5_000 });
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    await vi.waitFor(() => expect(runtime.view().chats).toHaveLength(1));
    return { runtime, service, dana, chatId: runtime.view().chats[0]!.id };
  }

  it('rings, accepts and shows the consumer’s lines at once, with no poll interval to wait (polls are a minute apart)', async () => {
    const { runtime, dana, chatId } = await inConversation();
    expect(runtime.view().chats[0]!.visitorName).toBe('Dana');
    await dana.say('Hello, my order is late');
    await vi.waitFor(() => expect(texts(runtime)).toEqual(['visitor:Hello, my order is late']), { timeout: 2_000 });
    // The panel showed it: the consumer gets a READ receipt for it.
    await vi.waitFor(() => expect(dana.messages().some((m) => m.event.type === 'AcceptStatusEvent' && m.event.status === 'READ')).toBe(true), { timeout: 3_000 });
    expect(await runtime.sendLine(chatId, 'Let me check')).toEqual({ ok: true });
    await dana.waitForText('Let me check');
    await dana.typing('COMPOSING');
    await vi.waitFor(() => expect(runtime.view().chats[0]!.visitorTyping).toBe(true), { timeout: 2_000 });
  });

  it('loses and doubles nothing when the socket drops and the worker stops mid-conversation', async () => {
    const first = await inConversation();
    await first.dana.say('one');
    await vi.waitFor(() => expect(texts(first.runtime)).toContain('visitor:one'), { timeout: 2_000 });
    emulator.messaging.dropAgentSockets();
    await first.dana.say('two');
    // Reconnected with backoff on its own, resumed from the last sequence.
    await vi.waitFor(() => expect(texts(first.runtime)).toContain('visitor:two'), { timeout: 5_000 });
    // The worker stops (its socket with it); the consumer goes on writing meanwhile.
    await first.runtime.stop();
    first.service.socketFor(store.saved!.connection!)?.close();
    await first.dana.say('three');
    const second = worker();
    await second.runtime.restore();
    await vi.waitFor(() => expect(texts(second.runtime)).toEqual(['visitor:one', 'visitor:two', 'visitor:three']), { timeout: 5_000 });
    // The new socket registered the agent Online again (a new socket is a new routing registration).
    expect(second.runtime.view().availability).toBe('Online');
    expect(await second.runtime.sendLine(first.chatId, 'back')).toEqual({ ok: true });
    await first.dana.waitForText('back');
    expect(first.dana.messages().filter((m) => m.event.message === 'back')).toHaveLength(1);
    // Transfer to a skill: the conversation leaves this agent; then nothing left to close here.
    expect(await second.runtime.transferChat(first.chatId, { skillId: '-1' })).toEqual({ ok: true });
    expect(second.runtime.view().chats).toEqual([]);
  });

  /** Signed in, Online, Dana's conversation accepted; the answer to the next publish (a line or a note) never arrives. */
  async function chatLosingTheNextPublishAnswer() {
    let swallowed = 0;
    let armed = false;
    const { runtime } = worker({
      WebSocketImpl: tamperedWebSocket((data, deliver) => {
        const frame = JSON.parse(data) as { kind?: string; body?: { sequence?: unknown } };
        if (armed && swallowed === 0 && frame.kind === 'resp' && typeof frame.body?.sequence === 'number') {
          swallowed++;
          return; // the publish's answer never arrives
        }
        deliver(data);
      }),
    });
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const dana = await consumer();
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), { timeout: 5_000 });
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    const chatId = runtime.view().chats[0]!.id;
    armed = true;
    return { runtime, dana, chatId, swallowed: () => swallowed };
  }

  it('sends a line exactly once when its answer is lost: the history is read before any resend', async () => {
    const { runtime, dana, chatId, swallowed } = await chatLosingTheNextPublishAnswer();
    await runtime.sendLine(chatId, 'only once');
    await dana.waitForText('only once');
    expect(swallowed()).toBe(1);
    // The core reconciles on its next read (after the attempt), never blindly resending.
    await vi.waitFor(async () => {
      await runtime.pollOnce();
      expect(runtime.view().chats[0]!.lines.filter((l) => l.text === 'only once' && !l.delivery)).toHaveLength(1);
    }, { timeout: 8_000 });
    await vi.waitFor(() => expect(runtime.view().chats[0]!.lines.filter((l) => l.text === 'only once' && !l.delivery)).toHaveLength(1), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(dana.messages().filter((m) => m.event.message === 'only once')).toHaveLength(1);
    expect(runtime.view().chats[0]!.lines.filter((l) => l.text === 'only once')).toHaveLength(1);
  });

  it('sends a private note exactly once when its answer is lost: the history shows it as the agent’s own private line', async () => {
    const { runtime, dana, chatId, swallowed } = await chatLosingTheNextPublishAnswer();
    await runtime.sendLine(chatId, 'note once', true);
    await vi.waitFor(() => expect(swallowed()).toBe(1), { timeout: 5_000 });
    const notes = () => runtime.view().chats[0]!.lines.filter((l) => l.text === 'note once' && !l.delivery);
    await vi.waitFor(async () => {
      await runtime.pollOnce();
      expect(notes()).toHaveLength(1);
    }, { timeout: 8_000 });
    // Give a wrong resend every chance to happen.
    await new Promise((r) => setTimeout(r, 500));
    await runtime.pollOnce();
    expect(notes()).toEqual([expect.objectContaining({ private: true, source: 'agent' })]);
    expect(runtime.view().chats[0]!.lines.filter((l) => l.text === 'note once')).toHaveLength(1);
    const stored = emulator.messaging.store.get(chatId).events.filter((e) => e.event.message === 'note once');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.messageAudience).toBe('AGENTS_AND_MANAGERS');
    // …and the consumer never saw it.
    expect(dana.messages().filter((m) => m.event.message === 'note once')).toHaveLength(0);
  });

  it('shows when the consumer read the agent’s lines (their READ receipts), pushed at once', async () => {
    const { runtime, dana, chatId } = await inConversation();
    await runtime.sendLine(chatId, 'Your order ships today');
    const line = await dana.waitForText('Your order ships today');
    expect(runtime.view().chats[0]!.visitorReadLineId).toBeUndefined();
    await dana.receipt('ACCEPT', [line.sequence]); // delivered is not read
    await dana.receipt('READ', [line.sequence]);
    await vi.waitFor(() => expect(runtime.view().chats[0]!.visitorReadLineId).toBe(String(line.sequence)), { timeout: 3_000 });
    // A later line is not read until its own receipt comes.
    await runtime.sendLine(chatId, 'Anything else?');
    const next = await dana.waitForText('Anything else?');
    await runtime.pollOnce();
    expect(runtime.view().chats[0]!.visitorReadLineId).toBe(String(line.sequence));
    await dana.receipt('READ', [next.sequence]);
    await vi.waitFor(() => expect(runtime.view().chats[0]!.visitorReadLineId).toBe(String(next.sequence)), { timeout: 3_000 });
  });

  it('offers the account’s away reasons (Agent Status Reason API: enabled, not deleted, for Away) and sends the chosen one as the state’s description', async () => {
    const { runtime } = worker();
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.awayReasons()).toEqual({ ok: true, reasons: ['Lunch', 'Coffee', 'Coaching'] });
    expect(await runtime.chooseAvailability('Back soon', 'Lunch')).toEqual({ ok: true });
    const state = (await (await fetch(`${emulator.baseUrl}/sandbox/messaging/state`)).json()) as { agents: Array<{ availability?: string; description?: string }> };
    expect(state.agents).toContainEqual(expect.objectContaining({ availability: 'BACK_SOON', description: 'Lunch' }));
  });

  it('survives hostile frames: not JSON, unknown types, known types with bad bodies', async () => {
    let injected = false;
    const { runtime } = worker({
      WebSocketImpl: tamperedWebSocket((data, deliver) => {
        if (!injected) {
          injected = true;
          deliver('not json');
          deliver('{"kind":"notification","type":".ams.routing.RoutingTaskNotification","body":{"changes":"<script>"}}');
          deliver('{"kind":"notification","type":"ms.OnlineEventDistribution","body":{"sequence":"x"}}');
          deliver('{"kind":"resp","reqId":"999","code":200,"body":{}}');
          deliver('{"kind":"notification","type":"something.Unknown","body":null}');
        }
        deliver(data);
      }),
    });
    expect(await signIn(runtime)).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const dana = await consumer();
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBe(1), { timeout: 5_000 });
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    await dana.say('still here');
    await vi.waitFor(() => expect(texts(runtime)).toContain('visitor:still here'), { timeout: 3_000 });
  });

  it('never logs the bearer, and never sends it to a host the allow-list refuses', async () => {
    const { runtime } = worker();
    expect(await signIn(runtime)).toEqual({ ok: true });
    const bearer = store.saved!.connection!.bearer;
    emulator.messaging.dropAgentSockets();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(bearer);

    const client = createLivePersonClient({ fetch, allowLoopback: true });
    const evil = {
      ...client,
      login: { ...client.login, withPassword: async () => ({ ok: true as const, value: { bearer: 'b', csrf: 'c', sessionTtlMs: 1, userId: 'u', loginName: 'l', serviceOrigins: { asyncMessagingEnt: 'https://evil.example.com' } } }) },
    };
    const refused = await openMessagingConnection(evil, { csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'x' }, 0, { allowLoopback: true });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('evil.example.com') });
  });
});
