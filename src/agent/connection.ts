/**
 * The connection's lifecycle: sign in, keep the login fresh (one shared refresh when several calls
 * meet a 401 at once, then one retry: LivePerson's rule), restart a lost agent session (one at a
 * time), sign out, and the clear signed-out state when the login is over.
 */
import type { ApiError, ChatAvailability, Result } from './conversation-service';
import type { CommandResult, Refusal } from '../messaging/protocol';
import type { AgentStore } from './agent-store';
import { upsertChat } from './chat-list';
import { explain, fail, OK, type Logger } from './command-result';
import type { ConversationService, SignInRequest } from './conversation-service';
import { SIGNED_OUT_BY_AGENT } from './presence';
import { initialState, type Connection } from './state';

/** A login refresh: done; the login is over (signed out); or a failure worth trying again later. */
export type LoginRefresh = 'refreshed' | 'ended' | ApiError;

export interface ConnectionDeps {
  store: AgentStore;
  service: ConversationService;
  log: Logger;
  now(): number;
  /** The poll loop stops when the connection ends. */
  stopPolling(): void;
  rememberAccount?(account: { csdsUrl: string; accountId: string; username: string }): Promise<void>;
  signInRefusal?(input: { csdsUrl: string; accountId: string }): Promise<string | undefined>;
}

export class ConnectionLifecycle {
  private sessionRecovery: Promise<boolean> | undefined;
  private loginRefresh: Promise<LoginRefresh> | undefined;

  constructor(private readonly deps: ConnectionDeps) {}

  private get state() {
    return this.deps.store.state;
  }

  /** Signs in and holds what LivePerson says; the caller starts polling. */
  async signIn(input: SignInRequest): Promise<CommandResult> {
    const { store, log } = this.deps;
    if (this.state.connection) return fail('Already signed in. Sign out first to change account.');
    if (this.state.signingIn) return fail('Signing in already.');
    const refusal = await this.deps.signInRefusal?.(input);
    if (refusal) return fail(refusal);
    this.state.signingIn = true;
    this.state.signedOutReason = undefined;
    await store.commit();
    const result = await this.deps.service.signIn(input, this.deps.now());
    this.state.signingIn = false;
    if (!result.ok) {
      this.state.signedOutReason = result.error;
      log.warn('Sign-in failed', { reason: result.error });
      await store.commit();
      return fail(result.error);
    }
    this.state.connection = result.value.connection;
    this.state.profile = result.value.profile;
    this.state.availability = result.value.availability;
    this.state.chats = [];
    for (const chat of result.value.chats) upsertChat(this.state, chat);
    this.state.health = { consecutiveFailures: 0 };
    this.state.ringing = { count: 0 };
    await store.commit();
    await this.deps.rememberAccount?.({ csdsUrl: input.csdsUrl, accountId: input.accountId, username: input.username });
    return OK;
  }

  async signOut(): Promise<CommandResult> {
    const connection = this.state.connection;
    if (!connection) return OK;
    this.deps.stopPolling();
    const result = await this.deps.service.signOut(connection);
    if (!result.ok) this.deps.log.warn('Logout call failed; dropping the session locally', { error: result.error.message });
    await this.end(SIGNED_OUT_BY_AGENT);
    return OK;
  }

  /** Signed out, with the reason the popup shows. */
  async end(reason: string): Promise<void> {
    this.deps.stopPolling();
    this.deps.store.state = { ...initialState(), signedOutReason: reason };
    await this.deps.store.commit();
  }

  async refreshLogin(connection: Connection): Promise<LoginRefresh> {
    const result = await this.deps.service.keepSignedIn(connection);
    if (result.ok) {
      connection.refreshedAt = this.deps.now();
      await this.deps.store.commit();
      return 'refreshed';
    }
    if (result.error.kind === 'auth-expired') {
      this.deps.log.warn('Login could not be refreshed', { message: result.error.message });
      await this.end('Your LivePerson login expired. Sign in again.');
      return 'ended';
    }
    // A transient failure: keep going, the next cycle tries again.
    this.state.health.problem = explain('Could not refresh the LivePerson login', result.error);
    await this.deps.store.commit();
    return result.error;
  }

