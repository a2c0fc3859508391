/**
 * The emulator's own contract, over raw HTTP: the documented shapes (odd ones included), status
 * codes, error envelope, cookies and rules — what the client is tested against must be right.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server';
import { Visitor } from './visitor';

let emulator: Emulator;
let base: string;

/** LivePerson's lists: a bare object when of one, absent when empty (reference §9 items 9–10). */
const asList = <T>(x: T | T[] | undefined): T[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const LOGIN_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/;

/** A tiny agent-side client with a hand-kept cookie jar, to see the raw answers. */
class RawAgent {
  jar = new Map<string, string>();
  bearer = '';
  csrf = '';
  sessionUrl = '';

  async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.bearer ? { Authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.jar.size ? { Cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async signIn() {
    const login = await this.call('POST', `${base}/api/account/12345678/login?v=1.3`, { username: 'agent1', password: 'agent1-pass' });
    this.bearer = login.body.bearer;
    this.csrf = login.body.csrf;
    const session = await this.call('POST', `${base}/api/account/12345678/agentSession?v=1&NC=true`, { loginData: '' });
    this.sessionUrl = session.body.agentSessionLocation.link['@href'];
    return { login, session };
  }
}

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
  base = emulator.baseUrl;
});
afterEach(() => emulator.close());

describe('Domain API and Login Service', () => {
  it('answers CSDS with a bare host for agentVep and conversationVep', async () => {
    const host = base.replace('http://', '');
    for (const service of ['agentVep', 'conversationVep']) {
      const response = await fetch(`${base}/api/account/12345678/service/${service}/baseURI.json?version=1.0`);
      expect(await response.json()).toEqual({ service, account: '12345678', baseURI: host });
    }
    expect((await fetch(`${base}/api/account/999/service/agentVep/baseURI.json?version=1.0`)).status).toBe(401);
  });

  it('logs in with the documented body, a string sessionTTl and the Session_id cookie', async () => {
    const agent = new RawAgent();
    const { login } = await agent.signIn();
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ sessionTTl: '28800000', config: { loginName: 'agent1', userId: '1001' } });
    expect(login.body.bearer).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(login.body).at(-1)).toBe('bearer');
    expect(login.body.csdsCollectionResponse.baseURIs.map((b: { service: string }) => b.service)).toContain('agentVep');
    expect(agent.jar.has('Session_id')).toBe(true);
  });

  it('refuses bad credentials, bad bodies and a bad csrf with the documented envelope', async () => {
    const agent = new RawAgent();
    const wrong = await agent.call('POST', `${base}/api/account/12345678/login?v=1.3`, { username: 'agent1', password: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ responseStatus: 'UNAUTHORIZED' });
    const malformed = await agent.call('POST', `${base}/api/account/12345678/login?v=1.3`, '{"username":');
    expect(malformed.status).toBe(400);
    await agent.signIn();
    const refresh = await agent.call('POST', `${base}/api/account/12345678/refresh`, { csrf: 'bad' });
    expect(refresh.status).toBe(401);
    expect(refresh.body.error).toMatchObject({ internalCode: 10, responseStatus: 'UNAUTHORIZED' });
    const good = await agent.call('POST', `${base}/api/account/12345678/refresh`, { csrf: agent.csrf });
    expect(good).toMatchObject({ status: 200, body: undefined });
  });

  it('ends the bearer at logout and when it expires', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    await fetch(`${base}/sandbox/expire-bearer`, { method: 'POST' });
    expect((await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`)).status).toBe(401);
    const again = new RawAgent();
    await again.signIn();
    await again.call('POST', `${base}/api/account/12345678/logout`, { csrf: again.csrf });
    expect((await again.call('GET', `${again.sessionUrl}/availability?v=1&NC=true`)).status).toBe(401);
  });
});

describe('login rules', () => {
  it('refreshes only with the csrf and the login cookie together', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    const noCookie = new RawAgent();
    noCookie.bearer = agent.bearer;
    const withoutCookie = await noCookie.call('POST', `${base}/api/account/12345678/refresh`, { csrf: agent.csrf });
    expect(withoutCookie.status).toBe(401);
    expect(withoutCookie.body.error).toMatchObject({ internalCode: 10, responseStatus: 'UNAUTHORIZED' });
    const withoutCsrf = await agent.call('POST', `${base}/api/account/12345678/refresh`, {});
    expect(withoutCsrf.status).toBe(401);
    expect((await agent.call('POST', `${base}/api/account/12345678/refresh`, { csrf: agent.csrf })).status).toBe(200);
  });

  it('ends a login at its TTL unless it is refreshed', async () => {
    await emulator.close();
    emulator = await startEmulator({ port: 0, bearerTtlMs: 3_000 });
    base = emulator.baseUrl;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const refreshed = new RawAgent();
    await refreshed.signIn();
    const idle = new RawAgent();
    await idle.signIn();
    const availability = (agent: RawAgent) => agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`);
    await sleep(1_500);
    expect((await refreshed.call('POST', `${base}/api/account/12345678/refresh`, { csrf: refreshed.csrf })).status).toBe(200);
    await sleep(2_000); // 3.5 s after login, 2 s after the refresh
    expect((await availability(idle)).status).toBe(401);
    expect((await availability(refreshed)).status).toBe(200);
    await sleep(1_500); // 3.5 s after the refresh
    const expired = await availability(refreshed);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ responseStatus: 'UNAUTHORIZED' });
  });

  it('refuses another account: CSDS 401, login 401, agent session 403, each with the error envelope', async () => {
    const csds = await fetch(`${base}/api/account/99999999/service/agentVep/baseURI.json?version=1.0`);
    expect(csds.status).toBe(401);
    expect(((await csds.json()) as { error: { message: string } }).error.message).toMatch(/invalid site/);
    const agent = new RawAgent();
    const login = await agent.call('POST', `${base}/api/account/99999999/login?v=1.3`, { username: 'agent1', password: 'agent1-pass' });
    expect(login.status).toBe(401);
    expect(login.body.error).toMatchObject({ responseStatus: 'UNAUTHORIZED' });
    await agent.signIn();
    const other = await agent.call('POST', `${base}/api/account/99999999/agentSession?v=1&NC=true`, { loginData: '' });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ message: expect.stringContaining('99999999') });
    const elsewhere = await agent.call('GET', `${agent.sessionUrl.replace('/12345678/', '/99999999/')}/availability?v=1&NC=true`);
    expect(elsewhere.status).toBe(403);
  });
});

