/**
 * Which earlier chats to fetch next, and the list they make. Lazy: the state starts `idle` and
 * nothing is asked until the agent opens the section (`loadMore`). Two sources feed one list:
 * the visitor id (one search over the retention period, paged by offset) and, when the visitor
 * signed in, the customer id (a keyword search, one month per window, walked back window by
 * window: the API allows no more; see src/api/engagement-history.ts). A chat found by both is
 * listed once; a customer hit whose attributes do not name the customer exactly is dropped.
 */
import { MAX_SEARCH_WINDOW_MS, RETENTION_MS, type HistoryPage, type HistoryRecord } from '../../api/engagement-history';
import type { Result } from '../../api/types';

export const PAGE_SIZE = 10;

export type HistoryCursor =
  | { kind: 'visitor'; visitorId: string; offset: number; done: boolean }
  | { kind: 'customer'; customerId: string; windowEnd: number; offset: number; oldest: number; done: boolean };

export type HistoryRequest =
  | { kind: 'visitor'; visitorId: string; offset: number; limit: number }
  | { kind: 'customer'; customerId: string; from: number; to: number; offset: number; limit: number };

export interface PreviousChatsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  cursors: HistoryCursor[];
  /** Newest first among those loaded, each chat once. */
  records: HistoryRecord[];
  /** Customer-search hits dropped because their customer id was another one. */
  dropped: number;
  /** The last failure, as a sentence. */
  error?: string;
}

export interface HistorySearch {
  (request: HistoryRequest): Promise<Result<HistoryPage>>;
}

export function initialPreviousChats(p: { visitorId?: string; customerId?: string; now: number }): PreviousChatsState {
  const cursors: HistoryCursor[] = [];
  if (p.visitorId?.trim()) cursors.push({ kind: 'visitor', visitorId: p.visitorId.trim(), offset: 0, done: false });
  if (p.customerId?.trim()) {
    cursors.push({ kind: 'customer', customerId: p.customerId.trim(), windowEnd: p.now, offset: 0, oldest: p.now - RETENTION_MS, done: false });
  }
  return { status: 'idle', cursors, records: [], dropped: 0 };
}

/**
 * The state with the sources the chat has come to know since it began: the customer id arrives
 * with the visitor's details, after the chat (and the panel's first drawing of the section). A
 * source already there keeps its place in the walk.
 */
export function withSources(state: PreviousChatsState, p: { visitorId?: string; customerId?: string; now: number }): PreviousChatsState {
  const fresh = initialPreviousChats(p).cursors.filter((cursor) => !state.cursors.some((known) => known.kind === cursor.kind));
  return fresh.length === 0 ? state : { ...state, cursors: [...state.cursors, ...fresh] };
}

export function hasMore(state: PreviousChatsState): boolean {
  return state.cursors.some((c) => !c.done);
}

/** The requests one "load more" makes: one per source that has more. */
export function nextRequests(state: PreviousChatsState, limit = PAGE_SIZE): HistoryRequest[] {
  return state.cursors.flatMap((cursor): HistoryRequest[] => {
    if (cursor.done) return [];
    if (cursor.kind === 'visitor') return [{ kind: 'visitor', visitorId: cursor.visitorId, offset: cursor.offset, limit }];
    return [{ kind: 'customer', customerId: cursor.customerId, from: Math.max(cursor.oldest, cursor.windowEnd - MAX_SEARCH_WINDOW_MS), to: cursor.windowEnd, offset: cursor.offset, limit }];
  });
}

function advance(cursor: HistoryCursor, page: HistoryPage): HistoryCursor {
  if (page.nextOffset !== undefined) return { ...cursor, offset: page.nextOffset };
  if (cursor.kind === 'visitor') return { ...cursor, done: true };
  // This window is read: the month before it, until the retention period is covered.
  const windowEnd = cursor.windowEnd - MAX_SEARCH_WINDOW_MS;
  return { ...cursor, windowEnd, offset: 0, done: windowEnd <= cursor.oldest };
}

function sameCursor(cursor: HistoryCursor, request: HistoryRequest): boolean {
  return cursor.kind === 'visitor' && request.kind === 'visitor'
    ? cursor.visitorId === request.visitorId
    : cursor.kind === 'customer' && request.kind === 'customer' && cursor.customerId === request.customerId;
}

/** Folds one answer into the state. A failure keeps what is loaded and the cursor where it was. */
export function applyPage(state: PreviousChatsState, request: HistoryRequest, result: Result<HistoryPage>): PreviousChatsState {
  if (!result.ok) return { ...state, status: 'error', error: result.error.message };
  const page = result.value;
  const fitting = request.kind === 'customer' ? page.records.filter((r) => r.customerIds.includes(request.customerId)) : page.records;
  const known = new Set(state.records.map((r) => r.engagementId));
  const fresh = fitting.filter((r) => !known.has(r.engagementId) && known.add(r.engagementId));
  const records = [...state.records, ...fresh].sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0));
  return {
    ...state,
    records,
    dropped: state.dropped + (page.records.length - fitting.length),
    cursors: state.cursors.map((cursor) => (sameCursor(cursor, request) ? advance(cursor, page) : cursor)),
  };
}

/**
 * One "load more": asks every source for its next page, and keeps walking back (customer
 * windows may be empty) until at least `want` new chats arrived, nothing more is left, a request
 * failed, or `maxRequests` were made.
 */
export async function loadMore(
  state: PreviousChatsState,
  search: HistorySearch,
  options: { want?: number; limit?: number; maxRequests?: number } = {},
): Promise<PreviousChatsState> {
  const want = options.want ?? 1;
  const before = state.records.length;
  let budget = options.maxRequests ?? 16;
  let current: PreviousChatsState = { ...state, status: 'loading', error: undefined };
  while (hasMore(current) && budget > 0 && current.records.length - before < want) {
    const requests = nextRequests(current, options.limit).slice(0, budget);
    budget -= requests.length;
    const results = await Promise.all(requests.map((request) => search(request)));
    for (const [i, request] of requests.entries()) current = applyPage(current, request, results[i]!);
    if (current.status === 'error') return current;
  }
  return { ...current, status: 'ready' };
}
