// @vitest-environment jsdom
/**
 * The background runtime signed in to a LivePerson that answers only with its documented examples
 * (test/fixtures/liveperson/, every placeholder filled with the A11 capture's values): what the agent
 * sees of them in the popup and the panel — the agent's name and skills, the ringing count, the held
 * chat's lines and its visitor. Each request goes to the example of its endpoint, by path; an
 * endpoint without an example answers 404, as an unknown resource would.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLivePersonClient } from '../../src/api';
import { AgentRuntime } from '../../src/agent/runtime';
import { Panel } from '../../src/ui/panel/Panel';
import { Popup } from '../../src/ui/popup/Popup';
import { view } from '../../src/ui/store';
import { memoryStore, quiet } from '../agent/support';
import { PLACEHOLDERS, documentedText } from '../fixtures/liveperson/documented';
import { pageHarness } from './page-harness';

const { container } = pageHarness();
let runtime: AgentRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

/** Path → the documented answer. The login example's CSDS table names `domain.domain.net`: it stands for the account's host. */
function documentedLivePerson() {
  const seen: string[] = [];
  const answer = (status: number, name?: string, swap?: (text: string) => string) => {
    const text = name ? documentedText(name) : '';
    return new Response(swap ? swap(text) : text, { status, headers: text ? { 'Content-Type': 'application/json' } : {} });
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const method = request.headers.get('x-http-method-override') ?? request.method;
    const path = new URL(request.url).pathname.replace(/\.json$/, '');
    const session = /\/agentSession\/\d+(\/.*)?$/.exec(path)?.[1] ?? (path.endsWith('/agentSession') ? '' : undefined);
    seen.push(`${method} ${path}`);
    if (path.endsWith('/baseURI')) return answer(200, 'agent/d1-domain-one-service.json', (t) => t.replace('exampleDomain.liveperson.net', PLACEHOLDERS.domain));
    if (path.endsWith('/login')) return answer(200, 'agent/l1-login.json', (t) => t.replaceAll('domain.domain.net', PLACEHOLDERS.domain));
    if (path.endsWith('/refresh') || path.endsWith('/logout')) return answer(200);
    if (session === '' && method === 'POST') return answer(201, 'agent/a1-start-agent-session.json');
    if (session === '/info') return answer(200, 'agent/a7-agent-information.json');
    if (session === '/availability') return method === 'GET' ? answer(200, 'agent/a3-availability.json') : answer(200);
    if (session === '/incomingRequests') return answer(200, 'agent/a8-incoming-requests.json');
    if (session === '/chatSessions') return answer(200, 'agent/a10-chat-sessions.json');
    if (session === '/chat' && request.method === 'GET') return answer(200, 'agent/a12-chats.json');
    if (session === `/chat/${PLACEHOLDERS.chatId}`) return answer(200, 'agent/a11-chat.json');
    if (session === '/chat/availableSlots') return answer(200, 'agent/a6-available-slots.json');
    if (session === '/availableAgents') return answer(200, 'agent/a5-available-agents.json');
    return new Response('', { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

describe('a LivePerson that answers with its documented examples', () => {
  it('shows the documented agent, ringing count, held chat, its lines and its visitor', async () => {
    const liveperson = documentedLivePerson();
    runtime = new AgentRuntime({ client: createLivePersonClient({ fetch: liveperson.fetch }), store: memoryStore(), pollIntervalMs: async () => 50, log: quiet });
    const signedIn = await runtime.signIn({ csdsUrl: 'https://api.liveperson.net', accountId: PLACEHOLDERS.accountId, username: 'John@company.com', password: 'pw' });
    expect(signedIn).toMatchObject({ ok: true });
    // One poll: incoming requests (A8) and every chat at once (A12).
    await vi.waitFor(() => expect(liveperson.seen.some((r) => r.endsWith('/incomingRequests'))).toBe(true), { timeout: 5000 });

    const v = runtime.view();
    expect(v.auth.agentName).toBe('John Smith');
    expect(v.agent?.skills.map((s) => s.name)).toEqual(['Sales', 'Billing', 'OrdersHandlers']);
    expect(v.availability).toBe('Online');
    expect(v.ringing.count).toBe(0);
    expect(v.chats.map((c) => [c.id, c.state, c.visitorName])).toEqual([[PLACEHOLDERS.chatId, 'chatting', 'visitor']]);
    const lines = v.chats[0]!.lines;
    expect(lines.map((l) => l.text)).toEqual(expect.arrayContaining(['Thank you for choosing to chat with us.  An agent will be with you shortly.', 'You are now chatting with Barber.']));
    // A11's visitor, or A12's once a poll has read it (the two pages' examples are different chats).
    expect(['1215602164887992', '1222309710121']).toContain(v.chats[0]!.visitorId);

    await act(() => render(<Popup />, container));
    await act(() => {
      view.value = runtime!.view();
    });
    expect(container.textContent).toContain('Signed in as John Smith');
    expect(container.querySelector('[data-testid="skills"]')?.textContent).toBe('Sales, Billing, OrdersHandlers');
    expect(container.querySelector('[data-testid="ringing-count"]')?.textContent).toBe('0');
    render(null, container);

    await act(() => render(<Panel />, container));
    await act(() => {
      view.value = runtime!.view();
    });
    const panel = container.querySelector('[data-testid="panel"]')!;
    expect(panel.textContent).toContain('John Smith · Online');
    expect(container.querySelector(`[data-testid="chat"][data-chat-id="${PLACEHOLDERS.chatId}"]`)?.getAttribute('aria-label')).toBe('Chat with visitor');
    expect(panel.textContent).toContain('You are now chatting with Barber.');
  });
});
