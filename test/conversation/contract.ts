/**
 * One scenario set for every implementation of the conversation-service seam
 * (src/agent/conversation-service.ts), run against the emulator over the real wire: the Chat
 * Agent API (REST; the far side is a chat visitor) and LivePerson Messaging (UMS WebSocket; the
 * far side is a Messaging consumer). Each protocol supplies how to start it and its far side;
 * the scenarios speak only the seam's terms.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationService } from '../../src/agent/conversation-service';
import { storedChat } from '../../src/agent/chat-list';
import { mergeEvents } from '../../src/agent/chat-events';
import type { Connection } from '../../src/agent/state';
import { startEmulator, type Emulator } from '../emulator/server';

/** The other end of a conversation (a chat visitor, a Messaging consumer). */
export interface FarSide {
  say(text: string): Promise<void>;
  /** Resolves once the agent's line with this text reached the far side. */
  sees(text: string): Promise<void>;
  stop(): void;
}

export interface ContractSubject {
  name: string;
  service(emulator: Emulator): ConversationService;
  /** Starts a conversation from the far side (it rings an Online agent). */
  farSide(emulator: Emulator, name: string): Promise<FarSide>;
  /** Whether the protocol carries HTML lines (the Chat Agent API's `textType: html`); else a line's words go. */
  carriesHtml: boolean;
}

const ACCOUNT = '12345678';

export function conversationServiceContract(subject: ContractSubject): void {
  describe(`conversation service contract: ${subject.name}`, () => {
    let emulator: Emulator;
    let service: ConversationService;
    const stops: Array<() => void> = [];

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0 });
      service = subject.service(emulator);
    });
    afterEach(async () => {
      for (const stop of stops.splice(0)) stop();
      await emulator.close();
    });

    const signIn = async (): Promise<Connection> => {
      const opened = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'agent1-pass' }, 42);
      if (!opened.ok) throw new Error(opened.error);
      stops.push(() => void service.signOut(opened.value.connection));
      return opened.value.connection;
    };

    const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };

    /** Signed in and Online, Ola's conversation rings and is accepted. */
    const acceptOla = async () => {
      const connection = await signIn();
      unwrap(await service.setPresence(connection, 'Online'));
      const far = await subject.farSide(emulator, 'Ola');
      stops.push(() => far.stop());
      let offer: string | undefined;
      await vi.waitFor(async () => {
        const work = unwrap(await service.incomingWork(connection));
        expect(work.ringing).toBe(1);
        offer = work.offer;
      }, { timeout: 10_000 });
      const ref = unwrap(await service.accept(connection, offer!));
      const chat = storedChat(unwrap(await service.chat(connection, ref)));
      return { connection, far, ref, chat };
    };

    it('signs in with the host from CSDS and says so in a sentence when LivePerson refuses', async () => {
      const opened = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'agent1-pass' }, 42);
      expect(opened.ok).toBe(true);
      if (opened.ok) {
        expect(opened.value.connection).toMatchObject({ accountId: ACCOUNT, loginAt: 42, refreshedAt: 42 });
        expect(opened.value.chats).toEqual([]);
        await service.signOut(opened.value.connection);
      }
      const refused = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'wrong' }, 42);
      expect(refused).toEqual({ ok: false, error: 'LivePerson refused that user name or password.' });
    });

    it('sets and reads presence', async () => {
      const connection = await signIn();
      unwrap(await service.setPresence(connection, 'Online'));
      expect(await service.presence(connection)).toEqual({ ok: true, value: 'Online' });
      unwrap(await service.setPresence(connection, 'Away'));
      expect(await service.presence(connection)).toEqual({ ok: true, value: 'Away' });
      expect((await service.keepSignedIn(connection)).ok).toBe(true);
    });

    it('carries a conversation: ring, accept, lines both ways without doubles, typing, end', async () => {
      const { connection, far, ref, chat } = await acceptOla();
      expect(chat.id).toBe(ref.chatId);
      expect(chat.state).not.toBe('ended');

      await far.say('hello');
      await vi.waitFor(async () => {
        const [snapshot] = unwrap(await service.chatEvents(connection, [chat]));
        mergeEvents(chat, snapshot!.events);
        expect(chat.lines.filter((l) => l.text === 'hello' && l.source === 'visitor')).toHaveLength(1);
      }, { timeout: 10_000 });
      // Read again from the same cursor: nothing new, nothing doubled.
      const [again] = unwrap(await service.chatEvents(connection, [chat]));
      expect(again!.events.filter((e) => e.id <= chat.lastEventId)).toEqual([]);

      const sent = unwrap(await service.sendLine(connection, chat, { text: 'hi Ola', private: false }));
      expect(sent.eventId).toBeGreaterThan(chat.lastEventId - 1);
      await far.sees('hi Ola');
      // An HTML canned response: as HTML where the protocol carries it, else its words.
      const html = '<div dir="auto">Use the <b>reset page</b>.</div>';
      const rich = unwrap(await service.sendLine(connection, chat, { text: 'Use the reset page.', private: false, html }));
      expect(!!rich.asHtml).toBe(subject.carriesHtml);
      await far.sees(subject.carriesHtml ? html : 'Use the reset page.');
      unwrap(await service.setTyping(connection, chat, true));
      unwrap(await service.setTyping(connection, chat, false));
      unwrap(await service.end(connection, chat));
      await vi.waitFor(async () => {
        const [snapshot] = unwrap(await service.chatEvents(connection, [chat]));
        mergeEvents(chat, snapshot!.events);
        if (snapshot!.info?.state) chat.state = snapshot!.info.state;
        expect(chat.state).toBe('ended');
      }, { timeout: 10_000 });
    });

    it('offers transfer targets a colleague online can take, and a transfer to one takes the conversation from the agent', async () => {
      // Sam (agent2, Support) signs in with a second service and goes Online.
      const other = subject.service(emulator);
      const sam = await other.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent2', password: 'agent2-pass' }, 42);
      if (!sam.ok) throw new Error(sam.error);
      stops.push(() => void other.signOut(sam.value.connection));
      unwrap(await other.setPresence(sam.value.connection, 'Online'));

      const { connection, chat } = await acceptOla();
      // No more new work for this agent: the transferred conversation must go to Sam.
      unwrap(await service.setPresence(connection, 'Away'));

      let targets: Array<{ id: string; name: string }> = [];
      await vi.waitFor(async () => {
        targets = unwrap(await service.transferTargets(connection, chat));
        expect(targets.map((t) => t.name)).toContainEqual(expect.stringContaining('Support'));
      }, { timeout: 5_000 });
      for (const target of targets) expect(target).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String) }));
      const support = targets.find((t) => t.name.includes('Support'))!;
      unwrap(await service.transfer(connection, chat, { skillId: support.id }));
      // Sam is rung for it.
      await vi.waitFor(async () => expect(unwrap(await other.incomingWork(sam.value.connection)).ringing).toBe(1), { timeout: 10_000 });
      await vi.waitFor(async () => expect(unwrap(await service.heldChats(connection)).map((c) => c.chatId)).not.toContain(chat.id), { timeout: 10_000 });
    });
  });
}