describe('Chat Agent API', () => {
  it('starts an agent session (201, @href before @rel) and, like LivePerson, serves unsigned requests without its cookie', async () => {
    const agent = new RawAgent();
    const { session } = await agent.signIn();
    expect(session.status).toBe(201);
    expect(Object.keys(session.body.agentSessionLocation.link)).toEqual(['@href', '@rel']);
    expect(agent.sessionUrl).toMatch(/\/api\/account\/12345678\/agentSession\/\d+$/);
    expect([...agent.jar.keys()].some((k) => k.startsWith('agentSession'))).toBe(true);
    agent.jar.clear();
    // LivePerson's agent sample app sends no cookie on Chat Agent API calls and is served (§8).
    const without = await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`);
    expect(without).toMatchObject({ status: 200, body: { availability: { chat: 'Away', voice: 'Offline' } } });
    const put = await agent.call('POST', `${agent.sessionUrl}/availability.json?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    expect(put.status).toBe(200);
  });

  it('with strict on, refuses unsigned requests without the agent-session cookie', async () => {
    await emulator.close();
    emulator = await startEmulator({ port: 0, strict: true });
    base = emulator.baseUrl;
    const agent = new RawAgent();
    await agent.signIn();
    const withCookie = await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`);
    expect(withCookie.body).toEqual({ availability: { chat: 'Away', voice: 'Offline' } });
    agent.jar.clear();
    const without = await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`);
    expect(without.status).toBe(401);
    expect(without.body.error.message).toMatch(/cookie/);
    expect(without.body.error.time).toMatch(LOGIN_TIME);
    // A forged signature does not get around the cookie.
    const forged = await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`, undefined, {
      Authorization: 'OAuth oauth_consumer_key="bot-app-key", oauth_token="bot-token", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_signature="x"',
    });
    expect(forged.status).toBe(401);
  });

  it('accepts .json paths and PUT tunnelled through POST; rejects unknown states and missing bearer', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    const put = await agent.call('POST', `${agent.sessionUrl}/availability.json?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'x-http-method-override': 'put' });
    expect(put.status).toBe(200);
    expect((await agent.call('GET', `${agent.sessionUrl}/availability.json?v=1&NC=true`)).body.availability.chat).toBe('Online');
    const bad = await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Sleeping' } }, { 'X-HTTP-Method-Override': 'PUT' });
    expect(bad.status).toBe(400);
    agent.bearer = '';
    expect((await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`)).status).toBe(401);
  });

  it('rings with a string count and one link, accepts with 201, and serves A11, next, A12 and A10', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    const idle = await agent.call('GET', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`);
    expect(idle.body).toEqual({ incomingRequests: { ringingCount: '0' } });
    expect((await agent.call('POST', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`, {})).status).toBe(409);

    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    const visitor = await Visitor.start({ baseUrl: base, name: 'Dana' });
    const ringing = await agent.call('GET', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`);
    expect(ringing.body.incomingRequests.ringingCount).toBe('1');
    expect(ringing.body.incomingRequests.link).toMatchObject({ '@href': `${agent.sessionUrl}/incomingRequests` });

    const accepted = await agent.call('POST', `${ringing.body.incomingRequests.link['@href']}.json?v=1&NC=true`, { chat: 'start' });
    expect(accepted.status).toBe(201);
    const chatUrl: string = accepted.body.chatLocation.link['@href'];

    const chat = (await agent.call('GET', `${chatUrl}?v=1&NC=true`)).body.chat;
    expect(chat.link.map((l: { '@rel': string }) => l['@rel'])).toEqual([
      'self', 'events', 'info', 'next', 'collaboration-channels', 'visit-id', 'transfer', 'transfer-account', 'agent-survey',
    ]);
    expect(chat.events.event.map((e: { '@id': string }) => e['@id'])).toEqual(['0', '1', '2', '3']);
    expect(chat.events.event[3]).toMatchObject({ '@type': 'line', source: 'system', systemMessageId: 3, text: 'You are now chatting with Alex.' });
    expect(chat.info).toMatchObject({ state: 'chatting', visitorName: 'Dana', chatTimeout: 40 });
    const next: string = chat.events.link.find((l: { '@rel': string }) => l['@rel'] === 'next')['@href'];
    expect(next).toBe(`${chatUrl}/events?from=4`);

    const nothing = (await agent.call('GET', `${next}&v=1&NC=true`)).body.events;
    expect(nothing.event).toBeUndefined();
    expect(nothing.link[1]['@href']).toBe(next);

    await visitor.sendLine('hello');
    const line = await agent.call('POST', `${chatUrl}/events?v=1&NC=true`, { event: { '@type': 'line', text: 'hi Dana', textType: 'plain' } });
    expect(line.status).toBe(201);
    expect(line.body.chatEventLocation.link['@href']).toBe(`${chatUrl}/events/5`);

    const multi = await agent.call('GET', `${agent.sessionUrl}/chat?chatSessionKeys=${chat.info.chatSessionKey}&fromEventIds=3&v=1&NC=true`);
    // One chat: LivePerson's XML→JSON prints a bare object, not a list of one.
    expect(Array.isArray(multi.body.chats.chat)).toBe(false);
    const events = multi.body.chats.chat.events.event;
    expect(events.map((e: { id: number; source: string }) => [e.id, e.source])).toEqual([[4, 'visitor'], [5, 'agent']]);
    expect(multi.body.chats.chat.link[0]).toHaveProperty('href');
    expect(multi.body.chats.chat.info.rtSessionId).toEqual(expect.any(Number));

    const held = await agent.call('GET', `${agent.sessionUrl}/chatSessions?v=1&NC=true`);
    expect(held.body.chatSessions.chatSession).toMatchObject({ link: { href: chatUrl, rel: 'chat-session' }, chatSessionKey: chat.info.chatSessionKey });

    const ended = await agent.call('POST', `${chatUrl}/events?v=1&NC=true`, { event: { '@type': 'state', state: 'ended' } });
    expect(ended.status).toBe(201);
    expect(ended.body).toHaveProperty('chatLocation');
    expect((await agent.call('POST', `${chatUrl}/events?v=1&NC=true`, { event: { '@type': 'line', text: 'late' } })).status).toBe(409);
    await visitor.waitFor((v) => v.state() === 'ended');
    expect(visitor.lines().map((l) => l.text)).toContain('hi Dana');
    expect((await agent.call('GET', `${chatUrl}?v=1&NC=true`)).body.chat.info.state).toBe('ended');
  });

  it('sets the agent Away when a ringing chat is not accepted in time', async () => {
    await emulator.close();
    emulator = await startEmulator({ port: 0, ringAwayAfterMs: 300 });
    base = emulator.baseUrl;
    const agent = new RawAgent();
    await agent.signIn();
    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    await Visitor.start({ baseUrl: base });
    expect((await agent.call('GET', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`)).body.incomingRequests.ringingCount).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await agent.call('GET', `${agent.sessionUrl}/availability?v=1&NC=true`)).body.availability.chat).toBe('Away');
    expect((await agent.call('GET', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`)).body.incomingRequests.ringingCount).toBe('0');
  });

  it('answers unknown sessions and chats with 404 and never crashes on junk', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    expect((await agent.call('GET', `${base}/api/account/12345678/agentSession/1/availability`)).status).toBe(404);
    expect((await agent.call('GET', `${agent.sessionUrl}/chat/H1-abcK1?v=1&NC=true`)).status).toBe(404);
    expect((await agent.call('POST', `${agent.sessionUrl}/availability`, '\u0000{{', { 'X-HTTP-Method-Override': 'PUT' })).status).toBe(400);
    expect((await agent.call('GET', `${base}/nothing/here`)).status).toBe(404);
    expect((await agent.call('GET', `${base}/api/account/12345678/agentSession/${'9'.repeat(5000)}`)).status).toBe(404);
  });

  it('refuses visitors without the app key', async () => {
    const response = await fetch(`${base}/api/account/12345678/chat/request?v=1&NC=true`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });
});

