/**
 * The soak: the background runtime holds two chats (one visitor each — our reading of "a chat with
 * two visitors": LivePerson chats have one visitor, so two visitors means two concurrent chats)
 * while the visitors and the agent all send lines and the emulator injects faults of every kind
 * into the agent side. Afterwards every line must appear exactly once, in the order its author
 * sent it, and both sides must hold the same transcript. Used by `npm test` (60 s) and
 * `npm run soak` (5 minutes, 200 lines from each party).
 */
import fetchCookie from 'fetch-cookie';
import { createLivePersonClient } from '../../src/api';
import { RETRY_JITTER, SLOW_RETRY_MS } from '../../src/agent/retry-policy';
import { AgentRuntime } from '../../src/agent/runtime';
import type { FaultKind } from '../emulator/faults';
import { startEmulator } from '../emulator/server';
import { Visitor } from '../emulator/visitor';
import { memoryStore, quiet } from '../agent/support';

export interface SoakOptions {
  /** How long the parties keep sending. */
  sendForMs: number;
  /** Lines from each party: each visitor, and the agent in each chat. */
  linesPerParty: number;
  faultRate: number;
  /** Worker restarts: a new runtime on the same stored state every this many ms (0 = none). */
  restartEveryMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  faults: Partial<Record<FaultKind, number>>;
  agentRequests: number;
  restarts: number;
  /** Problems found; empty when every line arrived exactly once, in order, on both sides. */
  problems: string[];
  transcripts: Array<{ visitor: string; agentSide: string[]; visitorSide: string[] }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** Waits for `predicate`; a timeout says what was awaited and, where `left` says it, what was left. */
async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number, left?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Soak: timed out waiting for ${what}${left ? `: ${left()}` : ''}`);
    await sleep(50);
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const emulator = await startEmulator({ port: 0, ringAwayAfterMs: 600_000 });
  const store = memoryStore();
  // One cookie jar for the profile, shared by every worker lifetime, as in the browser.
  const fetchWithJar = fetchCookie(fetch) as typeof fetch;
  const newRuntime = () =>
    new AgentRuntime({ client: createLivePersonClient({ fetch: fetchWithJar, allowLoopback: true }), store, pollIntervalMs: async () => 250, log: quiet });
  let runtime = newRuntime();
  let restarts = 0;
  const stopping: Promise<void>[] = [];
  try {
    const signedIn = await runtime.signIn({ csdsUrl: emulator.baseUrl, accountId: '12345678', username: 'agent1', password: 'agent1-pass' });
    if (!signedIn.ok) throw new Error(`Soak: sign-in failed: ${signedIn.message}`);
    await runtime.setAvailability('Online');

    // Two visitors, each accepted before the faults start (accepting is not what is soaked).
    const visitors: Visitor[] = [];
    for (const name of ['Ada', 'Bo']) {
      visitors.push(await Visitor.start({ baseUrl: emulator.baseUrl, name }));
      await until('the ring', () => runtime.view().ringing.count > 0, 10_000);
      const accepted = await runtime.acceptChat();
      if (!accepted.ok) throw new Error(`Soak: accept failed: ${accepted.message}`);
    }
    await until('both chats to start', () => runtime.view().chats.filter((c) => c.state === 'chatting').length === 2, 10_000);
    const chatIdOf = new Map(runtime.view().chats.map((c) => [c.visitorName, c.id]));

    emulator.faults.set({
      rate: options.faultRate,
      kinds: ['500', '502', '503', '429', 'latency', 'drop', 'lost-response', 'expire-bearer', 'expire-agent-session'],
      sides: ['agent'],
      latencyMs: 400,
      retryAfterSeconds: 1,
    });
    const agentMark = emulator.requests.mark();
    log(`faults on: ${Math.round(options.faultRate * 100)} % of agent-side requests`);

    const gap = options.sendForMs / options.linesPerParty;
    const sent = new Map<string, { visitor: string[]; agent: string[] }>();
    const parties: Promise<void>[] = [];
    for (const [index, visitor] of visitors.entries()) {
      const name = index === 0 ? 'Ada' : 'Bo';
      const record = { visitor: [] as string[], agent: [] as string[] };
      sent.set(name, record);
      parties.push(
        (async () => {
          for (let n = 1; n <= options.linesPerParty; n++) {
            await sleep(gap * (0.5 + Math.random()));
            const text = `${name} line ${n}`;
            record.visitor.push(text);
            await visitor.sendLine(text);
          }
        })(),
        (async () => {
          for (let n = 1; n <= options.linesPerParty; n++) {
            await sleep(gap * (0.5 + Math.random()));
            const text = `Agent to ${name} line ${n}`;
            record.agent.push(text);
            // The agent's Send: refused only when the line could not even be queued.
            const result = await runtime.sendLine(chatIdOf.get(name)!, text);
            if (!result.ok) throw new Error(`Soak: a line was refused: ${result.message}`);
          }
        })(),
      );
    }
    let restarting = true;
    const restartLoop = (async () => {
      if (!options.restartEveryMs) return;
      while (restarting) {
        await sleep(options.restartEveryMs * (0.8 + 0.4 * Math.random()));
        if (!restarting) return;
        // The browser stops the worker: the old runtime is dropped mid-flight, a new one restores.
        const old = runtime;
        runtime = newRuntime();
        stopping.push(old.stop());
        await runtime.restore();
        restarts += 1;
        log(`worker restart ${restarts}`);
      }
    })();
    await Promise.all(parties);
    restarting = false;
    await restartLoop;

    // Let retries finish under faults for a while, then without them.
    await until('the outbox to drain', () => runtime.view().chats.every((c) => c.lines.every((l) => !l.delivery)), 45_000).catch(() => {});
    const injected = emulator.faults.status().injected.byKind;
    emulator.faults.set(undefined);
    // What holds a line back, from the state a restarted worker would resume from.
    const outboxLeft = () => {
      const state = store.saved;
      const now = Date.now();
      const entries = state?.chats.flatMap((chat) =>
        chat.outbox.map((e) => ({
          text: e.text,
          status: e.status,
          attempts: e.attempts,
          dueInMs: e.notBefore === undefined ? undefined : e.notBefore - now,
          unsureForMs: e.unsureSince === undefined ? undefined : now - e.unsureSince,
          eventsReadMsAgo: chat.eventsReadAt === undefined ? undefined : now - chat.eventsReadAt,
          problem: e.problem,
        })),
      );
      return JSON.stringify({ health: state?.health, lastPollMsAgo: state?.health.lastPollAt && now - state.health.lastPollAt, outbox: entries });
    };
    // A line LivePerson may already hold is resent only after a read of its chat shows it is not
    // there (src/agent/outbox.ts), and reads come from the poll loop: if faults made four cycles in a row
    // fail, the loop is waiting out its slow retry (src/agent/retry-policy.ts), faults or not.
    await until(
      'the outbox to drain',
      () => runtime.view().chats.every((c) => c.lines.every((l) => l.delivery !== 'pending')),
      SLOW_RETRY_MS * (1 + RETRY_JITTER) + 15_000,
      outboxLeft,
    );

    const problems: string[] = [];
    const transcripts: SoakReport['transcripts'] = [];
    for (const [index, visitor] of visitors.entries()) {
      const name = index === 0 ? 'Ada' : 'Bo';
      const record = sent.get(name)!;
      const expected = new Set([...record.visitor, ...record.agent]);
      const agentSideNow = () =>
        runtime
          .view()
          .chats.find((c) => c.id === chatIdOf.get(name))!
          .lines.filter((l) => l.source !== 'system' && !l.delivery)
          .map((l) => l.text);
      await until(`${name}'s lines on the agent side`, () => record.visitor.every((t) => agentSideNow().includes(t)), 20_000).catch(() => {});
      await visitor.waitFor((v) => record.agent.every((t) => v.lines().some((l) => l.text === t)), 20_000).catch(() => {});
      const agentSide = agentSideNow();
      const visitorSide = visitor.lines().filter((l) => l.source !== 'system').map((l) => l.text);
      transcripts.push({ visitor: name, agentSide, visitorSide });
      for (const [side, lines] of [['agent side', agentSide], ['visitor side', visitorSide]] as const) {
        for (const text of expected) {
          const count = lines.filter((l) => l === text).length;
          if (count !== 1) problems.push(`${name}, ${side}: "${text}" appears ${count} times`);
        }
        for (const [author, order] of [['visitor', record.visitor], ['agent', record.agent]] as const) {
          const seen = lines.filter((l) => order.includes(l));
          const deduped = seen.filter((l, i) => seen.indexOf(l) === i);
          if (deduped.join('\n') !== order.filter((l) => deduped.includes(l)).join('\n')) problems.push(`${name}, ${side}: the ${author}'s lines are out of order`);
        }
      }
      if (agentSide.join('\n') !== visitorSide.join('\n')) problems.push(`${name}: the two sides differ`);
      const failed = runtime.view().chats.find((c) => c.id === chatIdOf.get(name))!.lines.filter((l) => l.delivery === 'failed');
      for (const line of failed) problems.push(`${name}: "${line.text}" failed for good: ${line.problem}`);
    }
    const agentRequests = emulator.requests.list({ since: agentMark, side: 'agent' }).length;
    return { faults: injected, agentRequests, restarts, problems, transcripts };
  } finally {
    await runtime.stop();
    await Promise.all(stopping);
    await emulator.close();
  }
}
