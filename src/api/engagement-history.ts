/**
 * Engagement History API (CSDS service `engHistDomain`): an account's ended chats with their
 * transcripts, searched by a filter and paged with `offset`/`limit`.
 * Page: https://developers.liveperson.com/engagement-history-api-methods.html
 * (LivePersonInc/developer-center, pages/documents/HistoricalData/EngagementHistoryAPI/methods/
 * retrieve-engagement-list-by-criteria.md) and its Engagement Attributes appendix.
 *
 * Our reading of the page:
 * - `POST {origin}/interaction_history/api/account/{account}/interactions/search?offset&limit&sort`
 *   with a JSON filter; `start {from,to}` (epoch ms) is required, at most one month apart, except
 *   that a `visitor` or `engagementId` filter ignores "all time limitations". Records are kept 13
 *   months, so a visitor search asks for the last 13 months.
 * - There is no customer-id filter. A signed-in visitor's customer id is an Engagement Attribute
 *   (`sdes.events[].customerInfo.customerInfo.customerId`), and the page's keyword search covers
 *   that area (`keyword_search_area.types: ["ea.customerInfo"]`; a quoted keyword is a phrase). So
 *   a customer search is a keyword search in `ea.customerInfo` over a window of at most a month,
 *   and callers confirm each record really names the customer (`customerIds`), since a keyword
 *   can match another attribute of the area.
 * - `limit` defaults to 50, at most 100. `_metadata.count` is the total for the filter;
 *   `_metadata.next.href` exists while more pages follow.
 * - Tolerance as elsewhere in src/api: numbers may come as strings (`agentId: "3"`, `lineSeq:
 *   "78"`), lists of one as a bare object, optional parts absent or null.
 */
import { z } from 'zod';
import { createHttp, type Http, type HttpOptions, type RequestAuth } from './http';
import { idish, listOf, numberish } from './quirks';
import type { Fact, Result } from './types';

export const ENGAGEMENT_HISTORY_SERVICE = 'engHistDomain';
/** The page: "Max value is 100". */
export const MAX_PAGE_SIZE = 100;
/**
 * The page: "The maximum time interval is one month", after rounding from/to out to 10 minutes.
 * We ask for 30 days at most, which stays a month under any reading once rounded.
 */
export const MAX_SEARCH_WINDOW_MS = 30 * 24 * 3600_000;
/** The overview: transcripts are "stored for 13 months". */
export const RETENTION_MS = 13 * 31 * 24 * 3600_000;

const optionalText = z.preprocess((v) => (v == null ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional());
const optionalNumber = z.preprocess((v) => (v == null || v === '' ? undefined : v), numberish.optional());
const optionalId = z.preprocess((v) => (v == null || v === '' ? undefined : v), idish.optional());

const lineSchema = z.looseObject({
  time: optionalText,
  timeL: optionalNumber,
  text: optionalText,
  textType: optionalText,
  by: optionalText,
  source: optionalText,
  subType: optionalText,
  lineSeq: optionalId,
  json: z.unknown().optional(),
});

const infoSchema = z.looseObject({
  engagementId: idish,
  startTime: optionalText,
  startTimeL: optionalNumber,
  endTime: optionalText,
  endTimeL: optionalNumber,
  duration: optionalNumber,
  visitorId: optionalId,
  visitorName: optionalText,
  agentId: optionalId,
  agentName: optionalText,
  agentNickName: optionalText,
  agentFullName: optionalText,
  agentLoginName: optionalText,
  skillId: optionalId,
  skillName: optionalText,
  endReasonDesc: optionalText,
  isPartial: z.boolean().nullish().catch(undefined),
});

const surveyAnswerSchema = z.looseObject({ displayName: optionalText, value: optionalText });

/** The customer ids an attribute event names (`customerInfo.customerInfo.customerId`); anything else is ignored. */
function customerIdsOf(event: unknown): string[] {
  if (!event || typeof event !== 'object') return [];
  const outer = (event as Record<string, unknown>).customerInfo;
  const inner = outer && typeof outer === 'object' ? (outer as Record<string, unknown>).customerInfo : undefined;
  const id = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).customerId : undefined;
  return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
}

