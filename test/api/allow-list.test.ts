/**
 * Credentials go only to LivePerson (src/api/allow-list.ts, issue #19 M1). A fake network records
 * every request the client makes; the answers it gives are LivePerson's documented shapes (Domain
 * API `{service, account, baseURI}`; Login Service `{bearer, csrf, csdsCollectionResponse}`), with
 * a hostile host put where LivePerson names its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { isAllowedUrl } from '../../src/api/allow-list';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/api/http';
import { AgentRuntime } from '../../src/agent/runtime';
import { quiet } from '../agent/support';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  credentials?: RequestCredentials;
  redirect?: RequestRedirect;
}

/** A network that answers `routes` by URL prefix and records what was sent. */
function fakeNetwork(routes: Array<[prefix: string, answer: () => Response]>) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : '',
      credentials: init.credentials,
      redirect: init.redirect,
    });
    const route = routes.find(([prefix]) => url.startsWith(prefix));
    return route ? route[1]() : new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const CSDS = 'https://api.liveperson.net';
const ACCOUNT = '12345678';
const signIn = { csdsUrl: CSDS, accountId: ACCOUNT, username: 'agent1', password: 'the-password' };

function runtimeOn(fetch: typeof globalThis.fetch): AgentRuntime {
  return new AgentRuntime({
    client: createLivePersonClient({ fetch }),
    store: { load: async () => null, save: async () => {} },
    pollIntervalMs: async () => 2000,
    log: quiet,
  });
}

/** Nothing that could carry a credential went to a host that is not LivePerson's. */
function expectCredentialsOnlyToLivePerson(sent: Sent[]): void {
  for (const request of sent) {
    const host = new URL(request.url).hostname;
    expect(host.endsWith('.liveperson.net') || host === 'api.liveperson.net', request.url).toBe(true);
  }
}

describe('the allow-list', () => {
  it('is LivePerson’s https hosts; loopback only when the caller opts in', () => {
    expect(isAllowedUrl('https://va.agentvep.liveperson.net/api')).toBe(true);
    expect(isAllowedUrl('https://api.liveperson.net')).toBe(true);
    expect(isAllowedUrl('https://lo.idp.liveperson.com/x')).toBe(true);
    for (const bad of [
      'http://va.agentvep.liveperson.net/api', // not https
      'https://liveperson.net.evil.example/', // a suffix is not the domain
      'https://evilliveperson.net/',
      'https://va.liveperson.net:8443/', // another port
      'https://user:pw@va.liveperson.net/',
      'http://127.0.0.1:8090/',
      'https://localhost/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedUrl(bad), bad).toBe(false);
    }
    expect(isAllowedUrl('http://127.0.0.1:8090/', { allowLoopback: true })).toBe(true);
    expect(isAllowedUrl('http://localhost:8090/', { allowLoopback: true })).toBe(true);
    expect(isAllowedUrl('http://10.0.0.1/', { allowLoopback: true })).toBe(false);
  });

  it('createLivePersonClient() with no options refuses loopback and any other host, before any request', async () => {
    const net = fakeNetwork([]);
    const client = createLivePersonClient({ fetch: net.fetch });
    const csds = await client.domain.lookup({ csdsUrl: 'http://127.0.0.1:8090', accountId: ACCOUNT, service: 'agentVep' });
    expect(csds).toMatchObject({ ok: false, error: { message: expect.stringContaining('only talks to LivePerson') } });
    const login = await client.login.withPassword({ origin: 'https://evil.example', accountId: ACCOUNT, username: 'a', password: 'p' });
    expect(login.ok).toBe(false);
    const agent = await client.agent({ bearer: 'b' }).getIncoming('https://evil.example/api/account/1/agentSession/s');
    expect(agent.ok).toBe(false);
    expect(net.sent).toEqual([]);
  });

  it('a CSDS answer naming a non-LivePerson host gets no password', async () => {
    const net = fakeNetwork([[`${CSDS}/api/account/${ACCOUNT}/service/agentVep/baseURI.json`, json({ service: 'agentVep', account: ACCOUNT, baseURI: 'evil.example' })]]);
    const result = await runtimeOn(net.fetch).signIn(signIn);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('not LivePerson') });
    expect(net.sent).toHaveLength(1);
    expectCredentialsOnlyToLivePerson(net.sent);
    expect(net.sent.some((r) => r.body.includes('the-password'))).toBe(false);
  });

  it('a login answer naming a non-LivePerson host gets no bearer', async () => {
    const agentVep = 'https://va.agentvep.liveperson.net';
    const net = fakeNetwork([
      [`${CSDS}/`, json({ service: 'agentVep', account: ACCOUNT, baseURI: 'va.agentvep.liveperson.net' })],
      [
        `${agentVep}/api/account/${ACCOUNT}/login`,
        json({ bearer: 'the-bearer', csrf: 'c', csdsCollectionResponse: { baseURIs: [{ service: 'agentVep', baseURI: 'evil.example' }] } }),
      ],
      [`${agentVep}/api/account/${ACCOUNT}/agentSession`, json({ error: { message: 'down' } }, 500)],
    ]);
    await runtimeOn(net.fetch).signIn(signIn);
    expect(net.sent.map((r) => new URL(r.url).host)).toEqual(['api.liveperson.net', 'va.agentvep.liveperson.net', 'va.agentvep.liveperson.net']);
    expectCredentialsOnlyToLivePerson(net.sent);
  });

  it('sends cookies only where LivePerson needs them, and never follows a redirect', async () => {
    const agentVep = 'https://va.agentvep.liveperson.net';
    const net = fakeNetwork([
      [`${CSDS}/`, json({ service: 'agentVep', account: ACCOUNT, baseURI: 'va.agentvep.liveperson.net' })],
      [`${agentVep}/api/account/${ACCOUNT}/login`, json({ bearer: 'the-bearer', csrf: 'c' })],
      [`${agentVep}/api/account/${ACCOUNT}/agentSession`, json({ error: { message: 'down' } }, 500)],
    ]);
    await runtimeOn(net.fetch).signIn(signIn);
    const [csds, login, session] = net.sent;
    expect(csds).toMatchObject({ credentials: 'omit', redirect: 'manual' });
    expect(login).toMatchObject({ credentials: 'include', redirect: 'manual' });
    expect(session).toMatchObject({ credentials: 'include', redirect: 'manual', headers: { authorization: 'Bearer the-bearer' } });
  });
});