describe('authenticated visitors', () => {
  it('authenticates a visitor (200 with participantId and conversationId), shows participantId in chat info, and serves A21', async () => {
    const headers = { Authorization: 'LivePerson appKey=demo-app-key', 'Content-Type': 'application/json' };
    const missing = await fetch(`${base}/api/account/12345678/conversation.json?v=1&NC=true`, { method: 'POST', headers, body: '{}' });
    expect(missing.status).toBe(400);
    const noKey = await fetch(`${base}/api/account/12345678/conversation.json?v=1&NC=true`, { method: 'POST', body: JSON.stringify({ ssoKey: 'k' }) });
    expect(noKey.status).toBe(401);
    const visitor = await Visitor.start({ baseUrl: base, name: 'Dana', ssoKey: 'dana-sso' });
    const agent = new RawAgent();
    await agent.signIn();
    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    const accepted = await agent.call('POST', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`, {});
    const chatUrl = accepted.body.chatLocation.link['@href'];
    const info = await agent.call('GET', `${chatUrl}/info?v=1&NC=true`);
    const participantId = info.body.info.participantId;
    expect(participantId).toMatch(/^[0-9a-f-]{36}$/);
    const extended = await agent.call('GET', `${agent.sessionUrl}/participantExtendedInfo/${participantId}?v=1&NC=true`);
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      authenticatedParticipantInfo: { isUserAuthenticated: true, participantId, customerId: '88213', registrationDate: { year: 2013, month: 5, day: 23 } },
      authenticatedPersonalInfo: { name: 'Dana', surname: 'Whitfield', contacts: [{ email: 'dana@example.com' }] },
    });
    expect((await agent.call('GET', `${agent.sessionUrl}/participantExtendedInfo/nobody?v=1&NC=true`)).status).toBe(404);
    // A17, A18, A20 at their own URLs.
    await visitor.setTyping(true);
    expect((await agent.call('GET', `${chatUrl}/info/visitorName?v=1&NC=true`)).body).toEqual({ visitorName: 'Dana' });
    expect((await agent.call('GET', `${chatUrl}/info/visitorTyping?v=1&NC=true`)).body).toEqual({ visitorTyping: 'typing' });
    expect((await agent.call('GET', `${chatUrl}/info/agentTyping?v=1&NC=true`)).body).toEqual({ agentTyping: 'not-typing' });
  });
});

describe('visitor side and sandbox', () => {
  it('runs a scripted visitor that waits for the agent, types and writes', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    const bad = await fetch(`${base}/sandbox/scenario`, { method: 'POST', body: JSON.stringify({ visitors: [{ name: '' }] }) });
    expect(bad.status).toBe(400);
    const started = await fetch(`${base}/sandbox/scenario`, {
      method: 'POST',
      body: JSON.stringify({ visitors: [{ name: 'Scripted', steps: [{ waitForAgent: true }, { typeMs: 50 }, { say: 'scripted hello' }] }] }),
    });
    expect(started.status).toBe(202);
    let ringing = '0';
    for (let i = 0; i < 50 && ringing === '0'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ringing = (await agent.call('GET', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`)).body.incomingRequests.ringingCount;
    }
    const accepted = await agent.call('POST', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`, {});
    const chatUrl = accepted.body.chatLocation.link['@href'];
    let texts: string[] = [];
    for (let i = 0; i < 60 && !texts.includes('scripted hello'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const events = (await agent.call('GET', `${chatUrl}?v=1&NC=true`)).body.chat.events.event;
      texts = events.map((e: { text?: string }) => e.text ?? '');
    }
    expect(texts).toContain('scripted hello');
  });

  it('shows pre-chat lines to the agent only, and takes the exit survey', async () => {
    const headers = { Authorization: 'LivePerson appKey=demo-app-key', 'Content-Type': 'application/json' };
    const request = await fetch(`${base}/api/account/12345678/chat/request?v=1&NC=true`, {
      method: 'POST',
      headers,
      // start-chat.md's shape: `{"line": [...]}`.
      body: JSON.stringify({ request: { visitorName: 'Pre', preChatLines: { line: ['I was looking at order 88213', 'and order 88214'] } } }),
    });
    // The page's table: 200 "Successful", an empty body, the chat in Location.
    expect(request.status).toBe(200);
    expect(await request.text()).toBe('');
    const chatUrl = request.headers.get('location')!;
    const visitorView = await (await fetch(`${chatUrl}?v=1&NC=true`, { headers })).json();
    expect(JSON.stringify(visitorView)).not.toContain('order 88213');
    const agent = new RawAgent();
    await agent.signIn();
    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    const accepted = await agent.call('POST', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`, {});
    const chat = (await agent.call('GET', `${accepted.body.chatLocation.link['@href']}?v=1&NC=true`)).body.chat;
    expect(chat.events.event).toContainEqual(expect.objectContaining({ text: 'I was looking at order 88213', source: 'visitor', subType: 'ONLY_TO_REP' }));
    expect(chat.events.event).toContainEqual(expect.objectContaining({ text: 'and order 88214', source: 'visitor', subType: 'ONLY_TO_REP' }));

    const survey = await (await fetch(`${chatUrl}/exitSurvey?v=1&NC=true`, { headers })).json();
    expect(asList(survey.survey.questions.question)[0].label).toBe('Was your question answered?');
    const put = (body: unknown) => fetch(`${chatUrl}/exitSurvey?v=1&NC=true`, { method: 'POST', headers: { ...headers, 'X-HTTP-Method-Override': 'PUT' }, body: JSON.stringify(body) });
    expect((await put({ survey: { id: '361400' } })).status).toBe(400);
    expect((await put({ survey: { id: '361400', question: { id: '5001', answer: 'Yes' } } })).status).toBe(200);
  });
});

