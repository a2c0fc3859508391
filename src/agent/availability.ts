/**
 * The agent's availability: the explicit change (which ends drain mode), the automatic Away with
 * its reason, and drain mode ("finish my chats, then go Away"; PresenceGuard ends it).
 */
import type { PresenceChoice } from './conversation-service';
import type { CommandResult } from '../messaging/protocol';
import type { AgentStore } from './agent-store';
import { fail, OK } from './command-result';
import type { ConnectionLifecycle } from './connection';
import type { ConversationService } from './conversation-service';

export interface AvailabilityDeps {
  store: AgentStore;
  service: ConversationService;
  connection: ConnectionLifecycle;
  now(): number;
  log?: { warn(message: string, details?: unknown): void };
}

export class AvailabilityCommands {
  constructor(private readonly deps: AvailabilityDeps) {}

  /** Any explicit change ends drain mode; an automatic Away carries the sentence saying why. */
  async set(chat: PresenceChoice, awayReason?: string, chosenReason?: string): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const connection = store.state.connection;
    if (!connection) return fail('Sign in first.');
    const result = await lifecycle.retriedAfterRefresh(() => service.setPresence(connection, chat, chosenReason ?? awayReason));
    if (!result.ok) return lifecycle.commandFailed('Could not change availability', result.error);
    store.state.availability = chat;
    store.state.presence = chat === 'Away' && awayReason ? { awayNotice: { reason: awayReason, at: this.deps.now() } } : undefined;
    await store.commit();
    return OK;
  }

  /** The account's away reasons; none where the protocol offers none or they cannot be read (the agent may still type one). */
  async reasons(): Promise<{ ok: true; reasons: string[] }> {
    const { store, service, connection: lifecycle } = this.deps;
    const connection = store.state.connection;
    if (!connection || !service.awayReasons) return { ok: true, reasons: [] };
    const reasons = await lifecycle.retriedAfterRefresh(() => service.awayReasons!(connection));
    if (reasons.ok) return { ok: true, reasons: reasons.value };
    this.deps.log?.warn('Away reasons could not be read', { kind: reasons.error.kind, status: reasons.error.status });
    return { ok: true, reasons: [] };
  }

  /**
   * Occupied now (LivePerson routes no new chat to the agent, open ones go on), Away when the last
   * open chat ends (PresenceGuard watches for it).
   */
  async finishChatsThenAway(): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const connection = store.state.connection;
    if (!connection) return fail('Sign in first.');
    if (!store.state.chats.some((c) => c.state !== 'ended')) return this.set('Away');
    const result = await service.setPresence(connection, 'Occupied');
    if (!result.ok) return lifecycle.commandFailed('Could not stop new chats', result.error);
    store.state.availability = 'Occupied';
    store.state.presence = { draining: { since: this.deps.now() } };
    await store.commit();
    return OK;
  }
}
