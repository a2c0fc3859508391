/**
 * The emulator's Engagement History API over raw HTTP: the page's URL, filter fields, limits,
 * `_metadata` links and record shapes (https://developers.liveperson.com/engagement-history-api-methods.html).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETURNING_CUSTOMER_ID, RETURNING_VISITOR_ID } from './engagement-history';
import { startEmulator, type Emulator } from './server';
import { Visitor } from './visitor';

let emulator: Emulator;
let bearer = '';
const DAY = 86_400_000;

async function call(path: string, body: unknown, auth = `Bearer ${bearer}`) {
  const response = await fetch(`${emulator.baseUrl}/interaction_history/api/account/12345678/interactions/search${path}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
  const login = await fetch(`${emulator.baseUrl}/api/account/12345678/login?v=1.3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
  });
  bearer = ((await login.json()) as { bearer: string }).bearer;
});
afterEach(() => emulator.close());

describe('Engagement History API', () => {
  it('is a CSDS service of the account', async () => {
    const response = await fetch(`${emulator.baseUrl}/api/account/12345678/service/engHistDomain/baseURI.json?version=1.0`);
    expect(await response.json()).toEqual({ service: 'engHistDomain', account: '12345678', baseURI: emulator.baseUrl.replace('http://', '') });
  });

  it('answers a visitor search with _metadata links and the documented record parts', async () => {
    const { status, body } = await call('?offset=0&limit=2&sort=start:desc', { start: { from: Date.now() - 400 * DAY, to: Date.now() }, visitor: RETURNING_VISITOR_ID });
    expect(status).toBe(200);
    expect(body._metadata).toMatchObject({ count: 3, next: { rel: 'next' }, last: { rel: 'last' }, self: { rel: 'self' }, shardsStatusResult: { partialResult: false } });
    expect(new URL(body._metadata.next.href).searchParams.get('offset')).toBe('2');
    const [record] = body.interactionHistoryRecords;
    expect(Object.keys(record)).toEqual(['info', 'transcript', 'surveys', 'visitorInfo', 'sdes']);
    // As printed on the page: agentId a string, skillId a number, lineSeq a string, the time format.
    expect(record.info).toMatchObject({ agentId: '1001', skillId: 2, skillName: 'Support', visitorId: RETURNING_VISITOR_ID, ended: true });
    expect(record.info.startTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(record.transcript.lines[0]).toMatchObject({ source: 'system', by: 'info', lineSeq: '78', textType: 'plain' });
    expect(record.sdes.events[0]).toMatchObject({ customerInfo: { customerInfo: { customerId: RETURNING_CUSTOMER_ID } }, isAuthenticated: true });
  });

  it('sorts ascending when asked, filters by skill, agent and duration, and finds by engagement id without time limits', async () => {
    const range = { from: Date.now() - 400 * DAY, to: Date.now() };
    const asc = await call('?sort=start:asc', { start: range, visitor: RETURNING_VISITOR_ID });
    const times = asc.body.interactionHistoryRecords.map((r: any) => r.info.startTimeL);
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
    const sales = await call('', { start: range, visitor: RETURNING_VISITOR_ID, skillIds: ['1'], agentIds: ['1001'], duration: { from: 0, to: 600 } });
    expect(sales.body._metadata.count).toBe(1);
    const id = asc.body.interactionHistoryRecords[0].info.engagementId;
    const byId = await call('', { start: { from: 0, to: 1 }, engagementId: id });
    expect(byId.body.interactionHistoryRecords.map((r: any) => r.info.engagementId)).toEqual([id]);
  });

  it('searches keywords in the areas asked for, a quoted keyword as a phrase', async () => {
    const month = { from: Date.now() - 30 * DAY, to: Date.now() };
    const inLines = await call('', { start: month, keyword: '"wrong VAT number"', keyword_search_area: { types: ['chatLine'] } });
    expect(inLines.body._metadata.count).toBe(1);
    const notInAttributes = await call('', { start: month, keyword: 'VAT', keyword_search_area: { types: ['ea.customerInfo'] } });
    expect(notInAttributes.body._metadata.count).toBe(0);
  });

  it('rejects what the page rules out: over a month without a visitor, no start, limit over 100, no bearer', async () => {
    const now = Date.now();
    expect((await call('', { start: { from: now - 40 * DAY, to: now } })).status).toBe(400);
    expect((await call('', { visitor: RETURNING_VISITOR_ID })).status).toBe(400);
    expect((await call('?limit=101', { start: { from: now - DAY, to: now } })).status).toBe(400);
    expect((await call('', '[1]')).status).toBe(400);
    expect((await call('', '{bad')).body.error.message).toBe('Malformed JSON in request body');
    expect((await call('', { start: { from: now - DAY, to: now } }, 'Bearer nope')).status).toBe(401);
  });

  it('adds a chat that ended here to the visitor’s history, linked by the visitorId the visitor sent', async () => {
    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Dana', skill: 'Support', visitorId: RETURNING_VISITOR_ID });
    await visitor.sendLine('Back again about my invoice');
    const range = { from: Date.now() - 400 * DAY, to: Date.now() + DAY };
    expect((await call('', { start: range, visitor: RETURNING_VISITOR_ID })).body._metadata.count).toBe(3);
    await visitor.end();
    const { body } = await call('', { start: range, visitor: RETURNING_VISITOR_ID });
    expect(body._metadata.count).toBe(4);
    const newest = body.interactionHistoryRecords[0];
    expect(newest.info).toMatchObject({ visitorId: RETURNING_VISITOR_ID, visitorName: 'Dana', skillId: 2, skillName: 'Support', ended: true });
    expect(newest.transcript.lines.map((l: any) => l.text)).toContain('Back again about my invoice');
  });
});
