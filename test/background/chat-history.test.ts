/**
 * The background's history search (#22) against the emulator over real HTTP: the account's
 * `engHistDomain` from CSDS, the agent's bearer, one refresh on a 401; the visitor is the shown
 * chat's own, whatever the panel asks; a chat the agent does not hold gets nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { createEngagementHistoryClient } from '../../src/api/engagement-history';
import { chatHistorySearch, historyKeys } from '../../src/background/chat-history';
import { OTHER_DEVICE_VISITOR_ID, RETURNING_VISITOR_ID } from '../emulator/engagement-history';
import { initialPreviousChats, loadMore } from '../../src/features/previous-chats/paging';
import { Visitor } from '../emulator/visitor';
import { emulatedRuntimes } from '../agent/support';

const WAIT = { timeout: 10_000, interval: 50 };

describe('chat history search', () => {
  const h = emulatedRuntimes();

  async function returningChat(visitor: { visitorId?: string; ssoKey?: string } = { visitorId: RETURNING_VISITOR_ID }) {
    const runtime = h.newRuntime();
    expect(await h.signIn(runtime)).toEqual({ ok: true });
    await runtime.setAvailability('Online');
    await Visitor.start({ baseUrl: h.emulator.baseUrl, name: 'Dana', ...visitor });
    await vi.waitFor(() => expect(runtime.view().ringing.count).toBeGreaterThan(0), WAIT);
    expect(await runtime.acceptChat()).toEqual({ ok: true });
    if (visitor.visitorId) await vi.waitFor(() => expect(runtime.view().chats[0]?.visitorId).toBe(RETURNING_VISITOR_ID), WAIT);
    const client = createLivePersonClient({ fetch: h.fetch, allowLoopback: true });
    const lookups: string[] = [];
    const search = chatHistorySearch({
      view: () => runtime.view(),
      withLogin: (call) => runtime.withLogin(call),
      lookup: (p) => {
        lookups.push(p.service);
        return client.domain.lookup(p);
      },
      history: createEngagementHistoryClient({ fetch: h.fetch, allowLoopback: true }),
      now: () => Date.now(),
    });
    return { runtime, search, lookups, chatId: runtime.view().chats[0]!.id };
  }

  it('finds the shown chat’s visitor’s earlier chats on engHistDomain, paged', async () => {
    const { search, lookups, chatId } = await returningChat();
    const first = await search({ chatId, kind: 'visitor', offset: 0, limit: 2 });
    if (!first.ok) throw new Error(first.message);
    expect(first.page.records.map((r) => r.agentName)).toEqual(['Alex', 'Sam']);
    expect(first.page.records.every((r) => r.visitorId === RETURNING_VISITOR_ID)).toBe(true);
    expect(first.page.nextOffset).toBe(2);
    const second = await search({ chatId, kind: 'visitor', offset: 2, limit: 2 });
    expect(second.ok && second.page.records.map((r) => r.skillName)).toEqual(['Sales']);
    // CSDS is asked once for the account's history host.
    expect(lookups).toEqual(['engHistDomain']);
  });

  it('finds a signed-in visitor’s chats from other devices by customer id, month by month, dropping other customers', async () => {
    const { runtime, search, chatId } = await returningChat({ ssoKey: 'dana-sso' });
    const chat = runtime.view().chats[0]!;
    // The customer id is the chat's own (the identity provider's, A21), as the panel and the background both read it.
    expect(historyKeys(chat).customerId).toBe('88213');
    const state = initialPreviousChats({ ...historyKeys(chat), now: Date.now() });
    const read = await loadMore(state, async (request) => {
      const answer = await search(request.kind === 'customer' ? { chatId, kind: 'customer', from: request.from, to: request.to, offset: request.offset, limit: request.limit } : { chatId, kind: 'visitor', offset: request.offset, limit: request.limit });
      return answer.ok ? { ok: true, value: answer.page } : { ok: false, error: { kind: 'http', message: answer.message } };
    }, { want: 10 });
    expect(read.error).toBeUndefined();
    // Dana on her phone, 45 days ago: only the customer id finds it.
    expect(read.records.map((r) => r.visitorId)).toContain(OTHER_DEVICE_VISITOR_ID);
    expect(read.records.every((r) => r.customerIds.includes('88213'))).toBe(true);
    expect(read.dropped).toBeGreaterThan(0);
  });

  it('refreshes the login once on a 401 and answers', async () => {
    const { runtime, search, chatId } = await returningChat();
    // The poll loop would refresh too: stopped, the search meets the 401 itself.
    await runtime.stop();
    await fetch(`${h.emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    const mark = h.emulator.requests.mark();
    const answer = await search({ chatId, kind: 'visitor', offset: 0, limit: 10 });
    expect(answer.ok && answer.page.records).toHaveLength(3);
    const after = h.emulator.requests.list({ since: mark });
    expect(after.filter((r) => r.path.includes('/interaction_history/')).map((r) => r.status)).toEqual([401, 200]);
    expect(after.filter((r) => r.path.endsWith('/refresh'))).toHaveLength(1);
  });

  it('answers nothing for a chat the agent does not hold, and asks no customer search without a customer id', async () => {
    const { search, chatId } = await returningChat();
    expect(await search({ chatId: 'someone-else', kind: 'visitor', offset: 0, limit: 10 })).toEqual({ ok: false, message: 'Refused: this panel does not show that chat.' });
    const now = Date.now();
    expect(await search({ chatId, kind: 'customer', from: now - 1000, to: now, offset: 0, limit: 10 })).toEqual({
      ok: false,
      message: 'This visitor did not sign in: there is no customer id to search by.',
    });
    expect(h.emulator.requests.list().filter((r) => r.path.includes('/interaction_history/'))).toEqual([]);
  });
});
