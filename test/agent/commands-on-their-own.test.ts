/**
 * The chat commands and the outbox sender on their own, where they decide without the network:
 * what they refuse, and what they keep (end-to-end sending and accepting: outbox.test.ts,
 * runtime.test.ts, against the emulator).
 */
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/agent-store';
import { ChatCommands } from '../../src/agent/chat-commands';
import { storedChat } from '../../src/agent/chat-list';
import { ConnectionLifecycle } from '../../src/agent/connection';
import type { ConversationService } from '../../src/agent/conversation-service';
import { OutboxSender } from '../../src/agent/outbox-sender';
import type { Connection } from '../../src/agent/state';
import { memoryStore, quiet } from './support';

/** A service no test here may reach: every call is a failure of the test. */
const unreachable = new Proxy({} as ConversationService, {
  get: (_, name) => () => {
    throw new Error(`called ${String(name)}`);
  },
});

function setUp({ signedIn = true } = {}) {
  const store = new AgentStore(memoryStore());
  if (signedIn) store.state.connection = { sessionUrl: 's1', agentName: 'Agent' } as Connection;
  store.state.chats = [storedChat({ chatId: 'open', chatUrl: 's1/chat/open', links: {}, events: [] }), { ...storedChat({ chatId: 'over', chatUrl: 's1/chat/over', links: {}, events: [] }), state: 'ended' }];
  const connection = new ConnectionLifecycle({ store, service: unreachable, log: quiet, now: Date.now, stopPolling: () => {} });
  const deps = { store, service: unreachable, connection, log: quiet };
  return { store, chats: new ChatCommands(deps), outbox: new OutboxSender({ ...deps, now: Date.now }) };
}

describe('chat commands on their own', () => {
  it('keep a draft, and forget it when emptied', async () => {
    const { store, chats } = setUp();
    expect(await chats.saveDraft('open', 'half a sentence')).toEqual({ ok: true });
    expect(store.view().chats[0]!.draft).toBe('half a sentence');
    await chats.saveDraft('open', '');
    expect(store.view().chats[0]!.draft).toBeUndefined();
  });

  it('close only an ended chat', async () => {
    const { store, chats } = setUp();
    expect(await chats.close('open')).toEqual({ ok: false, message: 'End the chat before closing it.' });
    expect(await chats.close('over')).toEqual({ ok: true });
    expect(store.state.chats.map((c) => c.id)).toEqual(['open']);
  });

  it('refuse, in a sentence, what cannot run: signed out, no such chat, nothing ringing', async () => {
    expect(await setUp({ signedIn: false }).chats.end('open')).toEqual({ ok: false, message: 'Sign in first.' });
    expect(await setUp().chats.transfer('gone', { skillId: '1' })).toEqual({ ok: false, message: 'That chat is not open in Agent Dock.' });
    expect(await setUp().chats.accept()).toEqual({ ok: false, message: 'No chat is ringing any more.' });
    expect(await setUp().chats.end('over')).toEqual({ ok: true }); // already ended: nothing to call
  });
});

describe('outbox sender on its own', () => {
  it('refuses a line when signed out, for a chat not held, or for an ended chat; queues nothing then', async () => {
    expect(await setUp({ signedIn: false }).outbox.sendLine('open', 'hi')).toEqual({ ok: false, message: 'Sign in first.' });
    expect(await setUp().outbox.sendLine('gone', 'hi')).toEqual({ ok: false, message: 'That chat is not open in Agent Dock.' });
    const { store, outbox } = setUp();
    expect(await outbox.sendLine('over', 'hi')).toEqual({ ok: false, message: 'The chat has ended.' });
    expect(store.state.chats.every((c) => c.outbox.length === 0)).toBe(true);
  });

  it('does not queue twice a line the UI sends again with the same client id', async () => {
    const { store, outbox } = setUp();
    store.chat('open')!.queuedClientIds = ['client-1'];
    expect(await outbox.sendLine('open', 'hi', false, 'client-1')).toEqual({ ok: true });
    expect(store.chat('open')!.outbox).toEqual([]);
  });

  it('lets the agent discard only a failed line', async () => {
    const { store, outbox } = setUp();
    const chat = store.chat('open')!;
    chat.outbox = [
      { localId: 'a', text: 'sending', status: 'sending', afterEventId: -1, attempts: 1 },
      { localId: 'b', text: 'failed', status: 'failed', afterEventId: -1, attempts: 4 },
    ];
    expect(await outbox.discardLine('open', 'a')).toEqual({ ok: false, message: 'That line is still being sent.' });
    expect(await outbox.discardLine('open', 'b')).toEqual({ ok: true });
    expect(chat.outbox.map((e) => e.localId)).toEqual(['a']);
  });
});
