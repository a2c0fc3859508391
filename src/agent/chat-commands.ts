/**
 * The agent's commands on chats: accept the ringing one, typing, transfer (and who can take it),
 * capacity, end, the wrap-up survey, close, drafts, and the visitor's details when a chat arrives.
 */
import type { AgentSurvey, TransferTarget } from './conversation-service';
import type { Capacity, CommandResult, Refusal, TransferOptions } from '../messaging/protocol';
import type { AgentStore } from './agent-store';
import { upsertChat, withoutChat } from './chat-list';
import { fail, OK, type Logger } from './command-result';
import type { ConnectionLifecycle } from './connection';
import type { ConversationService } from './conversation-service';
import type { Connection, StoredChat } from './state';

export interface ChatCommandsDeps {
  store: AgentStore;
  service: ConversationService;
  connection: ConnectionLifecycle;
  log: Logger;
}

export class ChatCommands {
  constructor(private readonly deps: ChatCommandsDeps) {}

  private get state() {
    return this.deps.store.state;
  }

  /** The connection and the chat a command is about, or why the command cannot run. */
  private target(chatId: string): { connection: Connection; chat: StoredChat } | Refusal {
    const connection = this.state.connection;
    if (!connection) return fail('Sign in first.');
    const chat = this.deps.store.chat(chatId);
    if (!chat) return fail('That chat is not open in Agent Dock.');
    return { connection, chat };
  }

