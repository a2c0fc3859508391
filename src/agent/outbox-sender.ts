/**
 * Sending the agent's lines: each is queued durably before anything is sent (a worker stop cannot
 * lose it), a line the UI sends again is recognised by its client id, one flush per chat runs at a
 * time so lines leave in order, and failures retry or wait for the agent (the rules: ./outbox.ts).
 */
import type { CommandResult } from '../messaging/protocol';
import type { AgentStore } from './agent-store';
import { addOwnLine } from './chat-events';
import { fail, OK, type Logger } from './command-result';
import type { ConnectionLifecycle } from './connection';
import type { ConversationService } from './conversation-service';
import { attemptFailed, nextToSend, queueLine, retryEntry } from './outbox';

/** How many of a chat's last queued lines are recognised when the UI sends them again. */
const MAX_REMEMBERED_CLIENT_IDS = 50;

export interface OutboxSenderDeps {
  store: AgentStore;
  service: ConversationService;
  connection: ConnectionLifecycle;
  log: Logger;
  now(): number;
}

export class OutboxSender {
  /** One outbox flush per chat at a time, so lines leave in order. */
  private readonly flushes = new Map<string, Promise<void>>();

  constructor(private readonly deps: OutboxSenderDeps) {}

  /**
   * Queues a line and sends it in order behind any line still queued in that chat. Answers once
   * the first attempt is over; a refusal means the line was not queued. The POST waits on one
   * storage write only: see `saveAndFlush`.
   */
  async sendLine(chatId: string, text: string, privateNote = false, clientId?: string, html?: string): Promise<CommandResult> {
    const { store } = this.deps;
    if (!store.state.connection) return fail('Sign in first.');
    const chat = store.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    // The UI resends a command the stopped worker never answered; a previous worker may have queued it.
    if (clientId && chat.queuedClientIds?.includes(clientId)) return OK;
    if (chat.state === 'ended') return fail('The chat has ended.');
    queueLine(chat, `${this.deps.now()}-${Math.random().toString(36).slice(2, 8)}`, text, privateNote, html);
    if (clientId) chat.queuedClientIds = [...(chat.queuedClientIds ?? []), clientId].slice(-MAX_REMEMBERED_CLIENT_IDS);
    chat.draft = undefined;
    await this.saveAndFlush(chatId);
    return OK;
  }

  /** The agent's Retry on a failed line. */
  async retryLine(chatId: string, localId: string): Promise<CommandResult> {
    const { store } = this.deps;
    const entry = store.chat(chatId)?.outbox.find((e) => e.localId === localId);
    if (!entry) return OK; // already delivered or discarded
    if (entry.status === 'failed') retryEntry(entry);
    await this.saveAndFlush(chatId);
    const settled = store.chat(chatId)?.outbox.find((e) => e.localId === localId);
    if (settled?.status === 'failed') return fail(`The line was not sent: ${settled.problem ?? 'unknown error'}`);
    return OK;
  }

  /** The agent gives up on a failed line. */
  async discardLine(chatId: string, localId: string): Promise<CommandResult> {
    const chat = this.deps.store.chat(chatId);
    if (!chat) return OK;
    const entry = chat.outbox.find((e) => e.localId === localId);
    if (entry && entry.status !== 'failed') return fail('That line is still being sent.');
    chat.outbox = chat.outbox.filter((e) => e.localId !== localId);
    await this.deps.store.commit();
    return OK;
  }

  /**
   * Saves a change to a chat's outbox and sends what is due. With no flush running, the write that
   * saves the change also starts the next attempt (the entry saved as `sending`), so the POST waits
   * on that one write; a running flush takes the change in turn, so it is saved at once.
   */
  private async saveAndFlush(chatId: string): Promise<void> {
    if (this.flushes.has(chatId)) {
      await this.deps.store.commit();
      return this.flush(chatId);
    }
    return this.flush(chatId, { unsaved: true });
  }