const recordSchema = z.looseObject({
  info: infoSchema,
  transcript: z.looseObject({ lines: listOf(lineSchema) }).nullish(),
  visitorInfo: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  surveys: z.looseObject({ preChat: listOf(surveyAnswerSchema).optional() }).nullish().catch(undefined),
  // Attribute events vary by type and account: read leniently, one event at a time.
  sdes: z.looseObject({ events: listOf(z.unknown()) }).nullish().catch(undefined),
});

const linkSchema = z.looseObject({ href: z.string() }).nullish();

const searchResponseSchema = z.object({
  _metadata: z.looseObject({ count: numberish, next: linkSchema }),
  interactionHistoryRecords: listOf(recordSchema),
});

export type HistoryLineSource = 'visitor' | 'agent' | 'system';

export interface HistoryLine {
  /** Epoch ms (from `timeL`, else the `time` text); undefined when neither reads. */
  time?: number;
  text: string;
  /** `plain`, `html`, `url` or `rich-content`, as LivePerson sent it. */
  textType: string;
  by: string;
  source: HistoryLineSource | string;
  /** `ONLY_TO_REP` lines were private notes between agents. */
  private: boolean;
  json?: unknown;
}

/** One earlier chat, normalised. */
export interface HistoryRecord {
  engagementId: string;
  startTime?: number;
  endTime?: number;
  durationSeconds?: number;
  visitorId?: string;
  visitorName?: string;
  agentId?: string;
  /** The nickname where there is one (what the visitor saw), else the full or login name. */
  agentName?: string;
  skillId?: string;
  skillName?: string;
  endReason?: string;
  /** LivePerson says the record is incomplete: fetch it again by engagement id for the rest. */
  partial: boolean;
  lines: HistoryLine[];
  /** Customer ids the chat's customerInfo attributes name, authenticated or not. */
  customerIds: string[];
  preChatSurvey: Fact[];
  visitorInfo: Fact[];
}

export interface HistoryPage {
  /** How many records the filter matches in all (`_metadata.count`). */
  total: number;
  offset: number;
  records: HistoryRecord[];
  /** The offset of the next page, when LivePerson says there is one. */
  nextOffset?: number;
}

export interface HistoryAddress {
  /** Origin of the account's `engHistDomain` service (scheme + host). */
  origin: string;
  accountId: string;
}

export interface PageRequest {
  offset?: number;
  limit?: number;
}

/** The filter body, as the page names its fields (only the ones Agent Dock sends). */
export interface EngagementFilter {
  start: { from: number; to: number };
  visitor?: string;
  engagementId?: string;
  keyword?: string;
  keyword_search_area?: { types: string[] };
}

/** `2017-02-01 17:11:59.916+0000`, the page's time format, as epoch ms. */
export function parseHistoryTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const iso = text.trim().replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function normaliseLine(line: z.output<typeof lineSchema>): HistoryLine {
  return {
    time: line.timeL ?? parseHistoryTime(line.time),
    text: line.text ?? '',
    textType: line.textType ?? 'plain',
    by: line.by ?? '',
    source: line.source ?? 'system',
    private: line.subType === 'ONLY_TO_REP',
    ...(line.json !== undefined ? { json: line.json } : {}),
  };
}

function normaliseRecord(record: z.output<typeof recordSchema>): HistoryRecord {
  const info = record.info;
  const events = record.sdes?.events ?? [];
  const customerIds = [...new Set(events.flatMap(customerIdsOf))];
  const visitorInfo = Object.entries(record.visitorInfo ?? {}).flatMap(([label, value]) =>
    (typeof value === 'string' && value.trim() !== '') || typeof value === 'number' ? [{ label, value: String(value) }] : [],
  );
  return {
    engagementId: info.engagementId,
    startTime: info.startTimeL ?? parseHistoryTime(info.startTime),
    endTime: info.endTimeL ?? parseHistoryTime(info.endTime),
    durationSeconds: info.duration,
    visitorId: info.visitorId,
    visitorName: info.visitorName,
    agentId: info.agentId,
    agentName: info.agentNickName ?? info.agentName ?? info.agentFullName ?? info.agentLoginName,
    skillId: info.skillId,
    skillName: info.skillName,
    endReason: info.endReasonDesc,
    partial: info.isPartial === true,
    lines: (record.transcript?.lines ?? []).map(normaliseLine),
    customerIds,
    preChatSurvey: (record.surveys?.preChat ?? []).flatMap((a) => (a.displayName ? [{ label: a.displayName, value: a.value ?? '' }] : [])),
    visitorInfo,
  };
}

