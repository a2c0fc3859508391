/**
 * The conversation service over the Chat Agent API, against the emulator over real HTTP: each
 * call of the seam (src/agent/conversation-service.ts) as the core uses it, in the product's terms.
 */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../../src/api';
import type { ConversationService } from '../../../src/agent/conversation-service';
import { listenForAnswers } from '../../../src/agent/conversation-service';
import { storedChat } from '../../../src/agent/chat-list';
import type { Connection } from '../../../src/agent/state';
import { chatAgentApiService } from '../../../src/conversation/chat-agent-api/service';
import { startEmulator, type Emulator } from '../../emulator/server';
import { Visitor } from '../../emulator/visitor';

describe('Chat Agent API conversation service', () => {
  let emulator: Emulator;
  let service: ConversationService;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    service = chatAgentApiService(createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }));
  });
  afterEach(() => emulator.close());

  const signIn = async (): Promise<Connection> => {
    const opened = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' }, 42);
    if (!opened.ok) throw new Error(opened.error);
    return opened.value.connection;
  };

  it('signs in (host from CSDS, login, agent session) and says so in a sentence when LivePerson refuses', async () => {
    const opened = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' }, 42);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.connection).toMatchObject({ accountId: '12345678', loginAt: 42, refreshedAt: 42 });
    expect(opened.value.profile?.name).toBeTruthy();
    expect(opened.value.chats).toEqual([]);
    const refused = await service.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'wrong' }, 42);
    expect(refused).toEqual({ ok: false, error: 'LivePerson refused that user name or password.' });
  });

  it('carries a chat: incoming work, accept, events, a line both ways, typing, end', async () => {
    const connection = await signIn();
    expect((await service.setPresence(connection, 'Online')).ok).toBe(true);
    expect(await service.presence(connection)).toEqual({ ok: true, value: 'Online' });
    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Ola' });
    let offer: string | undefined;
    await vi.waitFor(async () => {
      const work = await service.incomingWork(connection);
      expect(work.ok && work.value.ringing).toBe(1);
      offer = work.ok ? work.value.offer : undefined;
    });
    const accepted = await service.accept(connection, offer!);
    if (!accepted.ok) throw new Error(accepted.error.message);
    const loaded = await service.chat(connection, accepted.value);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const chat = storedChat(loaded.value);
    await visitor.sendLine('hello');
    const sent = await service.sendLine(connection, chat, { text: 'hi Ola', private: false });
    expect(sent.ok && sent.value.eventId).toBeGreaterThan(0);
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'hi Ola'), 10_000);
    const events = await service.chatEvents(connection, [chat]);
    expect(events.ok && events.value[0]!.events.some((e) => 'text' in e && e.text === 'hello')).toBe(true);
    expect((await service.setTyping(connection, chat, true)).ok).toBe(true);
    expect((await service.end(connection, chat)).ok).toBe(true);
  });

  it('tells the chat’s skill, and sends an HTML line as HTML (a private note and Messaging-style words stay plain)', async () => {
    const connection = await signIn();
    expect((await service.setPresence(connection, 'Online')).ok).toBe(true);
    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Ola', skill: 'Sales' });
    let offer: string | undefined;
    await vi.waitFor(async () => {
      const work = await service.incomingWork(connection);
      offer = work.ok && work.value.ringing ? work.value.offer : undefined;
      expect(offer).toBeTruthy();
    });
    const accepted = await service.accept(connection, offer!);
    if (!accepted.ok) throw new Error(accepted.error.message);
    const loaded = await service.chat(connection, accepted.value);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const chat = storedChat(loaded.value);
    expect(chat).toMatchObject({ skillId: '1', skillName: 'Sales' });

    const html = '<div dir="auto">Reset it on the <a href="https://www.example.com/reset" target="_blank" rel="noopener noreferrer">reset page</a> within <b>24 hours</b>.</div>';
    const sent = await service.sendLine(connection, chat, { text: 'Reset it on the reset page within 24 hours.', private: false, html });
    expect(sent.ok && sent.value.asHtml).toBe(true);
    await visitor.waitFor((v) => v.lines().some((l) => l.text === html && l.textType === 'html'), 10_000);
    const note = await service.sendLine(connection, chat, { text: 'Agents only', private: true, html: '<b>Agents only</b>' });
    expect(note.ok && note.value.asHtml).toBeUndefined();
    const events = await service.chatEvents(connection, [chat]);
    expect(events.ok && events.value[0]!.events.find((e) => 'text' in e && e.text === 'Agents only')).toMatchObject({ textType: 'plain', subType: 'ONLY_TO_REP' });
  });

  it('tells a lost agent session from a live one, starts a new one, and moves a chat to it', async () => {
    const connection = await signIn();
    expect(await service.sessionAlive(connection, connection.sessionUrl)).toEqual({ ok: true, value: true });
    await fetch(`${emulator.baseUrl}/sandbox/expire-agent-session`, { method: 'POST' });
    expect(await service.sessionAlive(connection, connection.sessionUrl)).toEqual({ ok: true, value: false });
    const fresh = await service.newSession(connection);
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(fresh.value).not.toBe(connection.sessionUrl);
    const chat = storedChat({ chatId: 'c 1', chatUrl: `${connection.sessionUrl}/chat/c%201`, links: { events: 'old' }, events: [] });
    service.rehome(chat, { ...connection, sessionUrl: fresh.value });
    expect(chat).toMatchObject({ chatUrl: `${fresh.value}/chat/c%201`, links: {} });
  });

  it('keeps the login alive, and reports each answered call when asked to listen', async () => {
    const connection = await signIn();
    const heard = vi.fn();
    const listening = listenForAnswers(service, heard);
    expect((await listening.keepSignedIn(connection)).ok).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    await fetch(`${emulator.baseUrl}/sandbox/faults`, { method: 'PUT', body: JSON.stringify({ rate: 1, kinds: ['503'], sides: ['agent'] }) });
    expect((await listening.incomingWork(connection)).ok).toBe(false);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