  /**
   * Sends a chat's due lines one at a time, in order; one flush per chat runs at a time. `unsaved`:
   * the state holds a change not yet saved, which the flush saves even if nothing is due.
   */
  flush(chatId: string, { unsaved = false } = {}): Promise<void> {
    const previous = this.flushes.get(chatId) ?? Promise.resolve();
    const next = previous.then(() => this.drain(chatId, unsaved)).catch((error: unknown) => {
      this.deps.log.warn('Outbox flush crashed', { error: String(error) });
    });
    this.flushes.set(chatId, next);
    void next.finally(() => {
      if (this.flushes.get(chatId) === next) this.flushes.delete(chatId);
    });
    return next;
  }

  private async drain(chatId: string, unsaved: boolean): Promise<void> {
    const { store, service, connection: lifecycle, log, now } = this.deps;
    for (;;) {
      const connection = store.state.connection;
      const chat = store.chat(chatId);
      const entry = connection && chat && !store.stopped ? nextToSend(chat, now()) : undefined;
      if (!connection || !chat || !entry) {
        if (unsaved) await store.commit();
        return;
      }
      entry.status = 'sending';
      entry.attempts += 1;
      entry.attemptStartedAt = now();
      // The poll loop may replace the agent session while this request is out: remember which
      // session the request went to, so a 404 from the old one is not blamed on the new one.
      const sentUnderSession = connection.sessionUrl;
      // Saved as sending before the request leaves (a worker stop then reconciles, never resends
      // blindly); the views go out once it has left, so pushing them to the tabs does not delay it.
      const saved = await store.save();
      unsaved = false;
      const posting = service.sendLine(connection, chat, { text: entry.text, private: !!entry.private, ...(entry.html ? { html: entry.html } : {}) });
      if (saved) store.publish();
      const posted = await posting;
      const current = store.chat(chatId);
      const queued = current?.outbox.find((e) => e.localId === entry.localId);
      if (!current) return;
      if (posted.ok) {
        // Delivered. A poll may have confirmed it already; either way it is a line now.
        current.outbox = current.outbox.filter((e) => e.localId !== entry.localId);
        addOwnLine(current, {
          id: String(posted.value.eventId),
          source: 'agent',
          by: connection.agentName,
          // As it went: an HTML line shows through the panel's sanitizer, like every HTML line.
          ...(posted.value.asHtml && entry.html ? { text: entry.html, textType: 'html' as const } : { text: entry.text, textType: 'plain' as const }),
          time: new Date(now()).toISOString(),
          ...(entry.private ? { private: true } : {}),
        });
        await store.commit();
        continue;
      }
      if (!queued) {
        // A poll proved it delivered while the request was failing: nothing to do.
        await store.commit();
        continue;
      }
      let error = posted.error;
      log.warn('A line was not sent', { kind: error.kind, status: error.status, url: error.url, attempt: queued.attempts });
      if (error.kind === 'session-gone') {
        const check = await lifecycle.recoverIfSessionLost(connection, sentUnderSession);
        if (check === 'recovered') {
          queued.status = 'pending';
          queued.attempts -= 1;
          await store.commit();
          if (!store.chat(chatId)) return; // no longer ours after the new session
          continue;
        }
        // 'alive': the chat itself is gone (a 404 for good). Otherwise the check's own failure
        // decides, as the line's would: a 401 there refreshes the login below, a 5xx retries later.
        if (check !== 'alive') error = check;
      }
      if (error.kind === 'auth-expired') {
        const refresh = await lifecycle.refreshLogin(connection);
        if (refresh === 'refreshed') {
          // The login is fresh again: this attempt does not count.
          queued.status = 'pending';
          queued.attempts -= 1;
          await store.commit();
          continue;
        }
        // Signed out, the line waits for the agent; a refresh that failed for now is retried with
        // its backoff, not at once (the bearer is still expired).
        if (refresh !== 'ended') error = refresh;
      }
      attemptFailed(queued, error, now());
      await store.commit();
      if (queued.status !== 'failed') return; // waits for its retry; the poll loop brings it back
    }
  }
}