/** The search itself: one page of records for a filter, newest first. */
export async function searchEngagements(
  http: Http,
  auth: RequestAuth,
  address: HistoryAddress,
  filter: EngagementFilter,
  page: PageRequest = {},
): Promise<Result<HistoryPage>> {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit ?? 20)));
  const url = `${address.origin.replace(/\/+$/, '')}/interaction_history/api/account/${encodeURIComponent(address.accountId)}/interactions/search`;
  const result = await http.request({
    method: 'POST',
    url,
    // `source` names the caller, as the page asks ("ProjectName+AppName+UseCase", ≤ 20 characters).
    query: { offset: String(offset), limit: String(limit), sort: 'start:desc', source: 'AgentDock_History' },
    auth,
    body: filter,
    schema: searchResponseSchema,
  });
  if (!result.ok) return result;
  const records = result.value.interactionHistoryRecords.map(normaliseRecord);
  const total = result.value._metadata.count;
  const more = !!result.value._metadata.next?.href || offset + records.length < total;
  return { ok: true, value: { total, offset, records, ...(more && records.length > 0 ? { nextOffset: offset + records.length } : {}) } };
}

/** A visitor's chats over the whole retention period (a visitor filter ignores the one-month limit). */
export function searchByVisitor(
  http: Http,
  auth: RequestAuth,
  address: HistoryAddress,
  p: { visitorId: string; now: number } & PageRequest,
): Promise<Result<HistoryPage>> {
  return searchEngagements(http, auth, address, { start: { from: p.now - RETENTION_MS, to: p.now }, visitor: p.visitorId }, p);
}

/**
 * Chats whose customerInfo attribute carries `customerId`, within one window of at most a month
 * (the page rejects longer ones); callers walk back window by window. A longer window is refused
 * here, before any request, so the caller's mistake never reaches LivePerson.
 */
export async function searchByCustomerId(
  http: Http,
  auth: RequestAuth,
  address: HistoryAddress,
  p: { customerId: string; from: number; to: number } & PageRequest,
): Promise<Result<HistoryPage>> {
  if (!(p.to > p.from) || p.to - p.from > MAX_SEARCH_WINDOW_MS) {
    return { ok: false, error: { kind: 'http', status: 400, message: 'A customer search covers one month at most (LivePerson rejects longer ones)' } };
  }
  // A quoted keyword is a phrase; quotes inside the id would end it early, so they are dropped.
  const keyword = `"${p.customerId.replaceAll('"', '')}"`;
  return searchEngagements(http, auth, address, { start: { from: p.from, to: p.to }, keyword, keyword_search_area: { types: ['ea.customerInfo'] } }, p);
}

export interface EngagementHistoryApi {
  byVisitor(p: { visitorId: string; now: number } & PageRequest): Promise<Result<HistoryPage>>;
  byCustomerId(p: { customerId: string; from: number; to: number } & PageRequest): Promise<Result<HistoryPage>>;
}

/** The history calls bound to one HTTP layer, credential and account address. */
export function engagementHistoryApi(http: Http, auth: RequestAuth, address: HistoryAddress): EngagementHistoryApi {
  return {
    byVisitor: (p) => searchByVisitor(http, auth, address, p),
    byCustomerId: (p) => searchByCustomerId(http, auth, address, p),
  };
}

/** For the background: one HTTP layer, then a history API per credential and account. */
export function createEngagementHistoryClient(options: HttpOptions = {}): (auth: RequestAuth, address: HistoryAddress) => EngagementHistoryApi {
  const http = createHttp(options);
  return (auth, address) => engagementHistoryApi(http, auth, address);
}
