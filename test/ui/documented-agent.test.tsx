// @vitest-environment jsdom
/**
 * LivePerson's documented agent-information example (A7, retrieve-agent-information.md), served by
 * the emulator in place of its own agent, through the real background runtime and into the popup,
 * the options page and the panel: the agent is "John Smith" with the three documented skills — not
 * the numeric id, not "—".
 */
import fetchCookie from 'fetch-cookie';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { AgentRuntime } from '../../src/agent/runtime';
import { Options } from '../../src/ui/options/Options';
import { Panel } from '../../src/ui/panel/Panel';
import { Popup } from '../../src/ui/popup/Popup';
import { view } from '../../src/ui/store';
import { memoryStore, quiet } from '../agent/support';
import { startEmulator, type Emulator } from '../emulator/server';
import { documentedText } from '../fixtures/liveperson/documented';
import { pageHarness } from './page-harness';

const { container } = pageHarness();
let emulator: Emulator;
let runtime: AgentRuntime;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
  const put = await fetch(`${emulator.baseUrl}/sandbox/agent-info`, { method: 'PUT', body: documentedText('agent/a7-agent-information.json') });
  expect(put.status).toBe(200);
  runtime = new AgentRuntime({
    client: createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true }),
    store: memoryStore(),
    pollIntervalMs: async () => 50,
    log: quiet,
  });
});
afterEach(async () => {
  await runtime.stop();
  await emulator.close();
});

describe('the documented agent in every page', () => {
  it('shows "John Smith" and Sales, Billing, OrdersHandlers in the popup, the options page and the panel', async () => {
    const signedIn = await runtime.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' });
    expect(signedIn).toMatchObject({ ok: true });
    const v = runtime.view();
    expect(v.auth.agentName).toBe('John Smith');
    expect(v.agent).toMatchObject({ id: '25025413', name: 'John Smith', maxChats: -1 });
    expect(v.agent?.skills.map((s) => s.name)).toEqual(['Sales', 'Billing', 'OrdersHandlers']);

    const text = async (page: preact.JSX.Element) => {
      await act(() => render(page, container));
      await act(() => {
        view.value = runtime.view();
      });
      return container.textContent ?? '';
    };
    const popup = await text(<Popup />);
    expect(popup).toContain('Signed in as John Smith');
    expect(container.querySelector('[data-testid="skills"]')?.textContent).toBe('Sales, Billing, OrdersHandlers');
    render(null, container);
    const options = await text(<Options />);
    expect(options).toContain('Signed in as John Smith');
    expect(options).toContain('Skills: Sales, Billing, OrdersHandlers');
    render(null, container);
    const panel = await text(<Panel />);
    expect(panel).toContain('John Smith · ');
    expect(container.querySelector('[data-testid="panel-skills"]')?.textContent).toBe('Skills: Sales, Billing, OrdersHandlers');
    expect(`${popup}${options}${panel}`).not.toContain('25025413');
  });
});
