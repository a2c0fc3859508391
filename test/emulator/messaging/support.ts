/** Shared helpers of the Messaging tests: sign in over the Login Service, open UMS sockets, fixtures. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../server';
import { UmsSocket, type Frame } from './socket';

export const ACCOUNT = '12345678';

export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/ums/${name}`, import.meta.url), 'utf8')) as T;
}

/** Substitutes the documentation's placeholders (`__RING_ID__`, …) in a documented frame. */
export function fill<T>(frame: T, vars: Record<string, string>): T {
  let text = JSON.stringify(frame);
  for (const [key, value] of Object.entries(vars)) text = text.split(`__${key}__`).join(value);
  return JSON.parse(text) as T;
}

/** Every key of the documented example is present in `actual` with the same JSON type (recursively). */
export function expectShape(actual: unknown, documented: unknown, path = '$'): void {
  if (documented === null || typeof documented !== 'object') {
    expect(typeof actual, `${path} type`).toBe(typeof documented);
    return;
  }
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    if (documented.length > 0 && (actual as unknown[]).length > 0) expectShape((actual as unknown[])[0], documented[0], `${path}[0]`);
    return;
  }
  expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true);
  for (const [key, value] of Object.entries(documented)) expectShape((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
}

export async function emulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, ...opts });
}

export async function login(e: Emulator, username = 'agent1', password = `${username}-pass`): Promise<{ bearer: string; userId: string; userPid: string }> {
  const res = await fetch(`${e.baseUrl}/api/account/${ACCOUNT}/login?v=1.3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { bearer: string; config: { userId: string; userPid: string } };
  return { bearer: body.bearer, userId: body.config.userId, userPid: body.config.userPid };
}

/** The agent socket's URL as LivePerson documents it, with the host CSDS gives for asyncMessagingEnt. */
export async function agentSocketUrl(e: Emulator, bearer: string): Promise<string> {
  const res = await fetch(`${e.baseUrl}/api/account/${ACCOUNT}/service/asyncMessagingEnt/baseURI.json?version=1.0`);
  const { baseURI } = (await res.json()) as { baseURI: string };
  return `ws://${baseURI}/ws_api/account/${ACCOUNT}/messaging/brand/${bearer}?v=2`;
}

export async function agentSocket(e: Emulator, username = 'agent1'): Promise<{ socket: UmsSocket; bearer: string; oldId: string; pid: string }> {
  const { bearer, userId, userPid } = await login(e, username);
  return { socket: await UmsSocket.open(await agentSocketUrl(e, bearer)), bearer, oldId: `${ACCOUNT}.${userId}`, pid: userPid };
}

/** An agent who is ONLINE and subscribed to routing tasks and to their own conversations. */
export async function onlineAgent(e: Emulator, username = 'agent1') {
  const agent = await agentSocket(e, username);
  const doc = fixture('agent-getting-started.json');
  expect((await agent.socket.request(fill(doc.subscribeRoutingTasks.req, { ACCOUNT, USER_ID: agent.oldId }))).code).toBe(200);
  expect((await agent.socket.request({ type: '.ams.aam.SubscribeExConversations', body: { agentIds: [agent.pid], convState: ['OPEN'] } })).code).toBe(200);
  expect((await agent.socket.request(fill(doc.setAgentState.req, { USER_ID: agent.oldId }))).code).toBe(202);
  return agent;
}

export const ringsOf = (socket: UmsSocket) =>
  socket
    .notifications(/RoutingTaskNotification$/)
    .flatMap((n) => (n.body as { changes: Array<{ result: { conversationId?: string; ringsDetails: Array<{ ringId: string; ringState: string }> } }> }).changes)
    .flatMap((c) => c.result.ringsDetails.map((r) => ({ ...r, conversationId: c.result.conversationId })));

export async function waitForRing(socket: UmsSocket, conversationId: string): Promise<string> {
  await socket.waitFor((f: Frame) => /RoutingTaskNotification$/.test(String(f.type)) && JSON.stringify(f.body).includes(conversationId) && JSON.stringify(f.body).includes('WAITING'));
  return ringsOf(socket).findLast((r) => r.conversationId === conversationId && r.ringState === 'WAITING')!.ringId;
}
