/**
 * The Engagement History client: against the response examples printed on LivePerson's page
 * (fixtures, through an injected fetch) and against the emulator over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngagementHistoryClient, MAX_SEARCH_WINDOW_MS, parseHistoryTime, RETENTION_MS } from '../../src/api/engagement-history';
import { OTHER_DEVICE_VISITOR_ID, RETURNING_CUSTOMER_ID, RETURNING_VISITOR_ID, HOSTILE_HISTORY_LINE } from '../emulator/engagement-history';
import { ACCOUNT, signedIn, unwrap, type SignedIn } from './support';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/engagement-history/${name}`, import.meta.url), 'utf8');

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: any;
}

/** A fetch that answers `text` with `status` and remembers the request. */
function fakeFetch(text: string, status = 200): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.text();
    seen.push({ url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body: body ? JSON.parse(body) : undefined });
    return new Response(text, { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fn as typeof fetch, seen };
}

const address = { origin: 'https://va.enghist.liveperson.net', accountId: 'qa35931557' };

describe('against the page’s examples', () => {
  it('reads the alertedMCS example: info, lines, pre-chat survey, visitor info', async () => {
    const { fetch, seen } = fakeFetch(fixture('alerted-mcs-response.json'));
    const api = createEngagementHistoryClient({ fetch })({ bearer: 'b-1' }, address);
    const page = unwrap(await api.byVisitor({ visitorId: 'UwYzRjYzJhMzQ0YTRlYzcz', now: 1_500_000_000_000 }));

    expect(seen[0]!.method).toBe('POST');
    const url = new URL(seen[0]!.url);
    expect(url.origin + url.pathname).toBe('https://va.enghist.liveperson.net/interaction_history/api/account/qa35931557/interactions/search');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ offset: '0', limit: '20', sort: 'start:desc' });
    expect(seen[0]!.headers.authorization).toBe('Bearer b-1');
    expect(seen[0]!.body).toEqual({ start: { from: 1_500_000_000_000 - RETENTION_MS, to: 1_500_000_000_000 }, visitor: 'UwYzRjYzJhMzQ0YTRlYzcz' });

    expect(page.total).toBe(1);
    expect(page.nextOffset).toBeUndefined();
    const [chat] = page.records;
    expect(chat).toMatchObject({
      engagementId: 'qa359315574294967901',
      startTime: 1485969119916,
      endTime: 1485970007735,
      durationSeconds: 887,
      visitorId: 'UwYzRjYzJhMzQ0YTRlYzcz',
      agentId: '213185812',
      agentName: 'liorr@liveperson.com',
      skillId: '-1',
      skillName: 'Unassigned',
      endReason: 'Rep stopped chat',
      partial: false,
      customerIds: [],
    });
    expect(chat!.lines).toHaveLength(9);
    expect(chat!.lines[2]).toEqual({ time: 1485969123246, text: 'hello', textType: 'html', by: 'liorr@liveperson.com', source: 'agent', private: false });
    expect(chat!.preChatSurvey).toEqual([
      { label: 'Name', value: 'Irena' },
      { label: 'Email', value: 'irena@gmail.com' },
    ]);
    // Empty strings in visitorInfo are not facts.
    expect(chat!.visitorInfo.map((f) => f.label)).toEqual(['device', 'ipAddress', 'browser', 'operatingSystem']);
  });

  it('reads the time-range example: string ids, nulls, next page, customerInfo attribute', async () => {
    const { fetch } = fakeFetch(fixture('time-range-response.json'));
    const api = createEngagementHistoryClient({ fetch })({ bearer: 'b' }, address);
    const page = unwrap(await api.byCustomerId({ customerId: '138766AC', from: 1432000000000, to: 1432000000000 + 7 * 86_400_000 }));
    expect(page.total).toBe(9870);
    expect(page.nextOffset).toBe(1);
    expect(page.records[0]).toMatchObject({ agentId: '3', agentName: 'Greg', skillId: '-1', durationSeconds: 0, customerIds: ['138766AC'] });
    expect(page.records[0]!.lines.map((l) => l.source)).toEqual(['system', 'system', 'system']);
  });

  it('sends the customer search the page allows: a quoted keyword in ea.customerInfo, one window', async () => {
    const { fetch, seen } = fakeFetch(fixture('time-range-response.json'));
    const api = createEngagementHistoryClient({ fetch })({ bearer: 'b' }, address);
    await api.byCustomerId({ customerId: 'A"B', from: 1000, to: 2000, offset: 40, limit: 500 });
    expect(seen[0]!.body).toEqual({ start: { from: 1000, to: 2000 }, keyword: '"AB"', keyword_search_area: { types: ['ea.customerInfo'] } });
    expect(new URL(seen[0]!.url).searchParams.get('limit')).toBe('100');
    expect(new URL(seen[0]!.url).searchParams.get('offset')).toBe('40');
  });

  it('refuses a customer window over a month before asking LivePerson', async () => {
    const { fetch, seen } = fakeFetch('{}');
    const api = createEngagementHistoryClient({ fetch })({ bearer: 'b' }, address);
    const result = await api.byCustomerId({ customerId: 'x', from: 0, to: MAX_SEARCH_WINDOW_MS + 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/one month/);
    expect(seen).toHaveLength(0);
  });

  it('tolerates what LivePerson’s JSON does elsewhere: a lone line object, numbers as strings, absent parts', async () => {
    const body = {
      _metadata: { count: '1' },
      interactionHistoryRecords: {
        info: { engagementId: 12345, startTime: '2017-02-01 17:11:59.916+0000', duration: '42', agentId: 7, skillId: '3', visitorId: null },
        transcript: { lines: { text: 'only line', source: 'visitor', timeL: '1485969119916', subType: 'ONLY_TO_REP' } },
        sdes: { events: [{ customerInfo: 'not an object' }, { customerInfo: { customerInfo: { customerId: 99 } } }] },
        surveys: 'unexpected',
      },
    };
    const { fetch } = fakeFetch(JSON.stringify(body));
    const page = unwrap(await createEngagementHistoryClient({ fetch })({ bearer: 'b' }, address).byVisitor({ visitorId: 'v', now: 0 }));
    expect(page.records[0]).toMatchObject({
      engagementId: '12345',
      startTime: Date.UTC(2017, 1, 1, 17, 11, 59, 916),
      durationSeconds: 42,
      agentId: '7',
      skillId: '3',
      visitorId: undefined,
      customerIds: ['99'],
      preChatSurvey: [],
      lines: [{ time: 1485969119916, text: 'only line', textType: 'plain', by: '', source: 'visitor', private: true }],
    });
  });

  it('turns errors into readable values: 401, a body that is not the documented shape', async () => {
    const denied = await createEngagementHistoryClient({ fetch: fakeFetch('{"error":{"message":"Bad token"}}', 401).fetch })({ bearer: 'b' }, address).byVisitor({ visitorId: 'v', now: 0 });
    expect(denied.ok || denied.error).toMatchObject({ kind: 'auth-expired', status: 401 });
    const odd = await createEngagementHistoryClient({ fetch: fakeFetch('{"records":[]}').fetch })({ bearer: 'b' }, address).byVisitor({ visitorId: 'v', now: 0 });
    expect(odd.ok || odd.error.kind).toBe('bad-response');
  });

  it('reads the page’s time format', () => {
    expect(parseHistoryTime('2015-05-28 04:46:23.209+0000')).toBe(Date.UTC(2015, 4, 28, 4, 46, 23, 209));
    expect(parseHistoryTime('2015-05-28 06:46:23.209+0200')).toBe(Date.UTC(2015, 4, 28, 4, 46, 23, 209));
    expect(parseHistoryTime('yesterday')).toBeUndefined();
  });
});

