/**
 * The agent runtime: the one owner of everything that talks to LivePerson. Commands from the UIs
 * and the poll loop mutate one `AgentState`; every change is saved to storage.session (which also
 * keeps the service worker alive while polling) and pushed to the UIs as a redacted view.
 */
import type { AgentApi, AgentAuth, AgentSurvey, ApiError, ChatAvailability, ChatSnapshot, LivePersonClient, Result, TransferTarget } from '../api/types';
import type { Capacity, CommandResult, Refusal, SignIn, SignInWithApiKey, TransferOptions } from '../messaging/protocol';
import type { AgentProfile } from '../messaging/view';
import type { AgentView } from '../messaging/view';
import { addOwnLine, applyInfo, mergeEvents } from './chat-events';
import { sessionIsLost, sessionLostReason, SIGNED_OUT_BY_AGENT } from './presence';
import { afterRestart, attemptFailed, nextToSend, queueLine, retryEntry } from './outbox';
import { retryDelay } from './retry-policy';
import { initialState, type AgentState, type Connection, type OutboxEntry, type StateStore, type StoredChat } from './state';
import { toView } from './view';
import { LOGIN_REFRESH_EVERY_MS } from './timing';

export { LOGIN_REFRESH_EVERY_MS } from './timing';

/** How many of a chat's last queued lines are recognised when the UI sends them again. */
const MAX_REMEMBERED_CLIENT_IDS = 50;

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}

export interface AgentRuntimeDeps {
  client: LivePersonClient;
  store: StateStore;
  /** The poll interval in force for a service origin (the setting, floored by LivePerson's rule). */
  pollIntervalMs(origin: string): Promise<number>;
  /** Remember the non-secret sign-in fields for next time. */
  rememberAccount?(account: { csdsUrl: string; accountId: string; username: string }): Promise<void>;
  /** Why the administrator's policy refuses this sign-in (a locked domain or account), if it does. */
  signInRefusal?(input: { csdsUrl: string; accountId: string }): Promise<string | undefined>;
  log: Logger;
  now?: () => number;
}

type Listener = (view: AgentView) => void;

const fail = (message: string): Refusal => ({ ok: false, message });
const OK: CommandResult = { ok: true };

export class AgentRuntime {
  private state: AgentState = initialState();
  private version = 0;
  private readonly listeners = new Set<Listener>();
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private stopped = false;
  private restored: Promise<void> | undefined;
  /** One outbox flush per chat at a time, so lines leave in order. */
  private readonly flushes = new Map<string, Promise<void>>();
  private sessionRecovery: Promise<boolean> | undefined;
  private loginRefresh: Promise<LoginRefresh> | undefined;
  private offline = false;
  private readonly now: () => number;

