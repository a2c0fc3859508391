/**
 * The Skills API and the Agent Status Reason API (Account Configuration, for LivePerson
 * Messaging's transfer targets and away reasons) and the Agent Metrics API (the colleagues a
 * Messaging conversation may go to): the client against LivePerson's documented
 * examples (test/fixtures/liveperson/, through an injected fetch) and against the emulator over
 * real HTTP; the documented transfer rules (`canTransfer`, `skillTransferList`).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CONFIG_SERVICE, createLivePersonClient } from '../../src/api';
import { transferableSkills } from '../../src/api/skills';
import { reasonsFor } from '../../src/api/status-reasons';
import type { AccountSkill } from '../../src/api/types';
import { ACCOUNT, signedIn, unwrap, type SignedIn } from './support';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/liveperson/${name}`, import.meta.url), 'utf8');

function answering(body: string, status = 200) {
  const seen: Array<{ url: string; headers: Headers }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input instanceof Request ? input.url : input), headers: new Headers(init?.headers) });
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const address = { origin: 'https://va.ac.liveperson.net', accountId: '12345678' };

describe('against LivePerson’s documented examples', () => {
  it('reads the Skills appendix’s entity example (one skill sent alone), with its transfer rules', async () => {
    const { fetch, seen } = answering(fixture('skills-entity.json'));
    const skills = unwrap(await createLivePersonClient({ fetch }).accountConfig({ bearer: 'the-bearer' }).getSkills(address));
    expect(skills).toEqual([{ id: '326244912', name: 'skillName1448453890425', deleted: true, canTransfer: true, transferTo: ['2286661812', '2286661912'] }]);
    const url = new URL(seen[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://va.ac.liveperson.net/api/account/12345678/configuration/le-users/skills');
    expect(url.searchParams.get('v')).toBe('2.0');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer the-bearer');
  });

  it('reads the Agent Status List example', async () => {
    const { fetch, seen } = answering(fixture('status-reasons.json'));
    const reasons = unwrap(await createLivePersonClient({ fetch }).accountConfig({ bearer: 'b' }).getStatusReasons(address));
    expect(reasons).toEqual([
      { id: '725987312', text: 'some reason text', state: 'Away', enabled: true, deleted: false },
      { id: '725987412', text: 'another reason text', state: 'Away', enabled: true, deleted: false },
    ]);
    const url = new URL(seen[0]!.url);
    expect(url.pathname).toBe('/api/account/12345678/configuration/le-agents/status-reasons');
    expect(url.searchParams.get('v')).toBe('1.0');
  });

  it('is tolerant like LivePerson (ids and booleans as strings, `name` for the text as the overview’s table has it) and drops what it cannot read', async () => {
    const odd = [
      { id: '5', name: 'Billing', canTransfer: 'false', deleted: 'false' },
      { id: 6, name: 'Orders', skillTransferList: null },
      { name: 'no id' },
      'not a skill',
    ];
    const skills = unwrap(await createLivePersonClient({ fetch: answering(JSON.stringify(odd)).fetch }).accountConfig({ bearer: 'b' }).getSkills(address));
    expect(skills).toEqual([
      { id: '5', name: 'Billing', deleted: false, canTransfer: false },
      { id: '6', name: 'Orders', deleted: false, canTransfer: true },
    ]);
    const reasons = [{ id: 1, name: 'Lunch', state: 'Away', enabled: 'true' }, { id: 2, text: '  ', state: 'Away' }, { text: 'no id' }];
    const read = unwrap(await createLivePersonClient({ fetch: answering(JSON.stringify(reasons)).fetch }).accountConfig({ bearer: 'b' }).getStatusReasons(address));
    expect(read).toEqual([{ id: '1', text: 'Lunch', state: 'Away', enabled: true, deleted: false }]);
  });

  it('returns a refusal as a value (an agent without the permission to read skills)', async () => {
    const refused = await createLivePersonClient({ fetch: answering('{"error":"Not Authorized"}', 403).fetch }).accountConfig({ bearer: 'b' }).getSkills(address);
    expect(refused.ok || refused.error.status).toBe(403);
  });
});

describe('the Agent Metrics API (Agent Status)', () => {
  it('reads the page’s JSON Example: ids, names, states in the product’s words, skills, slots', async () => {
    const { fetch, seen } = answering(fixture('agent-metrics-status.json'));
    const agents = unwrap(await createLivePersonClient({ fetch }).agentMetrics({ bearer: 'b' }).getAgentStatus({ origin: 'https://va.msghist.liveperson.net', accountId: '28045150', status: ['ONLINE'] }));
    expect(agents).toEqual([
      { id: '8', name: 'lital', chatState: 'Online', maxChats: 20, skillIds: ['2', '3', '1'] },
      { id: '7', name: 'michal', chatState: 'Away', maxChats: 20, skillIds: ['2'] },
    ]);
    expect(new URL(seen[0]!.url).pathname).toBe('/messaging_history/api/account/28045150/agent-view/status');
  });

  it('lists the Messaging agents logged in now on the emulator (msgHist from CSDS), with their states', async () => {
    const s = await signedIn();
    try {
      const origin = unwrap(await s.client.domain.lookup({ csdsUrl: s.emulator.baseUrl, accountId: ACCOUNT, service: 'msgHist' }));
      s.emulator.messaging.store.setRoutable('1002', true);
      s.emulator.messaging.store.setState('1002', 'BACK_SOON', 'Coffee');
      const agents = unwrap(await s.client.agentMetrics({ bearer: s.login.bearer }).getAgentStatus({ origin, accountId: ACCOUNT }));
      expect(agents).toEqual([{ id: '1002', name: 'Sam', chatState: 'Away', maxChats: 4, skillIds: ['2'] }]);
      expect(unwrap(await s.client.agentMetrics({ bearer: s.login.bearer }).getAgentStatus({ origin, accountId: ACCOUNT, status: ['ONLINE'] }))).toEqual([]);
    } finally {
      await s.emulator.close();
    }
  });
});

describe('the documented transfer rules', () => {
  const skill = (id: string, extra: Partial<AccountSkill> = {}): AccountSkill => ({ id, name: `S${id}`, deleted: false, canTransfer: true, ...extra });
  const skills = [skill('1', { transferTo: ['2'] }), skill('2'), skill('3', { canTransfer: false }), skill('4', { deleted: true })];
  const ids = (from?: string) => transferableSkills(skills, from).map((s) => s.id);

  it('`skillTransferList` limits where a skill goes; null means every skill; `canTransfer: false` only requeues; deleted skills never', () => {
    expect(ids('1')).toEqual(['1', '2']);
    expect(ids('2')).toEqual(['1', '2', '3']);
    expect(ids('3')).toEqual(['3']);
    // No skill (-1) or one the list does not know: nothing limits it.
    expect(ids('-1')).toEqual(['1', '2', '3']);
    expect(ids(undefined)).toEqual(['1', '2', '3']);
  });

  it('offers the enabled, not deleted reasons of a state', () => {
    const reasons = [
      { id: '1', text: 'Lunch', state: 'Away', enabled: true, deleted: false },
      { id: '2', text: 'Old', state: 'Away', enabled: false, deleted: false },
      { id: '3', text: 'Gone', state: 'away', enabled: true, deleted: true },
      { id: '4', text: 'Admin', state: 'Occupied', enabled: true, deleted: false },
    ];
    expect(reasonsFor(reasons, 'Away').map((r) => r.text)).toEqual(['Lunch']);
    expect(reasonsFor(reasons, 'Occupied').map((r) => r.text)).toEqual(['Admin']);
  });
});

describe('against the emulator over HTTP', () => {
  let ctx: SignedIn | undefined;
  afterEach(async () => {
    await ctx?.emulator.close();
    ctx = undefined;
  });

  it('lists the account’s skills and status reasons (deleted ones left out) on accountConfigReadOnly, with the agent’s bearer only', async () => {
    ctx = await signedIn();
    const origin = unwrap(await ctx.client.domain.lookup({ csdsUrl: ctx.emulator.baseUrl, accountId: ACCOUNT, service: ACCOUNT_CONFIG_SERVICE }));
    const api = ctx.client.accountConfig({ bearer: ctx.login.bearer });
    const skills = unwrap(await api.getSkills({ origin, accountId: ACCOUNT }));
    expect(skills.map((s) => [s.id, s.name])).toEqual([['1', 'Sales'], ['2', 'Support'], ['3', 'Escalations']]);
    expect(skills[0]).toMatchObject({ canTransfer: true, transferTo: ['2'] });
    expect(skills[2]).toMatchObject({ canTransfer: false });
    const reasons = unwrap(await api.getStatusReasons({ origin, accountId: ACCOUNT }));
    expect(reasonsFor(reasons, 'Away').map((r) => r.text)).toEqual(['Lunch', 'Coffee', 'Coaching']);
    const anonymous = await ctx.client.accountConfig({ bearer: 'not-a-bearer' }).getSkills({ origin, accountId: ACCOUNT });
    expect(anonymous.ok || anonymous.error.kind).toBe('auth-expired');
  });
});