describe('fidelity to the documented shapes', () => {
  it('serves agent information (A7) in the documented shape, and a documented answer set through the sandbox', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    const info = (await agent.call('GET', `${agent.sessionUrl}/info?v=1&NC=true`)).body.info;
    expect(Object.keys(info)).toEqual(['link', 'agentName', 'displayName', 'loginName', 'id', 'maxChats', 'availability', 'skillsInfo']);
    expect(info).toMatchObject({ link: { '@href': `${agent.sessionUrl}/info`, '@rel': 'self' }, agentName: 'Alex', loginName: 'agent1', id: '1001', maxChats: '4' });
    expect(info.skillsInfo.skillInfo).toEqual([{ id: '1', name: 'Sales' }, { id: '2', name: 'Support' }]);
    const documented = { info: { id: '25025413', agentName: 'John Smith', skillsInfo: { skillInfo: { id: '1', name: 'Sales' } } } };
    expect((await fetch(`${base}/sandbox/agent-info`, { method: 'PUT', body: JSON.stringify(documented) })).status).toBe(200);
    expect((await agent.call('GET', `${agent.sessionUrl}/info?v=1&NC=true`)).body).toEqual(documented);
    await fetch(`${base}/sandbox/agent-info`, { method: 'DELETE' });
    expect((await agent.call('GET', `${agent.sessionUrl}/info?v=1&NC=true`)).body.info.agentName).toBe('Alex');
  });

  it('prints a list of one as a bare object by default, and as an array with `arrays`', async () => {
    const skillsOf = async () => {
      const agent = new RawAgent();
      await agent.signIn();
      const agents = (await agent.call('GET', `${agent.sessionUrl}/availableAgents?v=1&NC=true`)).body.availableAgents.agents.agent;
      return agents.find((a: { userName: string }) => a.userName === 'agent2').skills.skill;
    };
    expect(await skillsOf()).toBe('2');
    await emulator.close();
    emulator = await startEmulator({ port: 0, arrays: true });
    base = emulator.baseUrl;
    expect(await skillsOf()).toEqual(['2']);
  });

  it('formats error times as LivePerson does: the Login Service its way, the chat server in ISO', async () => {
    const agent = new RawAgent();
    const wrong = await agent.call('POST', `${base}/api/account/12345678/login?v=1.3`, { username: 'agent1', password: 'x' });
    expect(wrong.body.error.time).toMatch(LOGIN_TIME);
    const visitor = await fetch(`${base}/api/account/12345678/chat/H1-aK1?v=1&NC=true`, { headers: { Authorization: 'LivePerson appKey=demo-app-key' } });
    expect(visitor.status).toBe(404);
    const { error } = (await visitor.json()) as { error: Record<string, unknown> };
    expect(error.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(error).toMatchObject({ message: expect.any(String), internalCode: expect.any(Number) });
  });

  it('refuses pre-chat lines in a shape it cannot read instead of dropping them', async () => {
    const headers = { Authorization: 'LivePerson appKey=demo-app-key', 'Content-Type': 'application/json' };
    const ask = (preChatLines: unknown) =>
      fetch(`${base}/api/account/12345678/chat/request?v=1&NC=true`, { method: 'POST', headers, body: JSON.stringify({ request: { preChatLines } }) });
    expect((await ask({ lines: ['the JS SDK spelling'] })).status).toBe(200);
    expect((await ask({ line: 'one line, a bare string' })).status).toBe(200);
    expect((await ask({ text: 'unknown' })).status).toBe(400);
    expect((await ask([{ nope: 1 }])).status).toBe(400);
  });

  it('at logout, returns the agent\'s chats to the queue (A10), so the next login does not take them back', async () => {
    const agent = new RawAgent();
    await agent.signIn();
    await agent.call('POST', `${agent.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    const visitor = await Visitor.start({ baseUrl: base, name: 'Dana', skill: 'Support' });
    const accepted = await agent.call('POST', `${agent.sessionUrl}/incomingRequests?v=1&NC=true`, {});
    expect(accepted.status).toBe(201);
    expect((await agent.call('POST', `${base}/api/account/12345678/logout`, { csrf: agent.csrf })).status).toBe(200);
    await visitor.waitFor((v) => v.state() === 'waiting');

    const again = new RawAgent();
    await again.signIn();
    const held = await again.call('GET', `${again.sessionUrl}/chatSessions?v=1&NC=true`);
    expect(asList(held.body.chatSessions.chatSession)).toEqual([]);
    // It rings again, to whoever is Online: a colleague takes it.
    const colleague = new RawAgent();
    const login = await colleague.call('POST', `${base}/api/account/12345678/login?v=1.3`, { username: 'agent2', password: 'agent2-pass' });
    colleague.bearer = login.body.bearer;
    colleague.sessionUrl = (await colleague.call('POST', `${base}/api/account/12345678/agentSession?v=1&NC=true`, { loginData: '' })).body.agentSessionLocation.link['@href'];
    await colleague.call('POST', `${colleague.sessionUrl}/availability?v=1&NC=true`, { availability: { chat: 'Online' } }, { 'X-HTTP-Method-Override': 'PUT' });
    expect((await colleague.call('GET', `${colleague.sessionUrl}/incomingRequests?v=1&NC=true`)).body.incomingRequests.ringingCount).toBe('1');
    expect((await colleague.call('POST', `${colleague.sessionUrl}/incomingRequests?v=1&NC=true`, {})).status).toBe(201);
    await visitor.waitFor((v) => v.state() === 'chatting');
  });
});