describe('against the emulator over HTTP', () => {
  let ctx: SignedIn | undefined;
  afterEach(async () => {
    await ctx?.emulator.close();
    ctx = undefined;
  });

  async function historyApi(s: SignedIn) {
    const origin = unwrap(await s.client.domain.lookup({ csdsUrl: s.emulator.baseUrl, accountId: ACCOUNT, service: 'engHistDomain' }));
    expect(s.login.serviceOrigins.engHistDomain).toBe(origin);
    return createEngagementHistoryClient({ allowLoopback: true })({ bearer: s.login.bearer }, { origin, accountId: ACCOUNT });
  }

  it('pages through a returning visitor’s earlier chats, newest first', async () => {
    ctx = await signedIn();
    const api = await historyApi(ctx);
    const first = unwrap(await api.byVisitor({ visitorId: RETURNING_VISITOR_ID, now: Date.now(), limit: 2 }));
    expect(first.total).toBe(3);
    expect(first.records).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    expect(first.records[0]!.startTime!).toBeGreaterThan(first.records[1]!.startTime!);
    const second = unwrap(await api.byVisitor({ visitorId: RETURNING_VISITOR_ID, now: Date.now(), limit: 2, offset: first.nextOffset }));
    expect(second.records).toHaveLength(1);
    expect(second.nextOffset).toBeUndefined();
    const newest = first.records[0]!;
    expect(newest).toMatchObject({ agentName: 'Alex', skillName: 'Support', durationSeconds: 412, customerIds: [RETURNING_CUSTOMER_ID] });
    // The hostile line arrives as LivePerson stores it: text, flagged html, for the panel to sanitize.
    expect(newest.lines.find((l) => l.text === HOSTILE_HISTORY_LINE)).toMatchObject({ textType: 'html', source: 'visitor' });
    expect(newest.lines.some((l) => l.private)).toBe(true);
  });

  it('finds a signed-in customer’s chats month by month, including another device’s', async () => {
    ctx = await signedIn();
    const api = await historyApi(ctx);
    const now = Date.now();
    const thisMonth = unwrap(await api.byCustomerId({ customerId: RETURNING_CUSTOMER_ID, from: now - MAX_SEARCH_WINDOW_MS, to: now }));
    // Dana's chat 3 days ago, and Lee's, whose customer id merely contains Dana's.
    expect(thisMonth.records.map((r) => r.customerIds)).toEqual([[RETURNING_CUSTOMER_ID], ['882130']]);
    const lastMonth = unwrap(await api.byCustomerId({ customerId: RETURNING_CUSTOMER_ID, from: now - 2 * MAX_SEARCH_WINDOW_MS, to: now - MAX_SEARCH_WINDOW_MS }));
    expect(lastMonth.records).toHaveLength(1);
    expect(lastMonth.records[0]).toMatchObject({ visitorId: OTHER_DEVICE_VISITOR_ID, skillName: 'Sales' });
  });

  it('is refused without a valid bearer, and a window over a month is LivePerson’s 400', async () => {
    ctx = await signedIn();
    const origin = unwrap(await ctx.client.domain.lookup({ csdsUrl: ctx.emulator.baseUrl, accountId: ACCOUNT, service: 'engHistDomain' }));
    const stranger = createEngagementHistoryClient({ allowLoopback: true })({ bearer: 'not-a-bearer' }, { origin, accountId: ACCOUNT });
    const denied = await stranger.byVisitor({ visitorId: RETURNING_VISITOR_ID, now: Date.now() });
    expect(denied.ok || denied.error.kind).toBe('auth-expired');
    const response = await fetch(`${origin}/interaction_history/api/account/${ACCOUNT}/interactions/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.login.bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ start: { from: 0, to: Date.now() }, keyword: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/one month/);
  });
});