  async accept(): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const connection = this.state.connection;
    if (!connection) return fail('Sign in first.');
    const offer = this.state.ringing.acceptUrl;
    if (!offer || this.state.ringing.count < 1) return fail('No chat is ringing any more.');
    const accepted = await lifecycle.retriedAfterRefresh(() => service.accept(connection, offer));
    if (!accepted.ok) return lifecycle.commandFailed('Could not accept the chat', accepted.error);
    // One fewer is ringing; the offer stays valid for the next one (it accepts "the next").
    const left = Math.max(0, this.state.ringing.count - 1);
    this.state.ringing = left > 0 ? { ...this.state.ringing, count: left } : { count: 0 };
    const loaded = await service.chat(connection, accepted.value);
    if (!loaded.ok) {
      // The chat is ours on LivePerson's side; hold it with what we know and let polling fill it in.
      upsertChat(this.state, { ...accepted.value, links: {}, events: [] });
      await store.commit();
      return lifecycle.commandFailed('The chat was accepted but could not be loaded yet', loaded.error);
    }
    upsertChat(this.state, loaded.value);
    await store.commit();
    await this.loadVisitor(accepted.value.chatId);
    return OK;
  }

  /** Visitor details for the panel's Visitor section; a chat works without them. */
  async loadVisitor(chatId: string): Promise<void> {
    const { store, service, log } = this.deps;
    const connection = this.state.connection;
    const chat = store.chat(chatId);
    if (!connection || !chat || chat.visitor) return;
    const visit = await service.visit(connection, chat);
    if (!visit) return;
    if (!visit.ok) {
      log.warn('Could not read the visit', { kind: visit.error.kind, status: visit.error.status, message: visit.error.message });
      return;
    }
    const current = store.chat(chatId);
    if (!current) return;
    current.visitor = visit.value;
    if (current.participantId && this.state.connection) {
      // An authenticated visitor: what the account's identity provider says comes first.
      const participant = await service.visitorIdentity(this.state.connection, current.participantId);
      if (participant.ok) {
        const authenticated = { label: 'Authenticated', value: participant.value.authenticated ? 'Yes' : 'No' };
        current.visitor = { ...visit.value, facts: [authenticated, ...participant.value.facts, ...visit.value.facts] };
      } else {
        log.warn('Could not read the authenticated visitor’s info', { kind: participant.error.kind, status: participant.error.status });
      }
    }
    await store.commit();
  }

  async setTyping(chatId: string, typing: boolean): Promise<CommandResult> {
    const connection = this.state.connection;
    const chat = this.deps.store.chat(chatId);
    if (!connection || !chat || chat.state !== 'chatting') return OK; // nothing to tell anyone
    const result = await this.deps.service.setTyping(connection, chat, typing);
    // Typing is a hint: a failure is logged, not shown.
    if (!result.ok) this.deps.log.warn('Could not set agent typing', { kind: result.error.kind, status: result.error.status });
    return OK;
  }

  async transferOptions(chatId: string): Promise<({ ok: true } & TransferOptions) | Refusal> {
    const { service, connection: lifecycle } = this.deps;
    const target = this.target(chatId);
    if (!('chat' in target)) return target;
    const { connection, chat } = target;
    const [skills, agents] = await Promise.all([
      lifecycle.retriedAfterRefresh(() => service.transferTargets(connection, chat)),
      lifecycle.retriedAfterRefresh(() => service.colleagues(connection)),
    ]);
    if (!skills.ok) return lifecycle.commandFailed('Could not load the transfer options', skills.error);
    const colleagues = agents.ok
      ? agents.value.filter((a) => (a.chatState === 'Online' || a.chatState === 'Occupied') && a.id !== connection.userId).map((a) => ({ id: a.id, name: a.name }))
      : [];
    return { ok: true, skills: skills.value, agents: colleagues };
  }

  async capacity(): Promise<({ ok: true } & Capacity) | Refusal> {
    const { service, connection: lifecycle } = this.deps;
    const connection = this.state.connection;
    if (!connection) return fail('Sign in first.');
    const [mine, account, agents] = await Promise.all([
      lifecycle.retriedAfterRefresh(() => service.freeSlots(connection, { agent: connection.loginName })),
      lifecycle.retriedAfterRefresh(() => service.freeSlots(connection)),
      lifecycle.retriedAfterRefresh(() => service.colleagues(connection, { chatState: 'Online' })),
    ]);
    if (!mine.ok) return lifecycle.commandFailed('Could not read the available slots', mine.error);
    if (!account.ok) return lifecycle.commandFailed('Could not read the available slots', account.error);
    if (!agents.ok) return lifecycle.commandFailed('Could not read the available agents', agents.error);
    return { ok: true, mySlots: mine.value, accountSlots: account.value, onlineAgents: agents.value.length };
  }

  async transfer(chatId: string, to: TransferTarget): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const target = this.target(chatId);
    if (!('chat' in target)) return target;
    const result = await lifecycle.retriedAfterRefresh(() => service.transfer(target.connection, target.chat, to));
    if (!result.ok) return lifecycle.commandFailed('The chat was not transferred', result.error);
    // The chat is no longer ours: it leaves the panel.
    withoutChat(this.state, chatId);
    await store.commit();
    return OK;
  }

  async survey(chatId: string): Promise<{ ok: true; survey: AgentSurvey } | Refusal> {
    const { service, connection: lifecycle } = this.deps;
    const target = this.target(chatId);
    if (!('chat' in target)) return target;
    const result = await lifecycle.retriedAfterRefresh(() => service.survey(target.connection, target.chat));
    if (!result.ok) return lifecycle.commandFailed('Could not load the agent survey', result.error);
    return { ok: true, survey: result.value };
  }

  async submitSurvey(chatId: string, surveyId: string, answers: Record<string, string[]>): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const target = this.target(chatId);
    if (!('chat' in target)) return target;
    const result = await lifecycle.retriedAfterRefresh(() => service.submitSurvey(target.connection, target.chat, surveyId, answers));
    if (!result.ok) return lifecycle.commandFailed('The survey was not submitted', result.error);
    target.chat.surveySubmitted = true;
    await store.commit();
    return OK;
  }

  async end(chatId: string): Promise<CommandResult> {
    const { store, service, connection: lifecycle } = this.deps;
    const target = this.target(chatId);
    if (!('chat' in target)) return target;
    if (target.chat.state === 'ended') return OK;
    const result = await lifecycle.retriedAfterRefresh(() => service.end(target.connection, target.chat));
    if (!result.ok) return lifecycle.commandFailed('Could not end the chat', result.error);
    target.chat.state = 'ended';
    await store.commit();
    return OK;
  }

  async close(chatId: string): Promise<CommandResult> {
    const chat = this.deps.store.chat(chatId);
    if (!chat) return OK;
    if (chat.state !== 'ended') return fail('End the chat before closing it.');
    withoutChat(this.state, chatId);
    await this.deps.store.commit();
    return OK;
  }

  /** Keeps what the agent typed, so a reload or another tab shows it again. */
  async saveDraft(chatId: string, text: string): Promise<CommandResult> {
    const chat = this.deps.store.chat(chatId);
    if (!chat) return OK;
    const draft = text || undefined;
    if (chat.draft === draft) return OK;
    chat.draft = draft;
    await this.deps.store.commit();
    return OK;
  }
}
