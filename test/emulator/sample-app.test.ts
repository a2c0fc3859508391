/**
 * LivePerson's own agent client, as its behaviour is documented (./sample-app-client.ts), runs its
 * whole flow against the emulator with default options: domain, login, agent session, Online, ring,
 * accept, lines both ways, refresh, end, logout — with no cookie on any Chat Agent API call and its
 * 2-second polls. With `strict` on, the emulator refuses it where the issue measured it: at Online.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SampleAppClient } from './sample-app-client';
import { startEmulator, type Emulator } from './server';
import { Visitor } from './visitor';

let emulator: Emulator | undefined;
let client: SampleAppClient | undefined;
afterEach(async () => {
  client?.stop();
  await emulator?.close();
  emulator = undefined;
  client = undefined;
});

const options = (e: Emulator) => ({
  csdsUrl: e.baseUrl,
  accountId: '12345678',
  username: 'agent1',
  password: 'agent1-pass',
  transcript: ['Hello', 'Bye'],
  refreshMs: 3_000,
});

describe("LivePerson's agent sample app against the emulator", () => {
  it('runs its whole flow with default options, sending no cookie on Chat Agent API calls', { timeout: 60_000 }, async () => {
    emulator = await startEmulator({ port: 0 });
    client = new SampleAppClient(options(emulator));
    await client.start();
    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Dana' });
    await visitor.waitFor((v) => v.state() === 'chatting', 15_000);
    await visitor.sendLine('Hi, I need help');
    await visitor.waitFor((v) => v.lines().some((l) => l.source === 'agent' && l.text.includes('Hello')), 15_000);
    await visitor.sendLine('Thanks');
    await visitor.waitFor((v) => v.lines().some((l) => l.text.includes('Bye')), 15_000);
    await visitor.sendLine('See you');
    await visitor.waitFor((v) => v.state() === 'ended', 15_000);
    await expect.poll(() => client!.log.includes('logout: 200'), { timeout: 10_000 }).toBe(true);

    expect(client.error).toBeUndefined();
    expect(client.received).toEqual(['Hi, I need help', 'Thanks', 'See you']);
    expect(client.log).toEqual(expect.arrayContaining(['login: 200', 'agent session: 201', 'Online: 200', 'accept: 201', 'line: 201', 'refresh: 200', 'end: 201', 'logout: 200']));
    expect(client.cookiesOnAgentCalls()).toEqual([]);
    // Every answer it got was a 2xx: nothing was refused along the way.
    expect(client.requests.filter((r) => r.status >= 300).map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual([]);
    // The app's own request shapes reached the emulator: `.json` paths and the legacy CSDS host.
    const paths = emulator.requests.list().map((r) => `${r.method} ${r.path}`);
    expect(paths[0]).toBe('GET /csdr/account/12345678/service/agentVep/baseURI');
    expect(paths).toEqual(expect.arrayContaining(['POST /api/account/12345678/login', 'POST /api/account/12345678/refresh', 'POST /api/account/12345678/logout']));
    // Logged out: no agent session is left.
    const after = await fetch(`${emulator.baseUrl}/sandbox/state`);
    expect(((await after.json()) as { agentSessions: unknown[] }).agentSessions).toEqual([]);
  });

  it('is refused at Online when the emulator is strict (agent-session cookie required)', async () => {
    emulator = await startEmulator({ port: 0, strict: true });
    client = new SampleAppClient(options(emulator));
    await expect(client.start()).rejects.toThrow(/Online failed \(401\).*cookie/);
    expect(client.log).toEqual(['domain: ' + emulator.baseUrl.replace('http://', ''), 'login: 200', 'agent session: 201']);
  });
});