describe('an agent pinned to its account’s host', () => {
  it('sends the bearer only to the agentVep origin LivePerson named, not to another LivePerson host', async () => {
    const net = fakeNetwork([['https://', json({})]]);
    const agent = createLivePersonClient({ fetch: net.fetch }).agent({ bearer: 'the-bearer', origin: 'https://va.agentvep.liveperson.net' });
    const elsewhere = await agent.getIncoming('https://lo.agentvep.liveperson.net/api/account/1/agentSession/s');
    expect(elsewhere).toMatchObject({ ok: false, error: { message: expect.stringContaining('served by va.agentvep.liveperson.net') } });
    expect(net.sent).toEqual([]);
    await agent.getIncoming('https://va.agentvep.liveperson.net/api/account/1/agentSession/s');
    expect(net.sent.map((r) => new URL(r.url).host)).toEqual(['va.agentvep.liveperson.net']);
  });
});

describe('a redirect over real HTTP', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('is refused: the host it points to gets neither the password nor the bearer', async () => {
    const reached: string[] = [];
    const elsewhere = await listen((req, res) => {
      reached.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.end('{}');
    });
    const redirecting = await listen((_req, res) => {
      res.writeHead(307, { location: `${elsewhere}/stolen` });
      res.end();
    });
    const client = createLivePersonClient({ allowLoopback: true });
    const login = await client.login.withPassword({ origin: redirecting, accountId: ACCOUNT, username: 'a', password: 'p' });
    expect(login).toMatchObject({ ok: false, error: { message: expect.stringContaining('answered with a redirect: Agent Dock does not follow redirects') } });
    const agent = await client.agent({ bearer: 'the-bearer' }).getIncoming(`${redirecting}/api/account/${ACCOUNT}/agentSession/s`);
    expect(agent).toMatchObject({ ok: false, error: { message: expect.stringContaining('answered with a redirect') } });
    expect(reached).toEqual([]);
  });
});

describe('Retry-After', () => {
  it('is clamped to 10 minutes, in seconds or as a date', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs('99999999999')).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Date(Date.now() + 365 * 86_400_000).toUTCString())).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('-3')).toBe(0);
  });

  it('a huge Retry-After on a 429 reaches the poll loop clamped', async () => {
    const net = fakeNetwork([['https://va.agentvep.liveperson.net/', () => new Response('{}', { status: 429, headers: { 'retry-after': '2147484' } })]]);
    const result = await createLivePersonClient({ fetch: net.fetch }).agent({ bearer: 'b' }).getIncoming('https://va.agentvep.liveperson.net/api/account/1/agentSession/s');
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: MAX_RETRY_AFTER_MS } });
  });
});
