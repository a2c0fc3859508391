/**
 * Every example response LivePerson documents for the Domain API, the Login Service and the Chat
 * Agent API (test/fixtures/liveperson/agent/, copied from the reference with its provenance in the
 * README there) is fed to the client through an injected `fetch` — documented status, JSON headers,
 * the body as printed — and each meaningful field is asserted where it lands in the typed result.
 * Nothing here comes from the emulator.
 */
import { describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { storedChat } from '../../src/agent/chat-list';
import type { Connection } from '../../src/agent/state';
import { chatAgentApiService } from '../../src/conversation/chat-agent-api/service';
import { CHAT_URL, PLACEHOLDERS, SESSION_URL, documented, documentedText, replayFetch } from '../fixtures/liveperson/documented';

const ORIGIN = `https://${PLACEHOLDERS.domain}`;
const address = { origin: ORIGIN, accountId: PLACEHOLDERS.accountId };

/** A client whose every request is answered with the fixture `name`. */
function replaying(name: string | undefined, status = 200, headers: Record<string, string> = {}) {
  const replay = replayFetch({ status, body: name ? documentedText(name) : undefined, headers });
  const client = createLivePersonClient({ fetch: replay.fetch });
  return { client, agent: client.agent({ bearer: 'documented-bearer' }), requests: replay.requests };
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string; issues?: string[] } }): T {
  if (!result.ok) throw new Error(`${result.error.message} ${result.error.issues?.join('; ') ?? ''}`);
  return result.value;
}

describe('Domain API (D1)', () => {
  it('reads the one-service answer: a bare host, reached over https', async () => {
    const { client, requests } = replaying('agent/d1-domain-one-service.json');
    expect(ok(await client.domain.lookup({ csdsUrl: 'https://api.liveperson.net', accountId: '1234', service: 'agentVep' }))).toBe('https://exampleDomain.liveperson.net');
    expect(requests[0]!.url).toBe('https://api.liveperson.net/api/account/1234/service/agentVep/baseURI.json?version=1.0');
  });

  it('reads the current page\'s `baseURIs` answer for the service asked, and says when it is not there', async () => {
    const { client } = replaying('agent/d1-domain-current-page.json');
    const lookup = (service: string) => client.domain.lookup({ csdsUrl: 'https://api.liveperson.net', accountId: 'EXAMPLE123', service });
    expect(ok(await lookup('liveEngageUI'))).toBe('https://lo.le1.liveperson.net');
    expect(ok(await lookup('visitorFeed'))).toBe('https://lo.v-feed.liveperson.net');
    expect(ok(await lookup('etool'))).toBe('https://z2.etool.liveperson.net');
    const missing = await lookup('agentVep');
    expect(missing.ok || missing.error.message).toMatch(/no agentVep service/);
  });
});

describe('Login Service (L1, L3, L4)', () => {
  it('reads the login example: bearer, csrf, sessionTTl (a string), user, server time, the CSDS table', async () => {
    const { client } = replaying('agent/l1-login.json');
    const login = ok(await client.login.withPassword({ ...address, username: 'name', password: 'password' }));
    expect(login).toEqual({
      bearer: '9cf6ee24b6a1031e202f292a0ad20c8f52bfd9f01abc8b9489365995052c6603',
      csrf: 'd5d07326cfe2240b9453e19e8092c59844921dcdc6ebb105c55fea9ed45c9d77',
      sessionTtlMs: 28_800_000,
      userId: '3705342610',
      loginName: 'name',
      // The page's example names `domain.domain.net`, which is not one of LivePerson's domains: the
      // allow-list (src/api/allow-list.ts) drops such hosts, so no credential can follow them.
      serviceOrigins: {},
      serverTime: 1474549184722,
    });
  });

  it('reads the login example\'s CSDS table when it names LivePerson hosts (the example with a real host)', async () => {
    const body = documentedText('agent/l1-login.json').replaceAll('domain.domain.net', 'va.agentvep.liveperson.net');
    const client = createLivePersonClient({ fetch: replayFetch({ status: 200, body }).fetch });
    const login = ok(await client.login.withPassword({ ...address, username: 'name', password: 'password' }));
    expect(login.serviceOrigins).toEqual({ smt: 'https://va.agentvep.liveperson.net', agentVep: 'https://va.agentvep.liveperson.net' });
  });

  it('takes refresh and logout\'s 200 with an empty body as success', async () => {
    const { client, requests } = replaying(undefined, 200);
    expect(await client.login.refresh({ ...address, csrf: 'c' })).toEqual({ ok: true, value: undefined });
    expect(await client.login.logout({ ...address, csrf: 'c' })).toEqual({ ok: true, value: undefined });
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.body])).toEqual([
      ['POST', `/api/account/${PLACEHOLDERS.accountId}/refresh`, '{"csrf":"c"}'],
      ['POST', `/api/account/${PLACEHOLDERS.accountId}/logout`, '{"csrf":"c"}'],
    ]);
  });

  it.each(['agent/l3-refresh-bad-csrf.json', 'agent/l4-logout-bad-csrf.json'])('reads the bad-csrf 401 (%s) as expired credentials with LivePerson\'s message', async (name) => {
    const { client } = replaying(name, 401);
    const result = await client.login.refresh({ ...address, csrf: 'bad' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ kind: 'auth-expired', status: 401 });
      expect(result.error.message).toContain('CSRF token invalid');
    }
  });
});

