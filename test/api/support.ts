/** Shared set-up for client tests: an emulator, a client with a cookie jar, a signed-in agent. */
import fetchCookie from 'fetch-cookie';
import { createLivePersonClient } from '../../src/api';
import type { AgentApi, LivePersonClient, LoginSession } from '../../src/api/types';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';

export const ACCOUNT = '12345678';

export interface SignedIn {
  emulator: Emulator;
  client: LivePersonClient;
  origin: string;
  login: LoginSession;
  agent: AgentApi;
  sessionUrl: string;
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Node's fetch has no cookie jar; the browser's does. fetch-cookie plays the browser here. */
export function clientWithJar(): LivePersonClient {
  return createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true });
}

export async function signedIn(options: EmulatorOptions = {}): Promise<SignedIn> {
  const emulator = await startEmulator({ port: 0, ...options });
  const client = clientWithJar();
  const origin = unwrap(await client.domain.lookup({ csdsUrl: emulator.baseUrl, accountId: ACCOUNT, service: 'agentVep' }));
  const login = unwrap(await client.login.withPassword({ origin, accountId: ACCOUNT, username: 'agent1', password: 'agent1-pass' }));
  const agent = client.agent({ bearer: login.bearer });
  const { sessionUrl } = unwrap(await agent.startSession({ origin, accountId: ACCOUNT }));
  return { emulator, client, origin, login, agent, sessionUrl };
}
