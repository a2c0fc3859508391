/** The client against the running emulator over real HTTP: every endpoint and its error paths. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { startEmulator, type Emulator } from '../emulator/server';
import { Visitor } from '../emulator/visitor';
import { ACCOUNT, clientWithJar, signedIn, unwrap, type SignedIn } from './support';

let ctx: SignedIn | undefined;
let plain: Emulator | undefined;

afterEach(async () => {
  await ctx?.emulator.close();
  await plain?.close();
  ctx = undefined;
  plain = undefined;
});

async function ringing(s: SignedIn, name = 'Dana'): Promise<Visitor> {
  unwrap(await s.agent.setAvailability(s.sessionUrl, 'Online'));
  return Visitor.start({ baseUrl: s.emulator.baseUrl, name });
}

describe('domain and login', () => {
  it('finds the agentVep origin through CSDS', async () => {
    plain = await startEmulator({ port: 0 });
    const client = clientWithJar();
    const origin = await client.domain.lookup({ csdsUrl: plain.baseUrl, accountId: ACCOUNT, service: 'agentVep' });
    expect(origin).toEqual({ ok: true, value: plain.baseUrl });
  });

  it('signs in, refreshes with the csrf and the login cookie, and logs out', async () => {
    ctx = await signedIn();
    expect(ctx.login.bearer).toMatch(/^[0-9a-f]{64}$/);
    expect(ctx.login.sessionTtlMs).toBe(28_800_000);
    expect(ctx.login.serviceOrigins.agentVep).toBe(ctx.emulator.baseUrl);
    const address = { origin: ctx.origin, accountId: ACCOUNT };
    expect(await ctx.client.login.refresh({ ...address, csrf: ctx.login.csrf })).toEqual({ ok: true, value: undefined });
    const bad = await ctx.client.login.refresh({ ...address, csrf: 'not-the-csrf' });
    expect(bad.ok || bad.error.kind).toBe('auth-expired');
    expect(await ctx.client.login.logout({ ...address, csrf: ctx.login.csrf })).toEqual({ ok: true, value: undefined });
    const after = await ctx.agent.getAvailability(ctx.sessionUrl);
    expect(after.ok || after.error.kind).toBe('auth-expired');
  });

  it('reports a wrong password as auth-expired with LivePerson’s message', async () => {
    plain = await startEmulator({ port: 0 });
    const result = await clientWithJar().login.withPassword({ origin: plain.baseUrl, accountId: ACCOUNT, username: 'agent1', password: 'nope' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'auth-expired', status: 401 });
  });

  it('reports an unreachable host as a network error', async () => {
    const result = await createLivePersonClient({ timeoutMs: 2000, allowLoopback: true }).domain.lookup({ csdsUrl: 'http://127.0.0.1:9', accountId: ACCOUNT, service: 'agentVep' });
    expect(result.ok || result.error.kind).toBe('network');
  });
});

describe('agent session', () => {
  it('reads agent info, availability, and sets every settable state', async () => {
    ctx = await signedIn();
    const info = unwrap(await ctx.agent.getInfo(ctx.sessionUrl));
    expect(info).toMatchObject({ id: '1001', name: 'Alex', nickname: 'Alex', displayName: 'Alex', loginName: 'agent1', maxChats: 4 });
    expect(info.skills.map((s) => s.name)).toEqual(['Sales', 'Support']);
    for (const state of ['Online', 'Occupied', 'Away'] as const) {
      unwrap(await ctx.agent.setAvailability(ctx.sessionUrl, state));
      expect(unwrap(await ctx.agent.getAvailability(ctx.sessionUrl)).chat).toBe(state);
    }
  });

  it('sends the agent session its cookies: a strict emulator, which demands them, serves it', async () => {
    ctx = await signedIn({ strict: true });
    unwrap(await ctx.agent.setAvailability(ctx.sessionUrl, 'Online'));
    expect(unwrap(await ctx.agent.getAvailability(ctx.sessionUrl)).chat).toBe('Online');
    // Without a jar the strict emulator refuses, as a stricter-than-LivePerson check should.
    const noJar = createLivePersonClient({ allowLoopback: true }).agent({ bearer: ctx.login.bearer });
    const result = await noJar.getAvailability(ctx.sessionUrl);
    expect(result.ok || result.error.kind).toBe('auth-expired');
  });

  it('reads agent info whatever the emulator mode: lists of one as bare objects or as arrays', async () => {
    for (const arrays of [false, true]) {
      const s = await signedIn({ arrays });
      try {
        const agents = unwrap(await s.agent.getAvailableAgents(s.sessionUrl));
        expect(agents.find((a) => a.id === '1002')?.skillIds).toEqual(['2']);
        unwrap(await s.agent.setAvailability(s.sessionUrl, 'Online'));
        await Visitor.start({ baseUrl: s.emulator.baseUrl, name: 'Dana' });
        const ref = unwrap(await s.agent.accept(unwrap(await s.agent.getIncoming(s.sessionUrl)).acceptUrl!));
        expect(unwrap(await s.agent.getChatSessions(s.sessionUrl)).map((c) => c.chatId)).toEqual([ref.chatId]);
        const [one] = unwrap(await s.agent.getChats(s.sessionUrl, [{ chatId: ref.chatId, lastEventId: -1 }]));
        expect(one?.chatId).toBe(ref.chatId);
        expect(one?.info?.extra.rtSessionId).toEqual(expect.any(Number));
      } finally {
        await s.emulator.close();
      }
    }
  });

  it('maps an unknown agent session to session-gone', async () => {
    ctx = await signedIn();
    const result = await ctx.agent.getIncoming(ctx.sessionUrl.replace(/\d+$/, '999999'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['session-gone', 'auth-expired']).toContain(result.error.kind);
  });
});

describe('chats', () => {
  it('rings, accepts, exchanges lines, polls with next and A12, and ends', async () => {
    ctx = await signedIn();
    expect(unwrap(await ctx.agent.getIncoming(ctx.sessionUrl))).toEqual({ ringingCount: 0, acceptUrl: undefined });
    const accepted = await ctx.agent.accept(`${ctx.sessionUrl}/incomingRequests`);
    expect(accepted.ok || accepted.error).toMatchObject({ kind: 'http', status: 409 });

    const visitor = await ringing(ctx);
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    expect(incoming.ringingCount).toBe(1);
    const ref = unwrap(await ctx.agent.accept(incoming.acceptUrl!));
    const chat = unwrap(await ctx.agent.getChat(ref.chatUrl));
    expect(chat.chatId).toBe(ref.chatId);
    expect(chat.links).toHaveProperty('events');
    expect(chat.info).toMatchObject({ state: 'chatting', visitorName: 'Dana' });
    expect(chat.events.map((e) => e.type)).toContain('line');

    await visitor.sendLine('hello agent');
    const page = unwrap(await ctx.agent.getEvents(chat.nextUrl!));
    expect(page.events).toEqual([expect.objectContaining({ type: 'line', source: 'visitor', text: 'hello agent' })]);
    const empty = unwrap(await ctx.agent.getEvents(page.nextUrl!));
    expect(empty.events).toEqual([]);
    expect(empty.nextUrl).toBe(page.nextUrl);

    const posted = unwrap(await ctx.agent.addLine(chat.links.events!, { text: 'hello visitor' }));
    const last = chat.events.at(-1)!.id;
    const [multi] = unwrap(await ctx.agent.getChats(ctx.sessionUrl, [{ chatId: chat.chatId, lastEventId: last }]));
    expect(multi!.chatId).toBe(chat.chatId);
    expect(multi!.events.map((e) => e.id)).toEqual([last + 1, posted.eventId]);
    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'hello visitor'), 5000);

    expect(unwrap(await ctx.agent.getChatSessions(ctx.sessionUrl)).map((c) => c.chatId)).toEqual([chat.chatId]);
    unwrap(await ctx.agent.setAgentTyping(chat.links['agent-typing'] ?? `${chat.chatUrl}/info/agentTyping`, true));
    expect(unwrap(await ctx.agent.getChatInfo(chat.links.info!)).agentTyping).toBe('typing');

    unwrap(await ctx.agent.endChat(chat.links.events!));
    await visitor.waitFor((v) => v.state() === 'ended', 5000);
    const ended = unwrap(await ctx.agent.getChat(chat.chatUrl));
    expect(ended.info?.state).toBe('ended');
    const again = await ctx.agent.addLine(chat.links.events!, { text: 'too late' });
    expect(again.ok).toBe(false);
  });

  it('maps an unknown chat to session-gone', async () => {
    ctx = await signedIn();
    const result = await ctx.agent.getChat(`${ctx.sessionUrl}/chat/H1-deadK1`);
    expect(result.ok || result.error.kind).toBe('session-gone');
  });
});

describe('bad responses', () => {
  it('turns an unexpected 2xx body into bad-response with the zod issue', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"incomingRequests":{}}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/account/1/agentSession/1`;
    const result = await createLivePersonClient({ allowLoopback: true }).agent({ bearer: 'b' }).getIncoming(url);
    server.close();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('bad-response');
      expect(result.error.issues?.[0]).toMatch(/ringingCount/);
    }
  });

  it('turns a non-JSON 2xx body into bad-response and a 429 into rate-limited with Retry-After', async () => {
    let answer = 0;
    const server = createServer((_req, res) => {
      answer += 1;
      if (answer === 1) res.writeHead(200).end('<html>');
      else res.writeHead(429, { 'retry-after': '3' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s`;
    const agent = createLivePersonClient({ allowLoopback: true }).agent({ bearer: 'b' });
    const first = await agent.getAvailability(url);
    const second = await agent.getAvailability(url);
    server.close();
    expect(first.ok || first.error.kind).toBe('bad-response');
    expect(second.ok || second.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
  });
});

describe('every documented error status', () => {
  it('maps 400, 401, 403, 404, 409, 429, 500, 502 and 503 to typed errors carrying LivePerson’s message', async () => {
    ctx = await signedIn();
    const { agent, client, emulator, origin, sessionUrl } = ctx;
    const faults = (plan: unknown) => fetch(`${emulator.baseUrl}/sandbox/faults`, { method: plan ? 'PUT' : 'DELETE', body: plan ? JSON.stringify(plan) : undefined });

    // Domain API: an unknown account (401, "invalid site") is said as such.
    const unknownAccount = await client.domain.lookup({ csdsUrl: emulator.baseUrl, accountId: '99999999', service: 'agentVep' });
    expect(unknownAccount.ok || unknownAccount.error).toMatchObject({ kind: 'http', status: 401, message: 'LivePerson does not know account 99999999 (401)' });
    // Login Service: bad credentials, bad csrf on refresh and on logout (401, internalCode 10).
    const wrong = await client.login.withPassword({ origin, accountId: ACCOUNT, username: 'agent1', password: 'nope' });
    expect(wrong.ok || wrong.error).toMatchObject({ kind: 'auth-expired', status: 401, message: expect.stringContaining('invalid site or agent') });
    const badLogout = await client.login.logout({ origin, accountId: ACCOUNT, csrf: 'not-the-csrf' });
    expect(badLogout.ok || badLogout.error).toMatchObject({ kind: 'auth-expired', status: 401, message: expect.stringContaining('Invalid csrf') });
    // 400: a value the API does not take (A24 to a skill that does not exist).
    await ringing(ctx);
    await vi.waitFor(async () => expect(unwrap(await agent.getIncoming(sessionUrl)).ringingCount).toBe(1), { timeout: 5_000 });
    const chat = unwrap(await agent.accept(unwrap(await agent.getIncoming(sessionUrl)).acceptUrl!));
    const badSkill = await agent.transfer(`${chat.chatUrl}/transfer`, { skillId: '424242' });
    expect(badSkill.ok || badSkill.error).toMatchObject({ kind: 'http', status: 400 });
    // 403: another account's agent session; 404: an unknown chat; 409: accept with nothing ringing.
    const otherAccount = await agent.getAvailability(sessionUrl.replace(`/${ACCOUNT}/`, '/99999999/'));
    expect(otherAccount.ok || otherAccount.error).toMatchObject({ kind: 'session-gone', status: 403 });
    const unknownChat = await agent.getChat(`${sessionUrl}/chat/H0-nothingK1`);
    expect(unknownChat.ok || unknownChat.error).toMatchObject({ kind: 'session-gone', status: 404 });
    const nothingRinging = await agent.accept(`${sessionUrl}/incomingRequests`);
    expect(nothingRinging.ok || nothingRinging.error).toMatchObject({ kind: 'http', status: 409 });
    // 429 with Retry-After and the 5xx family, injected by the emulator.
    await faults({ rate: 1, kinds: ['429'], sides: ['agent'], retryAfterSeconds: 2, maxFaults: 1 });
    const limited = await agent.getAvailability(sessionUrl);
    expect(limited.ok || limited.error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2000 });
    for (const status of [500, 502, 503] as const) {
      await faults({ rate: 1, kinds: [String(status)], sides: ['agent'], maxFaults: 1 });
      const failed = await agent.getAvailability(sessionUrl);
      expect(failed.ok || failed.error).toMatchObject({ kind: 'http', status, message: expect.stringContaining(`LivePerson answered ${status}`) });
    }
    // 401 on a Chat Agent API call: the bearer is gone.
    await faults(null);
    await fetch(`${emulator.baseUrl}/sandbox/expire-bearer`, { method: 'POST' });
    const expired = await agent.getAvailability(sessionUrl);
    expect(expired.ok || expired.error).toMatchObject({ kind: 'auth-expired', status: 401 });
  });
});

describe('transfer', () => {
  it('lists skills with agents online, transfers with a private note, and the colleague takes the chat', async () => {
    ctx = await signedIn();
    const visitor = await ringing(ctx);
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const chat = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(incoming.acceptUrl!)).chatUrl));
    expect(unwrap(await ctx.agent.getTransferOptions(chat.links.transfer!))).toEqual([]);

    // A colleague with the Support skill comes Online.
    const client2 = clientWithJar();
    const login2 = unwrap(await client2.login.withPassword({ origin: ctx.origin, accountId: ACCOUNT, username: 'agent2', password: 'agent2-pass' }));
    const agent2 = client2.agent({ bearer: login2.bearer });
    const session2 = unwrap(await agent2.startSession({ origin: ctx.origin, accountId: ACCOUNT })).sessionUrl;
    unwrap(await agent2.setAvailability(session2, 'Online'));

    expect(unwrap(await ctx.agent.getTransferOptions(chat.links.transfer!))).toEqual([{ id: '2', name: 'Support', onlineAgents: 1 }]);
    const refused = await ctx.agent.transfer(chat.links.transfer!, { skillId: '1' });
    expect(refused.ok || refused.error).toMatchObject({ kind: 'http', status: 400 });
    unwrap(await ctx.agent.transfer(chat.links.transfer!, { skillId: '2', text: 'Billing question, over to you' }));
    expect(unwrap(await ctx.agent.getChatSessions(ctx.sessionUrl))).toEqual([]);

    const rung = unwrap(await agent2.getIncoming(session2));
    expect(rung.ringingCount).toBe(1);
    const taken = unwrap(await agent2.getChat(unwrap(await agent2.accept(rung.acceptUrl!)).chatUrl));
    const lines = taken.events.filter((e) => e.type === 'line');
    expect(lines.at(-1)).toMatchObject({ text: 'Billing question, over to you', subType: 'ONLY_TO_REP' });
    expect(lines.some((e) => 'systemMessageId' in e && e.systemMessageId === 15)).toBe(true);

    await visitor.waitFor((v) => v.lines().some((l) => l.text === 'You are now chatting with Sam.'), 5000);
    expect(visitor.lines().map((l) => l.text)).not.toContain('Billing question, over to you');
  });
});

describe('visit', () => {
  it('reads the visit behind the visit-id link: device, browser, referrer, pre-chat answers', async () => {
    ctx = await signedIn();
    unwrap(await ctx.agent.setAvailability(ctx.sessionUrl, 'Online'));
    await Visitor.start({
      baseUrl: ctx.emulator.baseUrl,
      name: 'Dana',
      survey: { '4991310': 'Dana Whitfield', '4991312': '88213' },
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      referrer: 'https://shop.example/orders/88213',
    });
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const chat = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(incoming.acceptUrl!)).chatUrl));
    const visit = unwrap(await ctx.agent.getVisit(chat.links['visit-id']!));
    expect(visit.preChatSurvey).toEqual([
      { label: 'Your name', value: 'Dana Whitfield' },
      { label: 'Order number', value: '88213' },
    ]);
    expect(visit.facts).toEqual(
      expect.arrayContaining([
        { label: 'Device', value: 'Desktop' },
        { label: 'Operating system', value: 'Windows' },
        { label: 'Browser', value: 'Chrome' },
        { label: 'Referrer', value: 'https://shop.example/orders/88213' },
        { label: 'Location', value: 'San Francisco, California, United States' },
      ]),
    );
    expect(visit.customVariables).toEqual([{ label: 'customerTier', value: 'Premium' }]);
    expect(visit.pages[0]?.url).toBe('https://shop.example/orders/88213');
  });
});

describe('chat info fields and participant info', () => {
  it('reads A17/A18/A20 at their own URLs, and an authenticated visitor’s participant info (A21)', async () => {
    ctx = await signedIn();
    unwrap(await ctx.agent.setAvailability(ctx.sessionUrl, 'Online'));
    const visitor = await Visitor.start({ baseUrl: ctx.emulator.baseUrl, name: 'Dana', ssoKey: 'dana-sso' });
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const chat = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(incoming.acceptUrl!)).chatUrl));
    await visitor.setTyping(true);
    unwrap(await ctx.agent.setAgentTyping(chat.links['agent-typing']!, true));
    expect(unwrap(await ctx.agent.getInfoField(chat.links['visitor-name']!, 'visitorName'))).toBe('Dana');
    expect(unwrap(await ctx.agent.getInfoField(chat.links['visitor-typing']!, 'visitorTyping'))).toBe('typing');
    expect(unwrap(await ctx.agent.getInfoField(chat.links['agent-typing']!, 'agentTyping'))).toBe('typing');

    const participantId = chat.info?.participantId;
    expect(participantId).toMatch(/^[0-9a-f-]{36}$/);
    const participant = unwrap(await ctx.agent.getParticipantInfo(ctx.sessionUrl, participantId!));
    expect(participant.authenticated).toBe(true);
    expect(participant.facts).toEqual(
      expect.arrayContaining([
        { label: 'Authenticated name', value: 'Dana Whitfield' },
        { label: 'Email', value: 'dana@example.com' },
        { label: 'Customer id', value: '88213' },
        { label: 'Customer type', value: 'vip' },
        { label: 'Registered', value: '2013-05-23' },
        { label: 'balance', value: '-400.99' },
      ]),
    );
    const unknown = await ctx.agent.getParticipantInfo(ctx.sessionUrl, 'no-such-participant');
    expect(unknown.ok || unknown.error).toMatchObject({ kind: 'session-gone', status: 404 });

    // A visitor who did not authenticate has no participant id.
    await Visitor.start({ baseUrl: ctx.emulator.baseUrl, name: 'Anon' });
    const second = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const anon = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(second.acceptUrl!)).chatUrl));
    expect(anon.info?.participantId).toBeUndefined();
  });
});

describe('agent survey', () => {
  it('reads the structure, refuses missing mandatory answers, accepts a complete one once', async () => {
    ctx = await signedIn();
    const visitor = await ringing(ctx);
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const chat = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(incoming.acceptUrl!)).chatUrl));
    unwrap(await ctx.agent.endChat(chat.links.events!));
    await visitor.waitFor((v) => v.state() === 'ended');
    const url = chat.links['agent-survey']!;
    const survey = unwrap(await ctx.agent.getAgentSurvey(url));
    expect(survey.questions.map((q) => [q.label, q.type, q.mandatory])).toEqual([
      ['Reason for contact', 'dropdown', true],
      ['Resolved?', 'radio', true],
      ['Other topics', 'checkbox', true],
      ['Follow-up needed', 'checkbox', false],
    ]);
    expect(survey.questions[0]!.entries.find((e) => e.value === 'Other')?.showLogicId).toBe('3');
    const missing = await ctx.agent.submitAgentSurvey(url, survey.id, { '1': ['Other'], '2': ['Yes'] });
    expect(missing.ok || missing.error).toMatchObject({ kind: 'http', status: 400 });
    unwrap(await ctx.agent.submitAgentSurvey(url, survey.id, { '1': ['Billing'], '2': ['Yes'], '4': ['Call back'] }));
    const twice = await ctx.agent.submitAgentSurvey(url, survey.id, { '1': ['Billing'], '2': ['Yes'] });
    expect(twice.ok || twice.error).toMatchObject({ status: 409 });
  });
});

describe('capacity', () => {
  it('lists available agents with their states and counts free slots', async () => {
    ctx = await signedIn();
    let agents = unwrap(await ctx.agent.getAvailableAgents(ctx.sessionUrl));
    expect(agents.map((a) => [a.name, a.chatState, a.maxChats])).toEqual([
      ['Alex', 'Away', 4],
      ['Sam', 'Offline', 4],
      ['HelpBot', 'Offline', 10],
    ]);
    expect(unwrap(await ctx.agent.getAvailableSlots(ctx.sessionUrl))).toBe(0);
    unwrap(await ctx.agent.setAvailability(ctx.sessionUrl, 'Online'));
    agents = unwrap(await ctx.agent.getAvailableAgents(ctx.sessionUrl, { chatState: 'Online' }));
    expect(agents.map((a) => a.id)).toEqual(['1001']);
    expect(unwrap(await ctx.agent.getAvailableSlots(ctx.sessionUrl, { agent: 'agent1' }))).toBe(4);
    await ringing(ctx);
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    unwrap(await ctx.agent.accept(incoming.acceptUrl!));
    expect(unwrap(await ctx.agent.getAvailableSlots(ctx.sessionUrl, { skill: 'Sales' }))).toBe(3);
  });

  it('transfers to a named agent, whose note arrives privately', async () => {
    ctx = await signedIn();
    await ringing(ctx);
    const incoming = unwrap(await ctx.agent.getIncoming(ctx.sessionUrl));
    const chat = unwrap(await ctx.agent.getChat(unwrap(await ctx.agent.accept(incoming.acceptUrl!)).chatUrl));
    const offline = await ctx.agent.transfer(chat.links.transfer!, { agentId: '1002' });
    expect(offline.ok || offline.error).toMatchObject({ status: 400 });
    const client2 = clientWithJar();
    const login2 = unwrap(await client2.login.withPassword({ origin: ctx.origin, accountId: ACCOUNT, username: 'agent2', password: 'agent2-pass' }));
    const agent2 = client2.agent({ bearer: login2.bearer });
    const session2 = unwrap(await agent2.startSession({ origin: ctx.origin, accountId: ACCOUNT })).sessionUrl;
    unwrap(await agent2.setAvailability(session2, 'Occupied')); // Occupied agents still receive transfers
    unwrap(await ctx.agent.transfer(chat.links.transfer!, { agentId: '1002', text: 'For you, Sam' }));
    expect(unwrap(await agent2.getIncoming(session2)).ringingCount).toBe(1);
  });
});

describe('bots: API keys', () => {
  const keys = { appKey: 'bot-app-key', secret: 'bot-secret', accessToken: 'bot-token', accessTokenSecret: 'bot-token-secret' };

  it('logs in with the API keys and works with signed requests, no cookie', async () => {
    plain = await startEmulator({ port: 0 });
    // A client without a cookie jar: signed requests must not need one.
    const client = createLivePersonClient({ allowLoopback: true });
    const login = unwrap(await client.login.withApiKey({ origin: plain.baseUrl, accountId: ACCOUNT, username: 'bot1', ...keys }));
    expect(login.loginName).toBe('bot1');
    const bot = client.agent({ apiKeys: keys });
    const { sessionUrl } = unwrap(await bot.startSession({ origin: plain.baseUrl, accountId: ACCOUNT }));
    unwrap(await bot.setAvailability(sessionUrl, 'Online'));
    expect(unwrap(await bot.getInfo(sessionUrl)).nickname).toBe('HelpBot');
    await Visitor.start({ baseUrl: plain.baseUrl, skill: 'Sales' });
    const incoming = unwrap(await bot.getIncoming(sessionUrl));
    const chat = unwrap(await bot.getChat(unwrap(await bot.accept(incoming.acceptUrl!)).chatUrl));
    unwrap(await bot.addLine(chat.links.events!, { text: 'Hi, I am a bot' }));
  });

  it('refuses a wrong secret at login and a bad signature on requests', async () => {
    plain = await startEmulator({ port: 0 });
    const client = createLivePersonClient({ allowLoopback: true });
    const wrong = await client.login.withApiKey({ origin: plain.baseUrl, accountId: ACCOUNT, username: 'bot1', ...keys, secret: 'nope' });
    expect(wrong.ok || wrong.error.kind).toBe('auth-expired');
    const forged = client.agent({ apiKeys: { ...keys, accessTokenSecret: 'guess' } });
    const result = await forged.startSession({ origin: plain.baseUrl, accountId: ACCOUNT });
    expect(result.ok || result.error).toMatchObject({ kind: 'auth-expired', message: expect.stringContaining('Invalid OAuth signature') });
  });
});

describe('agent session resource', () => {
  it('lists the session’s links (A2) under the session path', async () => {
    ctx = await signedIn();
    const links = unwrap(await ctx.agent.getSessionLinks(ctx.sessionUrl));
    expect(links.self).toBe(ctx.sessionUrl);
    for (const href of Object.values(links)) expect(href.startsWith(ctx.sessionUrl)).toBe(true);
  });
});