  constructor(private readonly deps: AgentRuntimeDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Loads the saved state once per worker lifetime and resumes polling if signed in. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      const saved = await this.deps.store.load();
      if (saved) this.state = { ...saved, signingIn: false };
      // A line caught mid-request by the worker's stop may or may not have arrived.
      for (const chat of this.state.chats) afterRestart(chat, this.now());
      if (this.state.connection) {
        this.deps.log.info('Resuming the agent session after a worker start');
        this.schedulePoll(0);
      }
    })();
    return this.restored;
  }

  view(): AgentView {
    return toView(this.state, this.version);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops polling (worker shutdown, tests); waits for a cycle in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopPolling();
    while (this.polling) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Called by the watchdog alarm: restarts the loop if the worker lost its timer. */
  async ensurePolling(): Promise<void> {
    await this.restore();
    if (this.state.connection && !this.pollTimer && !this.polling) this.schedulePoll(0);
  }

  // ---- commands ---------------------------------------------------------------------------

  /** Agents sign in with a password; bots with API keys (then every request is signed). */
  async signIn(input: SignIn | SignInWithApiKey): Promise<CommandResult> {
    await this.restore();
    if (this.state.connection) return fail('Already signed in. Sign out first to change account.');
    if (this.state.signingIn) return fail('Signing in already.');
    const refusal = await this.deps.signInRefusal?.(input);
    if (refusal) return fail(refusal);
    this.state.signingIn = true;
    this.state.signedOutReason = undefined;
    await this.commit();
    const result = await this.openConnection(input);
    this.state.signingIn = false;
    if (!result.ok) {
      this.state.signedOutReason = result.error;
      this.deps.log.warn('Sign-in failed', { reason: result.error });
      await this.commit();
      return fail(result.error);
    }
    this.state.connection = result.value.connection;
    this.state.profile = result.value.profile;
    this.state.availability = result.value.availability;
    this.state.chats = result.value.chats;
    this.state.health = { consecutiveFailures: 0 };
    this.state.ringing = { count: 0 };
    await this.commit();
    await this.deps.rememberAccount?.({ csdsUrl: input.csdsUrl, accountId: input.accountId, username: input.username });
    this.schedulePoll(0);
    const agent = this.deps.client.agent(agentAuth(result.value.connection));
    for (const chat of result.value.chats) await this.loadVisitor(agent, chat.id);
    return OK;
  }

  async signOut(): Promise<CommandResult> {
    await this.restore();
    const connection = this.state.connection;
    if (!connection) return OK;
    this.stopPolling();
    // The Chat Agent API has no call to end an agent session; logging out ends the login and,
    // with it, the agent session on LivePerson's side.
    const result = await this.deps.client.login.logout({
      origin: connection.origin,
      accountId: connection.accountId,
      csrf: connection.csrf,
    });
    if (!result.ok) this.deps.log.warn('Logout call failed; dropping the session locally', { error: result.error.message });
    await this.endConnection(SIGNED_OUT_BY_AGENT);
    return OK;
  }

  /** Any explicit change ends drain mode; an automatic Away carries the sentence saying why. */
  async setAvailability(chat: ChatAvailability, awayReason?: string): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const result = await this.retriedAfterRefresh(() => api.agent.setAvailability(api.connection.sessionUrl, chat));
    if (!result.ok) return this.commandFailed('Could not change availability', result.error);
    this.state.availability = chat;
    this.state.presence = chat === 'Away' && awayReason ? { awayNotice: { reason: awayReason, at: this.now() } } : undefined;
    await this.commit();
    return OK;
  }

  /** The presence safety net (./presence.ts): Away, and why. */
  goAway(reason: string): Promise<CommandResult> {
    return this.setAvailability('Away', reason);
  }

  /**
   * "Finish my chats, then go Away": Occupied now (LivePerson routes no new chat to the agent,
   * open ones go on), Away when the last open chat ends (PresenceGuard watches for it).
   */
  async finishChatsThenAway(): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    if (!this.state.chats.some((c) => c.state !== 'ended')) return this.setAvailability('Away');
    const result = await api.agent.setAvailability(api.connection.sessionUrl, 'Occupied');
    if (!result.ok) return this.commandFailed('Could not stop new chats', result.error);
    this.state.availability = 'Occupied';
    this.state.presence = { draining: { since: this.now() } };
    await this.commit();
    return OK;
  }

  /** The popup's fix for a broken session: a new agent session now (availability and chats come back), then a poll. */
  async restartSession(): Promise<CommandResult> {
    await this.restore();
    const connection = this.state.connection;
    if (!connection) return fail('Sign in first.');
    if (!(await this.restartAgentSessionOnce(connection))) {
      return fail('The agent session could not be restarted: LivePerson did not answer. Try again, or sign out and in again.');
    }
    this.state.health = { ...this.state.health, problem: undefined, consecutiveFailures: 0 };
    await this.commit();
    this.schedulePoll(0);
    return OK;
  }

  async acceptChat(): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const acceptUrl = this.state.ringing.acceptUrl;
    if (!acceptUrl || this.state.ringing.count < 1) return fail('No chat is ringing any more.');
    const accepted = await this.retriedAfterRefresh(() => api.agent.accept(acceptUrl));
    if (!accepted.ok) return this.commandFailed('Could not accept the chat', accepted.error);
    // One fewer is ringing; the accept link stays valid for the next one (it accepts "the next").
    const left = Math.max(0, this.state.ringing.count - 1);
    this.state.ringing = left > 0 ? { ...this.state.ringing, count: left } : { count: 0 };
    const loaded = await api.agent.getChat(accepted.value.chatUrl);
    if (!loaded.ok) {
      // The chat is ours on LivePerson's side; hold it with what we know and let polling fill it in.
      this.upsertChat({ ...accepted.value, links: {}, events: [] });
      await this.commit();
      return this.commandFailed('The chat was accepted but could not be loaded yet', loaded.error);
    }
    this.upsertChat(loaded.value);
    await this.commit();
    await this.loadVisitor(api.agent, accepted.value.chatId);
    return OK;
  }

  /** Visitor details for the panel's Visitor section; a chat works without them. */
  private async loadVisitor(agent: AgentApi, chatId: string): Promise<void> {
    const chat = this.chat(chatId);
    const visitUrl = chat?.links['visit-id'];
    if (!chat || !visitUrl || chat.visitor) return;
    const visit = await agent.getVisit(visitUrl);
    if (!visit.ok) {
      this.deps.log.warn('Could not read the visit', { kind: visit.error.kind, status: visit.error.status, message: visit.error.message });
      return;
    }
    const current = this.chat(chatId);
    if (!current) return;
    current.visitor = visit.value;
    if (current.participantId && this.state.connection) {
      // An authenticated visitor: what the account's identity provider says comes first.
      const participant = await agent.getParticipantInfo(this.state.connection.sessionUrl, current.participantId);
      if (participant.ok) {
        const authenticated = { label: 'Authenticated', value: participant.value.authenticated ? 'Yes' : 'No' };
        current.visitor = { ...visit.value, facts: [authenticated, ...participant.value.facts, ...visit.value.facts] };
      } else {
        this.deps.log.warn('Could not read the authenticated visitor’s info', { kind: participant.error.kind, status: participant.error.status });
      }
    }
    await this.commit();
  }

  /**
   * Queues a line (persisted before anything is sent, so a worker stop cannot lose it) and sends
   * it in order behind any line still queued in that chat. Answers once the first attempt is over;
   * a refusal means the line was not queued. A queued line that fails shows its reason, with Retry,
   * in the transcript. The POST waits on one storage write only: see `saveAndFlush`.
   */
  async sendLine(chatId: string, text: string, privateNote = false, clientId?: string): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    // The UI resends a command the stopped worker never answered; a previous worker may have queued it.
    if (clientId && chat.queuedClientIds?.includes(clientId)) return OK;
    if (chat.state === 'ended') return fail('The chat has ended.');
    queueLine(chat, `${this.now()}-${Math.random().toString(36).slice(2, 8)}`, text, privateNote);
    if (clientId) chat.queuedClientIds = [...(chat.queuedClientIds ?? []), clientId].slice(-MAX_REMEMBERED_CLIENT_IDS);
    chat.draft = undefined;
    await this.saveAndFlush(chatId);
    return OK;
  }

  /** The agent's Retry on a failed line. */
  async retryLine(chatId: string, localId: string): Promise<CommandResult> {
    await this.restore();
    const entry = this.chat(chatId)?.outbox.find((e) => e.localId === localId);
    if (!entry) return OK; // already delivered or discarded
    if (entry.status === 'failed') retryEntry(entry);
    await this.saveAndFlush(chatId);
    const settled = this.chat(chatId)?.outbox.find((e) => e.localId === localId);
    if (settled?.status === 'failed') return fail(`The line was not sent: ${settled.problem ?? 'unknown error'}`);
    return OK;
  }

  /** The agent gives up on a failed line. */
  async discardLine(chatId: string, localId: string): Promise<CommandResult> {
    await this.restore();
    const chat = this.chat(chatId);
    if (!chat) return OK;
    const entry = chat.outbox.find((e) => e.localId === localId);
    if (entry && entry.status !== 'failed') return fail('That line is still being sent.');
    chat.outbox = chat.outbox.filter((e) => e.localId !== localId);
    await this.commit();
    return OK;
  }

  /** Keeps what the agent typed, so a reload or another tab shows it again. */
  async saveDraft(chatId: string, text: string): Promise<CommandResult> {
    await this.restore();
    const chat = this.chat(chatId);
    if (!chat) return OK;
    const draft = text || undefined;
    if (chat.draft === draft) return OK;
    chat.draft = draft;
    await this.commit();
    return OK;
  }

  /**
   * Saves a change to a chat's outbox and sends what is due. With no flush running, the write that
   * saves the change also starts the next attempt (the entry saved as `sending`), so the POST waits
   * on that one write; a running flush takes the change in turn, so it is saved at once.
   */
  private async saveAndFlush(chatId: string): Promise<void> {
    if (this.flushes.has(chatId)) {
      await this.commit();
      return this.flushOutbox(chatId);
    }
    return this.flushOutbox(chatId, { unsaved: true });
  }

  /**
   * Sends a chat's due lines one at a time, in order; one flush per chat runs at a time. `unsaved`:
   * the state holds a change not yet saved, which the flush saves even if nothing is due.
   */
  private flushOutbox(chatId: string, { unsaved = false } = {}): Promise<void> {
    const previous = this.flushes.get(chatId) ?? Promise.resolve();
    const next = previous.then(() => this.drainOutbox(chatId, unsaved)).catch((error: unknown) => {
      this.deps.log.warn('Outbox flush crashed', { error: String(error) });
    });
    this.flushes.set(chatId, next);
    void next.finally(() => {
      if (this.flushes.get(chatId) === next) this.flushes.delete(chatId);
    });
    return next;
  }

  private async drainOutbox(chatId: string, unsaved: boolean): Promise<void> {
    for (;;) {
      const api = await this.api();
      const chat = this.chat(chatId);
      const entry = api && chat && !this.stopped ? nextToSend(chat, this.now()) : undefined;
      if (!api || !chat || !entry) {
        if (unsaved) await this.commit();
        return;
      }
      entry.status = 'sending';
      entry.attempts += 1;
      entry.attemptStartedAt = this.now();
      // The poll loop may replace the agent session while this request is out: remember which
      // session the request went to, so a 404 from the old one is not blamed on the new one.
      const sentUnderSession = api.connection.sessionUrl;
      // Saved as sending before the request leaves (a worker stop then reconciles, never resends
      // blindly); the views go out once it has left, so pushing them to the tabs does not delay it.
      const saved = await this.save();
      unsaved = false;
      const posting = api.agent.addLine(eventsUrl(chat), {
        text: entry.text,
        textType: 'plain',
        subType: entry.private ? 'ONLY_TO_REP' : 'REGULAR',
      });
      if (saved) this.publish();
      const posted = await posting;
      const current = this.chat(chatId);
      const queued = current?.outbox.find((e) => e.localId === entry.localId);
      if (!current) return;
      if (posted.ok) {
        // Delivered. A poll may have confirmed it already; either way it is a line now.
        current.outbox = current.outbox.filter((e) => e.localId !== entry.localId);
        addOwnLine(current, {
          id: String(posted.value.eventId),
          source: 'agent',
          by: api.connection.agentName,
          text: entry.text,
          textType: 'plain',
          time: new Date(this.now()).toISOString(),
          ...(entry.private ? { private: true } : {}),
        });
        await this.commit();
        continue;
      }
      if (!queued) {
        // A poll proved it delivered while the request was failing: nothing to do.
        await this.commit();
        continue;
      }
      let error = posted.error;
      this.deps.log.warn('A line was not sent', { kind: error.kind, status: error.status, url: error.url, attempt: queued.attempts });
      if (error.kind === 'session-gone') {
        const check = await this.recoverIfSessionLost(api.agent, api.connection, sentUnderSession);
        if (check === 'recovered') {
          queued.status = 'pending';
          queued.attempts -= 1;
          await this.commit();
          if (!this.chat(chatId)) return; // no longer ours after the new session
          continue;
        }
        // 'alive': the chat itself is gone (a 404 for good). Otherwise the check's own failure
        // decides, as the line's would: a 401 there refreshes the login below, a 5xx retries later.
        if (check !== 'alive') error = check;
      }
      if (error.kind === 'auth-expired') {
        const refresh = await this.refreshLogin(api.connection);
        if (refresh === 'refreshed') {
          // The login is fresh again: this attempt does not count.
          queued.status = 'pending';
          queued.attempts -= 1;
          await this.commit();
          continue;
        }
        // Signed out, the line waits for the agent; a refresh that failed for now is retried with
        // its backoff, not at once (the bearer is still expired).
        if (refresh !== 'ended') error = refresh;
      }
      attemptFailed(queued, error, this.now());
      await this.commit();
      if (queued.status !== 'failed') return; // waits for its retry; the poll loop brings it back
    }
  }

  /**
   * A 404/403 on a chat call means the chat left us, or the whole agent session is gone. Tells
   * which by reading the session; if it is gone, starts a new one (held chats come back with it).
   * Answers the error of the check itself when it could not tell.
   */
  private async recoverIfSessionLost(agent: AgentApi, connection: Connection, usedSessionUrl: string): Promise<'alive' | 'recovered' | ApiError> {
    if (this.sessionRecovery) return (await this.sessionRecovery) ? 'recovered' : { kind: 'network', message: 'The agent session could not be restarted yet' };
    if (this.state.connection?.sessionUrl !== usedSessionUrl) return 'recovered'; // someone already did
    const session = await agent.getSessionLinks(usedSessionUrl);
    if (session.ok) return 'alive';
    if (session.error.kind !== 'session-gone') return session.error;
    return (await this.restartAgentSessionOnce(connection)) ? 'recovered' : { kind: 'network', message: 'The agent session could not be restarted yet' };
  }

  /** One restart at a time: the poll loop and the outbox may both notice the loss. */
  private restartAgentSessionOnce(connection: Connection): Promise<boolean> {
    this.sessionRecovery ??= this.restartAgentSession(connection).finally(() => {
      this.sessionRecovery = undefined;
    });
    return this.sessionRecovery;
  }

  async setTyping(chatId: string, typing: boolean): Promise<CommandResult> {
    const api = await this.api();
    const chat = this.chat(chatId);
    if (!api || !chat || chat.state !== 'chatting') return OK; // nothing to tell anyone
    const url = chat.links['agent-typing'] ?? `${chat.chatUrl}/info/agentTyping`;
    const result = await api.agent.setAgentTyping(url, typing);
    // Typing is a hint: a failure is logged, not shown.
    if (!result.ok) this.deps.log.warn('Could not set agent typing', { kind: result.error.kind, status: result.error.status });
    return OK;
  }

  async getTransferOptions(chatId: string): Promise<({ ok: true } & TransferOptions) | Refusal> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    const [skills, agents] = await Promise.all([
      this.retriedAfterRefresh(() => api.agent.getTransferOptions(chat.links.transfer ?? `${chat.chatUrl}/transfer`)),
      this.retriedAfterRefresh(() => api.agent.getAvailableAgents(api.connection.sessionUrl)),
    ]);
    if (!skills.ok) return this.commandFailed('Could not load the transfer options', skills.error);
    const colleagues = agents.ok
      ? agents.value
          .filter((a) => (a.chatState === 'Online' || a.chatState === 'Occupied') && a.id !== api.connection.userId)
          .map((a) => ({ id: a.id, name: a.name }))
      : [];
    return { ok: true, skills: skills.value, agents: colleagues };
  }

  async getCapacity(): Promise<({ ok: true } & Capacity) | Refusal> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const url = api.connection.sessionUrl;
    const [mine, account, agents] = await Promise.all([
      this.retriedAfterRefresh(() => api.agent.getAvailableSlots(url, { agent: api.connection.loginName })),
      this.retriedAfterRefresh(() => api.agent.getAvailableSlots(url)),
      this.retriedAfterRefresh(() => api.agent.getAvailableAgents(url, { chatState: 'Online' })),
    ]);
    if (!mine.ok) return this.commandFailed('Could not read the available slots', mine.error);
    if (!account.ok) return this.commandFailed('Could not read the available slots', account.error);
    if (!agents.ok) return this.commandFailed('Could not read the available agents', agents.error);
    return { ok: true, mySlots: mine.value, accountSlots: account.value, onlineAgents: agents.value.length };
  }

  async transferChat(chatId: string, target: TransferTarget): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    const result = await this.retriedAfterRefresh(() => api.agent.transfer(chat.links.transfer ?? `${chat.chatUrl}/transfer`, target));
    if (!result.ok) return this.commandFailed('The chat was not transferred', result.error);
    // The chat is no longer ours: it leaves the panel.
    this.state.chats = this.state.chats.filter((c) => c.id !== chatId);
    await this.commit();
    return OK;
  }

  async getAgentSurvey(chatId: string): Promise<{ ok: true; survey: AgentSurvey } | Refusal> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    const result = await this.retriedAfterRefresh(() => api.agent.getAgentSurvey(chat.links['agent-survey'] ?? `${chat.chatUrl}/survey`));
    if (!result.ok) return this.commandFailed('Could not load the agent survey', result.error);
    return { ok: true, survey: result.value };
  }

  async submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string[]>): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    const result = await this.retriedAfterRefresh(() => api.agent.submitAgentSurvey(chat.links['agent-survey'] ?? `${chat.chatUrl}/survey`, surveyId, answers));
    if (!result.ok) return this.commandFailed('The survey was not submitted', result.error);
    chat.surveySubmitted = true;
    await this.commit();
    return OK;
  }

  async endChat(chatId: string): Promise<CommandResult> {
    const api = await this.api();
    if (!api) return fail('Sign in first.');
    const chat = this.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    if (chat.state === 'ended') return OK;
    const result = await this.retriedAfterRefresh(() => api.agent.endChat(eventsUrl(chat)));
    if (!result.ok) return this.commandFailed('Could not end the chat', result.error);
    chat.state = 'ended';
    await this.commit();
    return OK;
  }

  async closeChat(chatId: string): Promise<CommandResult> {
    await this.restore();
    const chat = this.chat(chatId);
    if (!chat) return OK;
    if (chat.state !== 'ended') return fail('End the chat before closing it.');
    this.state.chats = this.state.chats.filter((c) => c.id !== chatId);
    await this.commit();
    return OK;
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
    if (!this.state.connection) return;
    if (!online) {
      this.state.health.problem = 'You are offline. Agent Dock reconnects and sends your queued lines when the network is back.';
      await this.commit();
      return;
    }
    this.state.health = { ...this.state.health, problem: undefined, consecutiveFailures: 0 };
    for (const chat of this.state.chats) {
      // Lines that may have arrived still wait for the next read of the chat's events (nextToSend).
      for (const entry of chat.outbox) if (entry.status === 'pending') entry.notBefore = undefined;
    }
    await this.commit();
    this.schedulePoll(0);
  }

  // ---- sign-in -----------------------------------------------------------------------------

  private async openConnection(
    input: SignIn | SignInWithApiKey,
  ): Promise<
    { ok: true; value: { connection: Connection; profile?: AgentProfile; availability: string; chats: StoredChat[] } } | { ok: false; error: string }
  > {
    const { client } = this.deps;
    const domain = await client.domain.lookup({ csdsUrl: input.csdsUrl, accountId: input.accountId, service: 'agentVep' });
    if (!domain.ok) return { ok: false, error: explain('Could not find the account’s LivePerson domain', domain.error) };
    const origin = domain.value;
    const address = { origin, accountId: input.accountId, username: input.username };
    const apiKeys = 'appKey' in input ? { appKey: input.appKey, secret: input.secret, accessToken: input.accessToken, accessTokenSecret: input.accessTokenSecret } : undefined;
    const login = apiKeys
      ? await client.login.withApiKey({ ...address, ...apiKeys })
      : await client.login.withPassword({ ...address, password: (input as SignIn).password });
    if (!login.ok) {
      const error =
        login.error.kind === 'auth-expired'
          ? apiKeys
            ? 'LivePerson refused that user name or API key.'
            : 'LivePerson refused that user name or password.'
          : explain('Could not sign in', login.error);
      return { ok: false, error };
    }
    const agentOrigin = login.value.serviceOrigins.agentVep ?? origin;
    const agent = client.agent({ ...(apiKeys ? { apiKeys } : { bearer: login.value.bearer }), origin: agentOrigin });
    const session = await agent.startSession({ origin: agentOrigin, accountId: input.accountId });
    if (!session.ok) return { ok: false, error: explain('Signed in, but the agent session could not start', session.error) };
    const sessionUrl = session.value.sessionUrl;
    const [info, availability, held] = await Promise.all([
      agent.getInfo(sessionUrl),
      agent.getAvailability(sessionUrl),
      agent.getChatSessions(sessionUrl),
    ]);
    const connection: Connection = {
      csdsUrl: input.csdsUrl,
      accountId: input.accountId,
      origin: agentOrigin,
      bearer: login.value.bearer,
      ...(apiKeys ? { apiKeys } : {}),
      csrf: login.value.csrf,
      sessionTtlMs: login.value.sessionTtlMs,
      loginAt: this.now(),
      refreshedAt: this.now(),
      userId: login.value.userId,
      loginName: login.value.loginName,
      agentName: info.ok ? info.value.nickname || info.value.name : login.value.loginName,
      sessionUrl,
    };
    // Continuity: chats this agent already holds (another device, a lost worker) come back.
    const chats: StoredChat[] = [];
    if (held.ok) {
      for (const ref of held.value) {
        const chat = await agent.getChat(ref.chatUrl);
        if (chat.ok) chats.push(storedChat(chat.value));
      }
    }
    const profile: AgentProfile | undefined = info.ok
      ? { id: info.value.id, name: connection.agentName, skills: info.value.skills, maxChats: info.value.maxChats }
      : undefined;
    return {
      ok: true,
      value: { connection, profile, availability: availability.ok ? availability.value.chat : 'Offline', chats },
    };
  }

  private async endConnection(reason: string): Promise<void> {
    this.stopPolling();
    this.state = { ...initialState(), signedOutReason: reason };
    await this.commit();
  }

  // ---- polling -----------------------------------------------------------------------------

  private schedulePoll(delayMs: number): void {
    if (this.stopped) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.pollOnce();
    }, delayMs);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** One cycle: incoming requests, then every open chat in one A12 request. */
  async pollOnce(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const startedAt = this.now();
    let next: number | undefined;
    try {
      next = await this.cycle(startedAt);
    } catch (error) {
      // Never let a bug stop the loop silently: log it, show it, try again later.
      this.deps.log.warn('Poll cycle crashed', { error: String(error) });
      this.state.health.problem = 'Agent Dock hit an internal error while polling; retrying.';
      await this.commit();
      next = 5_000;
    } finally {
      this.polling = false;
    }
    // Cycles start `next` apart (LivePerson's 2 s is start to start), not `next` after this one ended.
    if (next !== undefined && this.state.connection) this.schedulePoll(Math.max(0, next - (this.now() - startedAt)));
  }

  /** Returns the delay from this cycle's start to the next one's, or undefined to stop. */
  private async cycle(startedAt: number): Promise<number | undefined> {
    const api = await this.api();
    if (!api) return undefined;
    const { agent, connection } = api;
    const interval = await this.deps.pollIntervalMs(connection.origin);
    // Offline, every call would fail: wait (cheaply) for the browser's online event or the next turn.
    if (this.offline) return interval;

    if (this.now() - connection.refreshedAt >= LOGIN_REFRESH_EVERY_MS && (await this.refreshLogin(connection)) === 'ended') return undefined;

    const incoming = await agent.getIncoming(connection.sessionUrl);
    if (!incoming.ok) return this.pollFailed(incoming.error, interval, startedAt);
    const wasRinging = this.state.ringing.count > 0;
    this.state.ringing = {
      count: incoming.value.ringingCount,
      since: incoming.value.ringingCount > 0 ? (this.state.ringing.since ?? this.now()) : undefined,
      acceptUrl: incoming.value.acceptUrl,
    };
    if (wasRinging && incoming.value.ringingCount === 0) {
      // A ring that stopped without our accept may have set us Away (the 20 s rule): re-read.
      const availability = await agent.getAvailability(connection.sessionUrl);
      if (availability.ok) this.state.availability = availability.value.chat;
    }

    const open = this.state.chats.filter((c) => c.state !== 'ended');
    if (open.length > 0) {
      const readStartedAt = this.now();
      const chats = await agent.getChats(
        connection.sessionUrl,
        open.map((c) => ({ chatId: c.id, lastEventId: c.lastEventId })),
      );
      if (!chats.ok) return this.pollFailed(chats.error, interval, startedAt);
      for (const snapshot of chats.value) {
        const chat = this.chat(snapshot.chatId);
        if (!chat) continue;
        mergeEvents(chat, snapshot.events);
        applyInfo(chat, snapshot.info);
        chat.eventsReadAt = readStartedAt;
        if (Object.keys(snapshot.links).length) chat.links = { ...chat.links, ...snapshot.links };
      }
    }

    this.state.health = { lastPollAt: this.now(), consecutiveFailures: 0 };
    await this.commit();
    // Lines waiting for a retry go now that the events were read (and lost answers reconciled).
    for (const chat of this.state.chats) {
      if (nextToSend(chat, this.now())) void this.flushOutbox(chat.id);
    }
    return interval;
  }

  private async pollFailed(error: ApiError, interval: number, cycleStartedAt: number): Promise<number | undefined> {
    const connection = this.state.connection;
    if (!connection) return undefined;
    if (error.kind === 'auth-expired') {
      // One refresh-and-retry, then a clear signed-out state.
      return (await this.refreshLogin(connection)) === 'ended' ? undefined : interval;
    }
    if (error.kind === 'session-gone') {
      const restarted = await this.restartAgentSessionOnce(connection);
      if (restarted) return interval;
    }
    this.state.health.consecutiveFailures += 1;
    this.state.health.problem = explain('LivePerson is not answering as expected', error);
    this.deps.log.warn('Poll failed', { kind: error.kind, status: error.status, url: error.url, message: error.message });
    await this.commit();
    const canRing = this.state.availability === 'Online' || this.state.availability === 'Occupied';
    if (canRing && sessionIsLost(this.state.health, connection.loginAt, this.now())) {
      // Never Online and deaf: while we cannot hear rings, LivePerson must not route any.
      const away = await this.goAway(sessionLostReason(error.message));
      if (!away.ok) this.deps.log.warn('Could not set the agent Away after losing the session', { message: away.message });
    }
    // A backoff, and a Retry-After above all, counts from the failure, not from the cycle's start.
    return Math.max(interval, this.now() - cycleStartedAt + retryDelay(error, this.state.health.consecutiveFailures));
  }

  private async refreshLogin(connection: Connection): Promise<LoginRefresh> {
    const result = await this.deps.client.login.refresh({ origin: connection.origin, accountId: connection.accountId, csrf: connection.csrf });
    if (result.ok) {
      connection.refreshedAt = this.now();
      await this.commit();
      return 'refreshed';
    }
    if (result.error.kind === 'auth-expired') {
      this.deps.log.warn('Login could not be refreshed', { message: result.error.message });
      await this.endConnection('Your LivePerson login expired. Sign in again.');
      return 'ended';
    }
    // A transient failure: keep going, the next cycle tries again.
    this.state.health.problem = explain('Could not refresh the LivePerson login', result.error);
    await this.commit();
    return result.error;
  }

  /** The agent session vanished: start a new one, restore availability, take back held chats. */
  private async restartAgentSession(connection: Connection): Promise<boolean> {
    const agent = this.deps.client.agent(agentAuth(connection));
    const session = await agent.startSession({ origin: connection.origin, accountId: connection.accountId });
    if (!session.ok) return false;
    connection.sessionUrl = session.value.sessionUrl;
    this.deps.log.info('Started a new agent session after the old one was lost');
    // Links into the old session are dead. Chats live under their session (`{session}/chat/{id}`),
    // so every chat we hold moves to the new one now; if chatSessions answers below, its links win.
    for (const chat of this.state.chats) {
      chat.chatUrl = `${connection.sessionUrl}/chat/${encodeURIComponent(chat.id)}`;
      chat.links = {};
    }
    const wanted = this.state.availability;
    if (wanted === 'Online' || wanted === 'Away' || wanted === 'Occupied') {
      const restored = await agent.setAvailability(connection.sessionUrl, wanted);
      if (!restored.ok) {
        // Never show a state the new session does not have: read what it is.
        this.deps.log.warn('Could not restore availability on the new agent session', { kind: restored.error.kind, status: restored.error.status });
        const actual = await agent.getAvailability(connection.sessionUrl);
        this.state.availability = actual.ok ? actual.value.chat : null;
        this.state.health.problem = `Your availability (${wanted}) could not be restored after the session restarted; set it again.`;
      }
    }
    const held = await agent.getChatSessions(connection.sessionUrl);
    if (held.ok) {
      for (const ref of held.value) {
        const chat = this.chat(ref.chatId);
        if (chat) {
          chat.chatUrl = ref.chatUrl;
          chat.links = {};
        } else {
          const loaded = await agent.getChat(ref.chatUrl);
          if (loaded.ok) this.upsertChat(loaded.value);
        }
      }
    }
    await this.commit();
    return true;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async api(): Promise<{ agent: AgentApi; connection: Connection } | undefined> {
    await this.restore();
    const connection = this.state.connection;
    if (!connection) return undefined;
    return { agent: this.deps.client.agent(agentAuth(connection)), connection };
  }

  private chat(chatId: string): StoredChat | undefined {
    return this.state.chats.find((c) => c.id === chatId);
  }

  private upsertChat(snapshot: ChatSnapshot): void {
    const existing = this.chat(snapshot.chatId);
    if (existing) {
      existing.chatUrl = snapshot.chatUrl;
      existing.links = { ...existing.links, ...snapshot.links };
      mergeEvents(existing, snapshot.events);
      applyInfo(existing, snapshot.info);
      return;
    }
    this.state.chats.push(storedChat(snapshot));
  }

  /**
   * LivePerson's rule for a 401: refresh the login once and try the call once more (a 401 means it
   * was not applied). Calls that fail at once share one refresh.
   */
  private async retriedAfterRefresh<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    const first = await call();
    const connection = this.state.connection;
    if (first.ok || first.error.kind !== 'auth-expired' || !connection) return first;
    this.loginRefresh ??= this.refreshLogin(connection).finally(() => {
      this.loginRefresh = undefined;
    });
    return (await this.loginRefresh) !== 'ended' && this.state.connection ? call() : first;
  }

  private async commandFailed(what: string, error: ApiError): Promise<Refusal> {
    this.deps.log.warn(what, { kind: error.kind, status: error.status, url: error.url, message: error.message });
    if (error.kind === 'auth-expired' && this.state.connection) {
      if ((await this.refreshLogin(this.state.connection)) === 'ended') return fail('Your LivePerson login expired. Sign in again.');
    }
    await this.commit();
    return fail(explain(what, error));
  }

  /** Saves the state (this write also keeps the worker alive) and pushes the view. */
  private async commit(): Promise<void> {
    if (await this.save()) this.publish();
  }

  /** Saves the state as a new version; false, saving nothing, once this runtime is stopped. */
  private async save(): Promise<boolean> {
    // A stopped runtime is a dead worker: it must not overwrite what its successor saves.
    if (this.stopped) return false;
    this.version += 1;
    await this.deps.store.save(this.state);
    return true;
  }

  /** Pushes the current view to every listener (the open tabs, the alerts). */
  private publish(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }
}

/** A login refresh: done; the login is over (signed out); or a failure worth trying again later. */
type LoginRefresh = 'refreshed' | 'ended' | ApiError;

function storedChat(snapshot: ChatSnapshot): StoredChat {
  const chat: StoredChat = {
    id: snapshot.chatId,
    chatUrl: snapshot.chatUrl,
    links: snapshot.links,
    lastEventId: -1,
    state: 'waiting',
    visitorName: 'Visitor',
    visitorTyping: false,
    lines: [],
    outbox: [],
  };
  mergeEvents(chat, snapshot.events);
  applyInfo(chat, snapshot.info);
  return chat;
}

/** Bots sign their requests with their API keys; agents carry the bearer (and the cookies). */
function agentAuth(connection: Connection): AgentAuth {
  // Pinned to the account's agentVep origin (src/api/types.ts AgentAuth).
  return { ...(connection.apiKeys ? { apiKeys: connection.apiKeys } : { bearer: connection.bearer }), origin: connection.origin };
}

function eventsUrl(chat: StoredChat): string {
  return chat.links.events ?? `${chat.chatUrl}/events`;
}

/** "What failed: why." in one sentence for the UI. */
function explain(what: string, error: ApiError): string {
  return `${what}: ${error.message}`;
}

