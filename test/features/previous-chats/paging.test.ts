/** Lazy, paged, two-source previous chats: against a fake search, then the emulator over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEngagementHistoryClient, MAX_SEARCH_WINDOW_MS, RETENTION_MS, type HistoryPage, type HistoryRecord } from '../../../src/api/engagement-history';
import type { Result } from '../../../src/api/types';
import { applyPage, hasMore, initialPreviousChats, loadMore, nextRequests, withSources, type HistoryRequest } from '../../../src/features/previous-chats/paging';
import { OTHER_DEVICE_VISITOR_ID, RETURNING_CUSTOMER_ID, RETURNING_VISITOR_ID } from '../../emulator/engagement-history';
import { ACCOUNT, signedIn, unwrap, type SignedIn } from '../../api/support';

const NOW = Date.UTC(2026, 11, 6);
const DAY = 86_400_000;

function rec(id: string, daysAgo: number, customerIds: string[] = []): HistoryRecord {
  return { engagementId: id, startTime: NOW - daysAgo * DAY, partial: false, lines: [], customerIds, preChatSurvey: [], visitorInfo: [] };
}

function page(records: HistoryRecord[], nextOffset?: number, total = records.length): Result<HistoryPage> {
  return { ok: true, value: { total, offset: 0, records, ...(nextOffset !== undefined ? { nextOffset } : {}) } };
}

describe('paging state', () => {
  it('starts idle and asks nothing until loaded; no ids, nothing to load', () => {
    const state = initialPreviousChats({ visitorId: 'v1', customerId: 'c1', now: NOW });
    expect(state.status).toBe('idle');
    expect(state.records).toEqual([]);
    expect(nextRequests(state, 5)).toEqual([
      { kind: 'visitor', visitorId: 'v1', offset: 0, limit: 5 },
      { kind: 'customer', customerId: 'c1', from: NOW - MAX_SEARCH_WINDOW_MS, to: NOW, offset: 0, limit: 5 },
    ]);
    expect(hasMore(initialPreviousChats({ visitorId: ' ', now: NOW }))).toBe(false);
  });

  it('takes a customer id that arrives after the list began (the visitor’s details come after the chat), once', () => {
    let state = initialPreviousChats({ visitorId: 'v1', now: NOW });
    state = applyPage(state, nextRequests(state)[0]!, page([rec('a', 1)]));
    expect(hasMore(state)).toBe(false);
    state = withSources(state, { visitorId: 'v1', customerId: 'c1', now: NOW });
    expect(nextRequests(state, 5)).toEqual([{ kind: 'customer', customerId: 'c1', from: NOW - MAX_SEARCH_WINDOW_MS, to: NOW, offset: 0, limit: 5 }]);
    expect(state.records.map((r) => r.engagementId)).toEqual(['a']);
    // Known sources stay where their walk is.
    expect(withSources(state, { visitorId: 'v1', customerId: 'c1', now: NOW + DAY })).toBe(state);
  });

  it('pages by offset, then walks customer windows back until the retention period is covered', () => {
    let state = initialPreviousChats({ customerId: 'c1', now: NOW });
    const [first] = nextRequests(state);
    state = applyPage(state, first!, page([rec('a', 1, ['c1'])], 1, 2));
    expect(nextRequests(state)[0]).toMatchObject({ offset: 1, to: NOW });
    state = applyPage(state, nextRequests(state)[0]!, page([rec('b', 2, ['c1'])]));
    expect(nextRequests(state)[0]).toMatchObject({ offset: 0, from: NOW - 2 * MAX_SEARCH_WINDOW_MS, to: NOW - MAX_SEARCH_WINDOW_MS });
    let windows = 1;
    while (hasMore(state)) {
      const request = nextRequests(state)[0] as Extract<HistoryRequest, { kind: 'customer' }>;
      expect(request.from).toBeGreaterThanOrEqual(NOW - RETENTION_MS);
      expect(request.to - request.from).toBeLessThanOrEqual(MAX_SEARCH_WINDOW_MS);
      state = applyPage(state, request, page([]));
      windows++;
    }
    expect(windows).toBe(Math.ceil(RETENTION_MS / MAX_SEARCH_WINDOW_MS));
  });

  it('lists a chat found by both sources once, newest first, and drops customer hits of someone else', () => {
    let state = initialPreviousChats({ visitorId: 'v1', customerId: 'c1', now: NOW });
    const [byVisitor, byCustomer] = nextRequests(state);
    state = applyPage(state, byVisitor!, page([rec('a', 3), rec('c', 30)]));
    state = applyPage(state, byCustomer!, page([rec('a', 3, ['c1']), rec('b', 10, ['c1']), rec('x', 5, ['c10'])]));
    expect(state.records.map((r) => r.engagementId)).toEqual(['a', 'b', 'c']);
    expect(state.dropped).toBe(1);
    expect(state.cursors[0]!.done).toBe(true);
  });

  it('keeps what it has and its place when a request fails, and says why', async () => {
    let calls = 0;
    const search = async (): Promise<Result<HistoryPage>> =>
      ++calls === 1 ? page([rec('a', 1)], 1, 3) : { ok: false, error: { kind: 'network', message: 'Could not reach LivePerson (offline)' } };
    const once = await loadMore(initialPreviousChats({ visitorId: 'v', now: NOW }), search, { want: 1 });
    expect(once).toMatchObject({ status: 'ready', records: [{ engagementId: 'a' }] });
    const failed = await loadMore(once, search);
    expect(failed).toMatchObject({ status: 'error', error: 'Could not reach LivePerson (offline)', records: [{ engagementId: 'a' }] });
    expect(nextRequests(failed)[0]).toMatchObject({ offset: 1 });
  });

  it('keeps walking empty customer windows in one load, within a request budget', async () => {
    const asked: HistoryRequest[] = [];
    const search = async (request: HistoryRequest): Promise<Result<HistoryPage>> => {
      asked.push(request);
      return page(asked.length === 4 ? [rec('old', 100, ['c1'])] : []);
    };
    const state = await loadMore(initialPreviousChats({ customerId: 'c1', now: NOW }), search);
    expect(asked).toHaveLength(4);
    expect(state.records.map((r) => r.engagementId)).toEqual(['old']);
    const capped = await loadMore(initialPreviousChats({ customerId: 'c1', now: NOW }), async () => page([]), { maxRequests: 3 });
    expect(capped.status).toBe('ready');
    expect(hasMore(capped)).toBe(true);
  });
});

describe('against the emulator', () => {
  let ctx: SignedIn | undefined;
  afterEach(async () => {
    await ctx?.emulator.close();
    ctx = undefined;
  });

  it('a returning, signed-in visitor: every earlier chat once, the other device’s included, another customer’s not', async () => {
    ctx = await signedIn();
    const origin = unwrap(await ctx.client.domain.lookup({ csdsUrl: ctx.emulator.baseUrl, accountId: ACCOUNT, service: 'engHistDomain' }));
    const api = createEngagementHistoryClient({ allowLoopback: true })({ bearer: ctx.login.bearer }, { origin, accountId: ACCOUNT });
    const now = Date.now();
    const search = (r: HistoryRequest) => (r.kind === 'visitor' ? api.byVisitor({ ...r, now }) : api.byCustomerId(r));
    let state = initialPreviousChats({ visitorId: RETURNING_VISITOR_ID, customerId: RETURNING_CUSTOMER_ID, now });
    state = await loadMore(state, search, { want: 2, limit: 2 });
    expect(state.records.length).toBeGreaterThanOrEqual(2);
    while (hasMore(state)) state = await loadMore(state, search, { limit: 2 });
    expect(state.status).toBe('ready');
    expect(state.records.map((r) => [r.visitorId, r.skillName])).toEqual([
      [RETURNING_VISITOR_ID, 'Support'],
      [RETURNING_VISITOR_ID, 'Support'],
      [OTHER_DEVICE_VISITOR_ID, 'Sales'],
      [RETURNING_VISITOR_ID, 'Sales'],
    ]);
    expect(state.dropped).toBe(1);
  });
});
