/**
 * The agent runtime: the one owner of everything that talks to LivePerson, as a thin façade over
 * its parts. The state and its views (./agent-store.ts), the connection's lifecycle
 * (./connection.ts), the poll loop (./poller.ts), the outbox (./outbox-sender.ts), chat commands
 * (./chat-commands.ts) and availability (./availability.ts) all speak to the far side through the
 * conversation service (./conversation-service.ts), never to a protocol directly.
 */
import type { LivePersonClient, Result } from '../api/types';
import type { Capacity, CommandResult, Refusal, SignIn, SignInWithApiKey, TransferOptions } from '../messaging/protocol';
import type { AgentView } from '../messaging/view';
import { chatAgentApiService } from '../conversation/chat-agent-api/service';
import { AgentStore } from './agent-store';
import { AvailabilityCommands } from './availability';
import { ChatCommands } from './chat-commands';
import { systemClock, type Clock } from './clock';
import { fail, OK, type Logger } from './command-result';
import { ConnectionLifecycle } from './connection';
import { listenForAnswers, type AgentSurvey, type ChatAvailability, type ConversationService, type PresenceChoice, type TransferTarget } from './conversation-service';
import { afterRestart } from './outbox';
import { OutboxSender } from './outbox-sender';
import { Poller } from './poller';
import type { Connection, StateStore } from './state';

export { LOGIN_REFRESH_EVERY_MS } from './timing';
export type { Logger } from './command-result';

export interface AgentRuntimeDeps {
  /** The REST client; the Chat Agent API service is built on it unless `conversation` is given. */
  client?: LivePersonClient;
  /** The protocol that carries the conversations (src/conversation/). */
  conversation?: ConversationService;
  store: StateStore;
  /** The poll interval in force for a service origin (the setting, floored by LivePerson's rule). */
  pollIntervalMs(origin: string): Promise<number>;
  /** Remember the non-secret sign-in fields for next time. */
  rememberAccount?(account: { csdsUrl: string; accountId: string; username: string }): Promise<void>;
  /** Why the administrator's policy refuses this sign-in (a locked domain or account), if it does. */
  signInRefusal?(input: { csdsUrl: string; accountId: string }): Promise<string | undefined>;
  log: Logger;
  now?: () => number;
  /** Time and timers for the poll loop (tests drive it); `now` above wins for the time if given. */
  clock?: Clock;
}

export class AgentRuntime {
  private readonly store: AgentStore;
  private readonly connection: ConnectionLifecycle;
  private readonly poller: Poller;
  private readonly outbox: OutboxSender;
  private readonly chats: ChatCommands;
  private readonly availability: AvailabilityCommands;
  private restored: Promise<void> | undefined;
  private offline = false;
  private readonly now: () => number;

  constructor(private readonly deps: AgentRuntimeDeps) {
    const base = deps.clock ?? systemClock;
    const clock: Clock = deps.now ? { ...base, now: deps.now } : base;
    this.now = () => clock.now();
    const protocol = deps.conversation ?? (deps.client ? chatAgentApiService(deps.client) : undefined);
    if (!protocol) throw new Error('AgentRuntime needs a conversation service or a LivePerson client');
    // Every answer from the far side tells the poll loop an outage may be over.
    const service = listenForAnswers(protocol, () => this.poller.heard());
    const { log } = deps;
    const store = (this.store = new AgentStore(deps.store));
    this.connection = new ConnectionLifecycle({
      store,
      service,
      log,
      now: this.now,
      stopPolling: () => this.poller.cancel(),
      rememberAccount: deps.rememberAccount,
      signInRefusal: deps.signInRefusal,
    });
    this.outbox = new OutboxSender({ store, service, connection: this.connection, log, now: this.now });
    this.chats = new ChatCommands({ store, service, connection: this.connection, log });
    this.availability = new AvailabilityCommands({ store, service, connection: this.connection, now: this.now, log });
    this.poller = new Poller({
      store,
      service,
      connection: this.connection,
      clock,
      log,
      pollIntervalMs: deps.pollIntervalMs,
      isOffline: () => this.offline,
      flushOutbox: (chatId) => void this.outbox.flush(chatId),
      goAway: (reason) => this.goAway(reason),
    });
    // A push protocol wakes the loop the moment something arrives (no poll interval to wait).
    protocol.listen?.(() => this.poller.wake());
  }

