/**
 * Transfers of LivePerson Messaging conversations, the background core against the emulator's
 * Messaging mode: the skills offered come from the account's Skills API with its documented rules
 * (administration-skills-appendix.html: `canTransfer`, `skillTransferList`), a transfer to a skill
 * is one `UpdateConversationField` (REMOVE the assigned agent + Skill UPDATE), one to an agent
 * SUGGESTs them (docs/reference/messaging.md §5) — the colleagues offered are the Messaging agents
 * logged in now (Agent Metrics API) — and nothing beyond what is offered is sent.
 */
import fetchCookie from 'fetch-cookie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../../src/api';
import { AgentRuntime } from '../../../src/agent/runtime';
import type { Connection } from '../../../src/agent/state';
import { accountConfigReader } from '../../../src/conversation/messaging/account-config';
import { messagingAgentId, messagingService, type MessagingConversationService } from '../../../src/conversation/messaging/service';
import { memoryStore } from '../../agent/support';
import { Consumer } from '../../emulator/messaging/consumer';
import { agentPid } from '../../emulator/messaging';
import { startEmulator, type Emulator } from '../../emulator/server';

const ACCOUNT = '12345678';

describe('transferring LivePerson Messaging conversations', () => {
  let emulator: Emulator;
  let store: ReturnType<typeof memoryStore>;
  let runtime: AgentRuntime | undefined;
  let service: MessagingConversationService | undefined;
  const consumers: Consumer[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    store = memoryStore();
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) c.disconnect();
    await runtime?.stop();
    service?.socketFor(store.saved?.connection as Connection)?.close();
    await emulator.close();
  });

  async function inConversation(skillId: string | undefined, opts: { skillsUnreadable?: boolean } = {}) {
    const client = createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true });
    const accountConfig = opts.skillsUnreadable
      ? accountConfigReader({ ...client, accountConfig: (auth) => ({ ...client.accountConfig(auth), getSkills: async () => ({ ok: false, error: { kind: 'http', status: 403, message: 'Not Authorized' } }) }) })
      : undefined;
    service = messagingService({ client, allowLoopback: true, requestTimeoutMs: 3_000, accountConfig });
    runtime = new AgentRuntime({ conversation: service, store, pollIntervalMs: async () => 60_000, log: { info: () => undefined, warn: () => undefined } });
    expect(await runtime.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'agent1-pass' })).toEqual({ ok: true });
    expect(await runtime.setAvailability('Online')).toEqual({ ok: true });
    const dana = await Consumer.start({ baseUrl: emulator.baseUrl, firstName: 'Dana' });
    consumers.push(dana);
    await dana.requestConversation(skillId);
    await vi.waitFor(() => expect(runtime!.view().ringing.count).toBe(1), { timeout: 5_000 });
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    await vi.waitFor(() => expect(runtime!.view().chats).toHaveLength(1));
    const chatId = runtime.view().chats[0]!.id;
    // The conversation's metadata (its skill) has arrived.
    await vi.waitFor(() => expect(service!.socketFor(store.saved!.connection!)?.transcripts.get(chatId).meta?.skillId).toBe(skillId ?? '-1'));
    return { runtime, chatId, conversation: () => emulator.messaging.store.get(chatId) };
  }

  const skillsOf = async (rt: AgentRuntime, chatId: string) => {
    const options = await rt.getTransferOptions(chatId);
    if (!options.ok) throw new Error(options.message);
    return options.skills.map((s) => `${s.id}:${s.name}`);
  };

  it('offers the queue and the skills Sales may transfer to (its skillTransferList), and transfers to one: the skill changes, the agent leaves', async () => {
    const { runtime, chatId, conversation } = await inConversation('1');
    expect(await skillsOf(runtime, chatId)).toEqual(['1:Back to the queue (Sales)', '2:Support']);
    expect(await runtime.transferChat(chatId, { skillId: '2' })).toEqual({ ok: true });
    expect(runtime.view().chats).toEqual([]);
    expect(conversation().skillId).toBe('2');
    expect(conversation().participants.some((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE' && p.id === agentPid(ACCOUNT, '1001'))).toBe(false);
  });

  it('refuses a skill the rules do not allow, sending nothing (a page cannot pick one the form does not offer)', async () => {
    const { runtime, chatId, conversation } = await inConversation('1');
    const refused = await runtime.transferChat(chatId, { skillId: '3' });
    expect(refused).toMatchObject({ ok: false });
    expect(conversation().skillId).toBe('1');
    expect(runtime.view().chats).toHaveLength(1);
  });

  it('a conversation with no skill (-1) may go to every live skill (canTransfer false only requeues: unit-tested in test/api)', async () => {
    const { runtime, chatId } = await inConversation(undefined);
    expect(await skillsOf(runtime, chatId)).toEqual(['-1:Back to the queue', '1:Sales', '2:Support', '3:Escalations']);
  });

  it('without the account’s skills (no permission to read them) offers and accepts the queue only', async () => {
    const { runtime, chatId, conversation } = await inConversation('1', { skillsUnreadable: true });
    expect(await skillsOf(runtime, chatId)).toEqual(['1:Back to the queue']);
    expect(await runtime.transferChat(chatId, { skillId: '2' })).toMatchObject({ ok: false });
    expect(await runtime.transferChat(chatId, { skillId: '1' })).toEqual({ ok: true });
    expect(conversation().skillId).toBe('1');
  });

  it('transfers to an agent named as Messaging names them ({account}.{user}) or by user id: they are SUGGESTED', async () => {
    expect(messagingAgentId(ACCOUNT, '1002')).toBe('12345678.1002');
    expect(messagingAgentId(ACCOUNT, 'qa20971604.3836897210')).toBe('qa20971604.3836897210');
    const { runtime, chatId, conversation } = await inConversation('2');
    expect(await runtime.transferChat(chatId, { agentId: `${ACCOUNT}.1002` })).toEqual({ ok: true });
    expect(conversation().participants).toContainEqual({ id: agentPid(ACCOUNT, '1002'), role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
    expect(runtime.view().chats).toEqual([]);
  });

  it('offers the colleagues Online in Messaging (Agent Metrics API), and the one chosen is rung and takes the conversation', async () => {
    const { runtime, chatId } = await inConversation('2');
    // Sam signs in to Messaging on another device and goes Online.
    const samStore = memoryStore();
    const samService = messagingService({ client: createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }), allowLoopback: true, requestTimeoutMs: 3_000 });
    const sam = new AgentRuntime({ conversation: samService, store: samStore, pollIntervalMs: async () => 60_000, log: { info: () => undefined, warn: () => undefined } });
    try {
      expect(await sam.signIn({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent2', password: 'agent2-pass' })).toEqual({ ok: true });
      const options = await runtime.getTransferOptions(chatId);
      expect(options).toMatchObject({ ok: true, agents: [] }); // Sam is Away until they choose Online
      expect(await sam.setAvailability('Online')).toEqual({ ok: true });
      const online = await runtime.getTransferOptions(chatId);
      expect(online).toMatchObject({ ok: true, agents: [{ id: '1002', name: 'Sam' }] });
      expect(await runtime.transferChat(chatId, { agentId: '1002' })).toEqual({ ok: true });
      await vi.waitFor(() => expect(sam.view().ringing.count).toBe(1), { timeout: 5_000 });
      expect(await sam.acceptChat()).toEqual({ ok: true });
      await vi.waitFor(() => expect(sam.view().chats.map((c) => c.id)).toEqual([chatId]));
      expect(emulator.messaging.store.get(chatId).participants).toContainEqual({ id: agentPid(ACCOUNT, '1002'), role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
    } finally {
      await sam.stop();
      samService.socketFor(samStore.saved!.connection!)?.close();
    }
  });
});