  /**
   * LivePerson's rule for a 401: refresh the login once and try the call once more (a 401 means it
   * was not applied). Calls that fail at once share one refresh.
   */
  async retriedAfterRefresh<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    const first = await call();
    const connection = this.state.connection;
    if (first.ok || first.error.kind !== 'auth-expired' || !connection) return first;
    this.loginRefresh ??= this.refreshLogin(connection).finally(() => {
      this.loginRefresh = undefined;
    });
    return (await this.loginRefresh) !== 'ended' && this.state.connection ? call() : first;
  }

  /** A command's failure as the agent reads it; a 401 refreshes the login (or signs out). */
  async commandFailed(what: string, error: ApiError): Promise<Refusal> {
    this.deps.log.warn(what, { kind: error.kind, status: error.status, url: error.url, message: error.message });
    if (error.kind === 'auth-expired' && this.state.connection) {
      if ((await this.refreshLogin(this.state.connection)) === 'ended') return fail('Your LivePerson login expired. Sign in again.');
    }
    await this.deps.store.commit();
    return fail(explain(what, error));
  }

  /** One restart at a time: the poll loop and the outbox may both notice the loss. */
  restartSessionOnce(connection: Connection): Promise<boolean> {
    this.sessionRecovery ??= this.restartSession(connection).finally(() => {
      this.sessionRecovery = undefined;
    });
    return this.sessionRecovery;
  }

  /**
   * A 404/403 on a chat call means the chat left us, or the whole agent session is gone. Tells
   * which by reading the session; if it is gone, starts a new one (held chats come back with it).
   * Answers the error of the check itself when it could not tell.
   */
  async recoverIfSessionLost(connection: Connection, usedSession: string): Promise<'alive' | 'recovered' | ApiError> {
    const notYet: ApiError = { kind: 'network', message: 'The agent session could not be restarted yet' };
    if (this.sessionRecovery) return (await this.sessionRecovery) ? 'recovered' : notYet;
    if (this.state.connection?.sessionUrl !== usedSession) return 'recovered'; // someone already did
    const alive = await this.deps.service.sessionAlive(connection, usedSession);
    if (!alive.ok) return alive.error;
    if (alive.value) return 'alive';
    return (await this.restartSessionOnce(connection)) ? 'recovered' : notYet;
  }

  /** The agent session vanished: start a new one, restore availability, take back held chats. */
  private async restartSession(connection: Connection): Promise<boolean> {
    const { service, log } = this.deps;
    const session = await service.newSession(connection);
    if (!session.ok) return false;
    connection.sessionUrl = session.value;
    log.info('Started a new agent session after the old one was lost');
    // Every chat we hold moves to the new session now; if the held chats answer below, they win.
    for (const chat of this.state.chats) service.rehome(chat, connection);
    const wanted = this.state.availability;
    if (wanted === 'Online' || wanted === 'Away' || wanted === 'Occupied') {
      const restored = await service.setPresence(connection, wanted as ChatAvailability);
      if (!restored.ok) {
        // Never show a state the new session does not have: read what it is.
        log.warn('Could not restore availability on the new agent session', { kind: restored.error.kind, status: restored.error.status });
        const actual = await service.presence(connection);
        this.state.availability = actual.ok ? actual.value : null;
        this.state.health.problem = `Your availability (${wanted}) could not be restored after the session restarted; set it again.`;
      }
    }
    const held = await service.heldChats(connection);
    if (held.ok) {
      for (const ref of held.value) {
        const chat = this.deps.store.chat(ref.chatId);
        if (chat) {
          service.rehome(chat, connection, ref);
        } else {
          const loaded = await service.chat(connection, ref);
          if (loaded.ok) upsertChat(this.state, loaded.value);
        }
      }
    }
    await this.deps.store.commit();
    return true;
  }
}