  /** Loads the saved state once per worker lifetime and resumes polling if signed in. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      await this.store.load();
      // A line caught mid-request by the worker's stop may or may not have arrived.
      for (const chat of this.store.state.chats) afterRestart(chat, this.now());
      if (this.store.state.connection) {
        this.deps.log.info('Resuming the agent session after a worker start');
        this.poller.schedule(0);
      }
    })();
    return this.restored;
  }

  view(): AgentView {
    return this.store.view();
  }

  subscribe(listener: (view: AgentView) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Stops polling (worker shutdown, tests); waits for a cycle in flight to finish. */
  async stop(): Promise<void> {
    this.store.stop();
    await this.poller.stop();
  }

  /** Called by the watchdog alarm: restarts the loop if the worker lost its timer. */
  async ensurePolling(): Promise<void> {
    await this.restore();
    if (this.store.state.connection && !this.poller.scheduled && !this.poller.busy) this.poller.schedule(0);
  }

  /** When the poll loop's next cycle is due, if one is scheduled (tests, the bench). */
  nextPollAt(): number | undefined {
    return this.poller.nextCycleAt;
  }

  /** One poll cycle now (tests). */
  async pollOnce(): Promise<void> {
    await this.restore();
    return this.poller.pollOnce();
  }

  /**
   * A call to another LivePerson API with the agent's login (canned responses): a 401 refreshes the
   * login once and the call runs again, as for every call. Undefined when nobody is signed in.
   */
  async withConnection<T>(call: (connection: Connection) => Promise<Result<T>>): Promise<Result<T> | undefined> {
    await this.restore();
    const connection = this.store.state.connection;
    if (!connection) return undefined;
    return this.connection.retriedAfterRefresh(() => call(this.store.state.connection ?? connection));
  }

  // ---- commands ---------------------------------------------------------------------------

  /** Agents sign in with a password; bots with API keys (then every request is signed). */
  async signIn(input: SignIn | SignInWithApiKey): Promise<CommandResult> {
    await this.restore();
    const result = await this.connection.signIn(input);
    if (!result.ok) return result;
    this.poller.schedule(0);
    for (const chat of [...this.store.state.chats]) await this.chats.loadVisitor(chat.id);
    return OK;
  }

  async signOut(): Promise<CommandResult> {
    await this.restore();
    return this.connection.signOut();
  }

  async setAvailability(chat: ChatAvailability, awayReason?: string): Promise<CommandResult> {
    await this.restore();
    return this.availability.set(chat, awayReason);
  }

  /** The agent's own choice in the popup, with an away reason where the protocol carries one. */
  async chooseAvailability(state: PresenceChoice, reason?: string): Promise<CommandResult> {
    await this.restore();
    return this.availability.set(state, undefined, reason || undefined);
  }

  /** The presence safety net (./presence.ts): Away, and why. */
  /** The account's away reasons, where the protocol offers them (Messaging). */
  async awayReasons(): Promise<{ ok: true; reasons: string[] }> {
    await this.restore();
    return this.availability.reasons();
  }

  goAway(reason: string): Promise<CommandResult> {
    return this.setAvailability('Away', reason);
  }

  /** "Finish my chats, then go Away". */
  async finishChatsThenAway(): Promise<CommandResult> {
    await this.restore();
    return this.availability.finishChatsThenAway();
  }

  /** The popup's fix for a broken session: a new agent session now (availability and chats come back), then a poll. */
  async restartSession(): Promise<CommandResult> {
    await this.restore();
    const connection = this.store.state.connection;
    if (!connection) return fail('Sign in first.');
    if (!(await this.connection.restartSessionOnce(connection))) {
      return fail('The agent session could not be restarted: LivePerson did not answer. Try again, or sign out and in again.');
    }
    this.store.state.health = { ...this.store.state.health, problem: undefined, consecutiveFailures: 0 };
    await this.store.commit();
    this.poller.schedule(0);
    return OK;
  }

