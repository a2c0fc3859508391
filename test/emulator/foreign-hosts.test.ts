/**
 * The emulator's foreign-host answers (./foreign-hosts.ts): off by default, and when asked, the
 * Domain API or the login answer names another host, or a path is redirected to one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server';

describe('foreign-host answers', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  const own = () => new URL(emulator.baseUrl).host;
  const csds = async () => ((await (await fetch(`${emulator.baseUrl}/api/account/12345678/service/agentVep/baseURI.json?version=1.0`)).json()) as { baseURI: string }).baseURI;
  const login = async () => {
    const res = await fetch(`${emulator.baseUrl}/api/account/12345678/login?v=1.3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
      redirect: 'manual',
    });
    return res;
  };
  const loginHosts = async () =>
    ((await (await login()).json()) as { csdsCollectionResponse: { baseURIs: Array<{ baseURI: string }> } }).csdsCollectionResponse.baseURIs.map((b) => b.baseURI);

  it('names only its own host by default', async () => {
    expect(await csds()).toBe(own());
    expect(new Set(await loginHosts())).toEqual(new Set([own()]));
  });

  it('names another host in the Domain API or the login answer when told', async () => {
    emulator.foreignHosts.set({ csds: 'evil.example' });
    expect(await csds()).toBe('evil.example');
    expect(new Set(await loginHosts())).toEqual(new Set([own()]));
    emulator.foreignHosts.set({ login: 'evil.example' });
    expect(await csds()).toBe(own());
    expect(new Set(await loginHosts())).toEqual(new Set(['evil.example']));
    emulator.foreignHosts.set();
  });

  it('redirects one path to another host, and logs the request', async () => {
    const mark = emulator.requests.mark();
    emulator.foreignHosts.set({ redirect: { pathPattern: '/login$', location: 'http://evil.example/steal', status: 307 } });
    const res = await login();
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://evil.example/steal');
    expect(emulator.requests.list({ since: mark, side: 'login' }).map((r) => r.status)).toEqual([307]);
    expect(await csds()).toBe(own());
    emulator.foreignHosts.set();
    expect((await login()).status).toBe(200);
  });
});