describe('Chat Agent API', () => {
  it('A1: takes the agent session from `agentSessionLocation` (201), placeholder space and all', async () => {
    const { agent, requests } = replaying('agent/a1-start-agent-session.json', 201);
    expect(ok(await agent.startSession(address))).toEqual({ sessionUrl: SESSION_URL, sessionId: PLACEHOLDERS.agentSessionId });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer documented-bearer');
    expect(JSON.parse(requests[0]!.body!)).toEqual({ loginData: '' });
  });

  it('A3: reads availability, voice included', async () => {
    const { agent } = replaying('agent/a3-availability.json');
    expect(ok(await agent.getAvailability(SESSION_URL))).toEqual({ chat: 'Online', voice: 'Offline' });
  });

  it('A5: reads every available agent: id, name, state code, maxChats, skills (all strings)', async () => {
    const { agent } = replaying('agent/a5-available-agents.json');
    expect(ok(await agent.getAvailableAgents(SESSION_URL))).toEqual([{ id: '2', name: 'Agent1-Nickname', chatState: 'Away', maxChats: -1, skillIds: ['2', '4'] }]);
  });

  it('A6: reads available slots, a number', async () => {
    const { agent } = replaying('agent/a6-available-slots.json');
    expect(ok(await agent.getAvailableSlots(SESSION_URL))).toBe(1);
  });

  it('A7: reads the agent: "John Smith", the login name, maxChats "-1" and the three skills', async () => {
    const { agent } = replaying('agent/a7-agent-information.json');
    expect(ok(await agent.getInfo(SESSION_URL))).toEqual({
      id: '25025413',
      name: 'John Smith',
      nickname: 'John Smith',
      displayName: 'John Smith',
      loginName: 'John@company.com',
      maxChats: -1,
      skills: [
        { id: '25975313', name: 'Sales' },
        { id: '26060413', name: 'Billing' },
        { id: '26077613', name: 'OrdersHandlers' },
      ],
    });
  });

  it('A7: a single skill as a bare object, and no skills at all, as XML→JSON prints them', async () => {
    const example = documented('agent/a7-agent-information.json');
    const one = { info: { ...example.info, skillsInfo: { skillInfo: example.info.skillsInfo.skillInfo[0] } } };
    const none = { info: { ...example.info, skillsInfo: undefined } };
    for (const [body, skills] of [[one, ['Sales']], [none, []]] as const) {
      const client = createLivePersonClient({ fetch: replayFetch({ status: 200, body: JSON.stringify(body) }).fetch });
      expect(ok(await client.agent({ bearer: 'b' }).getInfo(SESSION_URL)).skills.map((s) => s.name)).toEqual(skills);
    }
  });

  it('A8: reads the documented idle answer: ringingCount "0", no link', async () => {
    const { agent } = replaying('agent/a8-incoming-requests.json');
    expect(ok(await agent.getIncoming(SESSION_URL))).toEqual({ ringingCount: 0, acceptUrl: undefined });
  });

  it('A9: takes the chat from `chatLocation` (201)', async () => {
    const { agent, requests } = replaying('agent/a9-accept-chat.json', 201);
    expect(ok(await agent.accept(`${SESSION_URL}/incomingRequests`))).toEqual({ chatUrl: CHAT_URL, chatId: PLACEHOLDERS.chatId });
    expect(requests[0]).toMatchObject({ method: 'POST', body: '{}' });
  });

  it('A10: reads the held chats, plain href/rel and a numeric startTime', async () => {
    const { agent } = replaying('agent/a10-chat-sessions.json');
    expect(ok(await agent.getChatSessions(SESSION_URL))).toEqual([{ chatUrl: CHAT_URL, chatId: PLACEHOLDERS.chatId, startTime: 1440934609097 }]);
  });

  it('A11: reads the captured chat: every link, the four events, every info field', async () => {
    const { agent } = replaying('agent/a11-chat.json');
    const base = SESSION_URL;
    const chatUrl = CHAT_URL;
    const chat = ok(await agent.getChat(chatUrl));
    expect(chat.chatId).toBe('H2170755172687460894-b7d761017809489ea1a257461eb373eeK8457415');
    expect(chat.chatUrl).toBe(chatUrl);
    expect(chat.links).toEqual({
      self: chatUrl,
      events: `${chatUrl}/events`,
      info: `${chatUrl}/info`,
      next: `${chatUrl}?from=4`,
      'collaboration-channels': `${chatUrl}/collaborationChannels`,
      'visit-id': `${base}/visits/visit/H2170755172687460894K8457415`,
      transfer: `${chatUrl}/transfer`,
      'transfer-account': `${chatUrl}/transferAccount`,
      'agent-survey': `${chatUrl}/survey`,
      'visitor-name': `${chatUrl}/info/visitorName`,
      'visitor-typing': `${chatUrl}/info/visitorTyping`,
      'agent-typing': `${chatUrl}/info/agentTyping`,
    });
    expect(chat.nextUrl).toBe(`${chatUrl}/events?from=4`);
    expect(chat.events).toEqual([
      { type: 'state', id: 0, time: '2018-01-29T08:19:43.963-05:00', state: 'waiting' },
      expect.objectContaining({ type: 'line', id: 1, source: 'system', by: 'info', systemMessageId: 4, subType: 'REGULAR', textType: 'plain', text: 'Thank you for choosing to chat with us.  An agent will be with you shortly.' }),
      { type: 'state', id: 2, time: '2018-01-29T08:19:56.777-05:00', state: 'chatting' },
      expect.objectContaining({ type: 'line', id: 3, systemMessageId: 3, text: 'You are now chatting with Barber.', time: '2018-01-29T08:19:56.782-05:00' }),
    ]);
    expect(chat.info).toEqual({
      state: 'chatting',
      chatSessionKey: 'H2170755172687460894-b7d761017809489ea1a257461eb373eeK8457415',
      agentName: 'Barber',
      agentId: '311098910',
      startTime: '2018-01-29T08:19:43.976-05:00',
      duration: 0,
      lastUpdate: '2018-01-29T08:20:54.560-05:00',
      chatTimeout: 40,
      visitorId: '1215602164887992',
      agentTyping: 'not-typing',
      visitorTyping: 'not-typing',
      visitorName: 'visitor',
      participantId: undefined,
      extra: {
        rtSessionId: 4295036103,
        sharkVisitorId: 'QzZDNhYTViMjA1OTJjN2Y5',
        sharkSessionId: 'ttJpjOmRQ0adbOusBi5UlA',
        sharkContextId: 1,
        engagementId: 311098710,
        campaignId: 311098610,
        language: 'en-US',
      },
    });
  });

  it('A12: reads every chat at once, plain href/rel, numeric ids and string systemMessageIds', async () => {
    const { agent, requests } = replaying('agent/a12-chats.json');
    const [chat, ...more] = ok(await agent.getChats(SESSION_URL, [{ chatId: PLACEHOLDERS.chatId, lastEventId: -1 }]));
    expect(more).toEqual([]);
    expect(new URL(requests[0]!.url).searchParams.get('chatSessionKeys')).toBe(PLACEHOLDERS.chatId);
    expect(chat!.chatUrl).toBe(CHAT_URL);
    expect(Object.keys(chat!.links).sort()).toEqual(['agent-survey', 'agent-typing', 'events', 'info', 'next', 'self', 'transfer', 'transfer-account', 'visit-id', 'visitor-name', 'visitor-typing']);
    expect(chat!.links['visit-id']).toBe(`${SESSION_URL}/visits/visit/${PLACEHOLDERS.visitId}`);
    expect(chat!.events.map((e) => [e.id, e.type, 'systemMessageId' in e ? e.systemMessageId : undefined])).toEqual([
      [0, 'state', undefined],
      [1, 'line', 4],
      [2, 'state', undefined],
      [3, 'line', 3],
      [4, 'line', 4],
    ]);
    expect(chat!.events[3]).toMatchObject({ text: 'You are now chatting with Agent Nick.', by: 'info', source: 'system' });
    expect(chat!.info).toMatchObject({ agentName: 'Agent Nick', agentId: '2', visitorId: '1222309710121', chatSessionKey: 'H4709474615328845423-2767456311409308813K8414056', extra: { rtSessionId: 4294992744 } });
  });

  it('A14: takes the new line\'s id from `chatEventLocation` (201)', async () => {
    const { agent, requests } = replaying('agent/a14-send-line.json', 201);
    expect(ok(await agent.addLine(`${CHAT_URL}/events`, { text: 'hi', textType: 'html' }))).toEqual({ eventUrl: `${CHAT_URL}/events/5`, eventId: 5 });
    expect(JSON.parse(requests[0]!.body!)).toEqual({ event: { '@type': 'line', text: 'hi', textType: 'html' } });
  });

  it('A14: an HTML line leaves exactly as the page\'s HTML request example (no subType on a line for the visitor)', async () => {
    const replay = replayFetch({ status: 201, body: documentedText('agent/a14-send-line.json') });
    const service = chatAgentApiService(createLivePersonClient({ fetch: replay.fetch }));
    const connection = { origin: ORIGIN, bearer: 'documented-bearer', sessionUrl: SESSION_URL } as Connection;
    const chat = storedChat({ chatId: PLACEHOLDERS.chatId, chatUrl: CHAT_URL, links: { events: `${CHAT_URL}/events` }, events: [] });
    // The page's example, as printed (reference §4.20).
    const html = "<div dir='ltr' style='direction:ltr;text-align:left;'>this is a line of text</div>";
    expect(await service.sendLine(connection, chat, { text: 'this is a line of text', private: false, html })).toEqual({ ok: true, value: { eventId: 5, asHtml: true } });
    expect(JSON.parse(replay.requests[0]!.body!)).toEqual({ event: { '@type': 'line', text: html, textType: 'html' } });
    expect(replay.requests[0]!.url).toBe(`${CHAT_URL}/events?v=1&NC=true`);
    // The page's private example.
    await service.sendLine(connection, chat, { text: 'This is a private message, only visible to agents', private: true });
    expect(JSON.parse(replay.requests[1]!.body!)).toEqual({
      event: { '@type': 'line', text: 'This is a private message, only visible to agents', textType: 'plain', subType: 'ONLY_TO_REP' },
    });
  });

  it('A16: reads the chat\'s skill from the info resource (the visitor side\'s printed example: the agent side prints none)', async () => {
    const { agent } = replaying('visitor/info.json');
    expect(ok(await agent.getChatInfo(`${CHAT_URL}/info`))).toMatchObject({ skillName: 'Sales', skillId: '25975313', agentName: 'Natalie' });
  });

  it('A15: takes the end\'s 201 `chatLocation` as success', async () => {
    const { agent, requests } = replaying('agent/a15-end-chat.json', 201);
    expect(await agent.endChat(`${CHAT_URL}/events`)).toEqual({ ok: true, value: undefined });
    expect(JSON.parse(requests[0]!.body!)).toEqual({ event: { '@type': 'state', state: 'ended' } });
  });

  it('A20: reads the visitor\'s typing status', async () => {
    const { agent } = replaying('agent/a20-visitor-typing.json');
    expect(ok(await agent.getInfoField(`${CHAT_URL}/info/visitorTyping`, 'visitorTyping'))).toBe('typing');
  });

  it('A21: reads the authenticated visitor: every documented fact, contacts included', async () => {
    const { agent, requests } = replaying('agent/a21-participant-info.json');
    const info = ok(await agent.getParticipantInfo(SESSION_URL, '55fc1779-83b0-4e8b-8eea-503a8eaf8822'));
    expect(requests[0]!.url).toContain('/participantExtendedInfo/55fc1779-83b0-4e8b-8eea-503a8eaf8822');
    expect(info.authenticated).toBe(true);
    const values = info.facts.map((f) => f.value);
    for (const value of ['Test User', 'testuser@liveperson.com', '+1-10-344-3765333', '-400.99', '57ac-072a-5d10-4506-721f-9ebf', 'cancelled', 'vip', '11256324780', '3543546543545688', 'testuser', '500', 'bank corp', 'broker']) {
      expect(values.some((v) => v.includes(value)), value).toBe(true);
    }
    expect(values.some((v) => v.includes('2013'))).toBe(true);
    expect(values.some((v) => v.includes('2014'))).toBe(true);
  });

  it('A23: reads the skills to transfer to, as the page means them (its example has a trailing comma)', async () => {
    const printed = documentedText('agent/a23-available-skills.txt');
    // As printed it is not JSON: the client says so instead of failing somewhere else…
    const raw = createLivePersonClient({ fetch: replayFetch({ status: 200, body: printed }).fetch }).agent({ bearer: 'b' });
    const refused = await raw.getTransferOptions(`${CHAT_URL}/transfer`);
    expect(refused.ok || refused.error.kind).toBe('bad-response');
    // …and reads the example as LivePerson's server would send it: valid JSON, same shape.
    const sent = printed.replace(/,(\s*])/, '$1');
    const agent = createLivePersonClient({ fetch: replayFetch({ status: 200, body: sent }).fetch }).agent({ bearer: 'b' });
    expect(ok(await agent.getTransferOptions(`${CHAT_URL}/transfer`))).toEqual([
      { id: '25975313', name: 'Sales', onlineAgents: 1 },
      { id: '26060413', name: 'Billing', onlineAgents: 1 },
    ]);
  });
});