  async acceptChat(): Promise<CommandResult> {
    await this.restore();
    return this.chats.accept();
  }

  async sendLine(chatId: string, text: string, privateNote = false, clientId?: string, html?: string): Promise<CommandResult> {
    await this.restore();
    return this.outbox.sendLine(chatId, text, privateNote, clientId, html);
  }

  async retryLine(chatId: string, localId: string): Promise<CommandResult> {
    await this.restore();
    return this.outbox.retryLine(chatId, localId);
  }

  async discardLine(chatId: string, localId: string): Promise<CommandResult> {
    await this.restore();
    return this.outbox.discardLine(chatId, localId);
  }

  async saveDraft(chatId: string, text: string): Promise<CommandResult> {
    await this.restore();
    return this.chats.saveDraft(chatId, text);
  }

  async setTyping(chatId: string, typing: boolean): Promise<CommandResult> {
    await this.restore();
    return this.chats.setTyping(chatId, typing);
  }

  async getTransferOptions(chatId: string): Promise<({ ok: true } & TransferOptions) | Refusal> {
    await this.restore();
    return this.chats.transferOptions(chatId);
  }

  async getCapacity(): Promise<({ ok: true } & Capacity) | Refusal> {
    await this.restore();
    return this.chats.capacity();
  }

  async transferChat(chatId: string, target: TransferTarget): Promise<CommandResult> {
    await this.restore();
    return this.chats.transfer(chatId, target);
  }

  async getAgentSurvey(chatId: string): Promise<{ ok: true; survey: AgentSurvey } | Refusal> {
    await this.restore();
    return this.chats.survey(chatId);
  }

  async submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string[]>): Promise<CommandResult> {
    await this.restore();
    return this.chats.submitSurvey(chatId, surveyId, answers);
  }

  async endChat(chatId: string): Promise<CommandResult> {
    await this.restore();
    return this.chats.end(chatId);
  }

  async closeChat(chatId: string): Promise<CommandResult> {
    await this.restore();
    return this.chats.close(chatId);
  }

  /**
   * A call made with the agent's login (another LivePerson API than the conversations', e.g.
   * Engagement History): LivePerson's 401 rule applies (one shared refresh, one retry).
   */
  async withLogin<T>(call: (login: Pick<Connection, 'csdsUrl' | 'accountId' | 'bearer' | 'apiKeys'>) => Promise<Result<T>>): Promise<Result<T> | Refusal> {
    await this.restore();
    if (!this.store.state.connection) return fail('Sign in first.');
    return this.connection.retriedAfterRefresh(() => {
      const connection = this.store.state.connection;
      return connection ? call(connection) : Promise.resolve({ ok: false, error: { kind: 'auth-expired', message: 'Signed out' } } as Result<T>);
    });
  }

  /**
   * The browser went offline or came back. Offline: say so and stop calling (a request can only
   * fail). Online: poll at once and send what waited, without the retry backoff the outage built up.
   */
  async networkChanged(online: boolean): Promise<void> {
    await this.restore();
    if (this.offline === !online) return;
    this.offline = !online;
    this.deps.log.info(online ? 'The network is back' : 'The network is gone');
    const state = this.store.state;
    if (!state.connection) return;
    if (!online) {
      state.health.problem = 'You are offline. Agent Dock reconnects and sends your queued lines when the network is back.';
      await this.store.commit();
      return;
    }
    state.health = { ...state.health, problem: undefined, consecutiveFailures: 0 };
    for (const chat of state.chats) {
      // Lines that may have arrived still wait for the next read of the chat's events (nextToSend).
      for (const entry of chat.outbox) if (entry.status === 'pending') entry.notBefore = undefined;
    }
    await this.store.commit();
    this.poller.schedule(0);
  }
}
