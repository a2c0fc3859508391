/**
 * `npm run bench`: Agent Dock against the physical limit, in real Chromium on the emulator, side by
 * side with the Agent Sample App's polling strategy (test/bench/reference-client.ts) in the same
 * run, and the panel's start-up beside a bare stand-in's (the floor) in the same run. Every request
 * is counted from the emulator's request log, never estimated.
 *
 * Flows run on the e2e build (`npm run build:test`: open shadow root, performance marks); sizes
 * come from the production build (`npm run build`).
 *
 * Options (after `--`):
 *   --quick          a smoke version (fewer samples, chats, tabs) in about two minutes
 *   --startup-only   only the content-script size and the panel's start-up (about a minute)
 *   --slow-panel=MS  start-up measured on a copy of the e2e build whose panel script first spins
 *                    for MS ms (a deliberately slowed panel: the start-up targets must be missed)
 *   --self-test      `--startup-only --slow-panel=200`, and exits 0 only if the bench caught it
 *   --publish        also writes test/bench/results.md and the README's table (bench:start/end)
 *
 * Prints the table and writes it with its notes to test-results/bench/results.md (ignored by git),
 * or BENCH_RESULTS. Exits non-zero when any target is missed, naming each.
 *
 * Each group of figures adds its rows and notes to a Report (./stats.ts); a new figure is a module
 * beside ./size.ts and ./startup.ts called from main() below.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'puppeteer';
import { startEmulator, type Emulator } from '../emulator/server';
import type { RecordedRequest } from '../emulator/request-log';
import { Visitor } from '../emulator/visitor';
import { startCrmServer } from '../sandbox/crm-server';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../e2e/support/browser';
import { openPopup, panelRegistered, signInAndGoOnline } from '../e2e/support/flows';
import { inPanel, PANEL_HOST, testId } from '../e2e/support/panel';
import { SCRIPT_START_MARK } from '../../src/ui/dock/marks';
import { bareExtension } from './bare-panel';
import { preactExtension } from './preact-panel';
import { messagingBench } from './messaging';
import { outageToFirstLine } from './outage';
import { ReferenceClient, SAMPLE_APP_INTERVAL_MS } from './reference-client';
import { reportContentScriptSize } from './size';
import { reportNextRecord, reportStartup, sampleNextRecord, sampleStartup } from './startup';
import { countKinds, cycleMet, loopRatePerInterval, markdownTable, ms, newReport, num, percentile, ratio, requestsPerCycle, textTable, verdict } from './stats';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'startup-only': { type: 'boolean', default: false },
    'slow-panel': { type: 'string' },
    'self-test': { type: 'boolean', default: false },
    publish: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick;
const SELF_TEST = args['self-test'];
const STARTUP_ONLY = args['startup-only'] || SELF_TEST;
const SLOW_PANEL_MS = Number(args['slow-panel'] ?? (SELF_TEST ? 200 : 0));
const INTERVAL_MS = 2000;
/** The loopback floor of the memory run only (a real account never polls below 2 s). */
const FAST_INTERVAL_MS = 250;
const ACCOUNT = '12345678';
const MAX_K = QUICK ? 3 : 10;
const MAX_TABS = QUICK ? 3 : 20;
const CYCLES_PER_WINDOW = QUICK ? 2 : 3;
const LATENCY_SAMPLES = QUICK ? 6 : 30;
const AGENT_LINE_SAMPLES = QUICK ? 10 : 30;
const SHIFT_CHATS = QUICK ? 20 : 120;
/**
 * Chats before the first heap reading. V8 keeps compiling hot code (optimized code lives on the heap)
 * for a while: in windows of 60 chats after a 10-chat warm-up the heap grew 2.8, 0.6, 0.7 and 0.4 KB
 * per chat, so a short warm-up counts the compiler's growth as the shift's.
 */
const SHIFT_WARM_UP_CHATS = QUICK ? 10 : 40;
const TRANSCRIPT_LINES = QUICK ? 500 : 2000;
const RESTARTS = QUICK ? 2 : 3;
/** Tabs of the real panel (and as many of the stand-in) timed at start-up. */
const STARTUP_TABS = QUICK || SELF_TEST ? 8 : 20;
const OUT_DIR = process.env.AGENT_DOCK_OUT_DIR ?? '.output';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mode = [QUICK && 'quick', STARTUP_ONLY && 'startup', SLOW_PANEL_MS && `slow-${SLOW_PANEL_MS}`].filter(Boolean).join('-');
// Ignored by git: nothing a user runs rewrites tracked files (`--publish` does, on purpose).
const RESULTS = process.env.BENCH_RESULTS ?? `${ROOT}test-results/bench/results${mode ? `-${mode}` : ''}.md`;
const PUBLISHED = `${ROOT}test/bench/results.md`;

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const started = Date.now();
const say = (line: string) => console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`);

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface BenchView {
  ringing: { count: number };
  chats: Array<{ id: string; state: string; lines: Array<{ id: string; text: string }> }>;
}

/** A command exactly as the panel sends it (@webext-core/messaging's envelope), from an extension page. */
async function command<T = unknown>(page: Page, type: string, data?: unknown): Promise<T> {
  return page.evaluate(
    async (type, data) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ res?: unknown; err?: unknown }> } } }).chrome.runtime;
      const reply = await runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
      if (reply?.err) throw new Error(JSON.stringify(reply.err));
      return reply?.res;
    },
    type,
    data,
  ) as Promise<T>;
}

const getView = (page: Page) => command<BenchView>(page, 'getView');

function sessionRequests(emulator: Emulator, since: number, sessionId: string): RecordedRequest[] {
  return emulator.requests.list({ since, side: 'agent' }).filter((r) => r.path.includes(`/agentSession/${sessionId}`));
}

/**
 * Requests of the agent session plus the login refreshes in the window (those carry no session
 * id), in the order served: a refresh falls inside the poll cycle it happened in.
 */
function clientRequests(emulator: Emulator, since: number, sessionId: string, loginRefreshes = false): RecordedRequest[] {
  const own = sessionRequests(emulator, since, sessionId);
  return loginRefreshes ? [...own, ...emulator.requests.list({ since, side: 'login' })].sort((a, b) => a.seq - b.seq) : own;
}

const isRefresh = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/refresh');

async function tabWorkMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  return script * 1000;
}

/** Long tasks (> 50 ms) on the page, recorded from its start by a PerformanceObserver. */
async function longTasks(page: Page): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(() => (globalThis as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? []);
}

/** Opens a CRM tab and waits for its panel (tabs timed at start-up: ./startup.ts). */
async function openCrmTab(ext: ExtensionBrowser, url: string): Promise<Page> {
  const page = await ext.browser.newPage();
  // tsx keeps function names with a `__name` helper the page does not have.
  await page.evaluateOnNewDocument('globalThis.__name = (f) => f;');
  await page.evaluateOnNewDocument(() => {
    const tasks: Array<{ start: number; duration: number }> = [];
    (globalThis as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.locator(inPanel(testId('panel'))).wait();
  return page;
}

/**
 * A copy of the e2e build whose panel script first spins for `delayMs`: a deliberately slowed
 * panel, which the start-up targets must catch (`--slow-panel`, `--self-test`).
 */
function slowedExtension(builtExtensionDir: string, delayMs: number): string {
  const dir = `${mkdtempSync(`${tmpdir()}/agent-dock-slow-`)}/extension`;
  cpSync(builtExtensionDir, dir, { recursive: true });
  const script = `${dir}/content-scripts/panel.js`;
  writeFileSync(script, `{ const until = performance.now() + ${delayMs}; while (performance.now() < until); }\n${readFileSync(script, 'utf8')}`);
  return dir;
}

/** Marks in the page when each line text first shows in the panel (ms since the epoch). */
async function watchLines(page: Page): Promise<void> {
  await page.evaluate((host) => {
    const root = document.querySelector(host)!.shadowRoot!;
    const seen: Record<string, number> = {};
    (globalThis as unknown as { __seen: typeof seen }).__seen = seen;
    const scan = () => {
      const now = Date.now();
      for (const el of root.querySelectorAll('[data-testid="line-text"]')) {
        const text = el.textContent ?? '';
        if (text.startsWith('bench:') && !(text in seen)) seen[text] = now;
      }
    };
    new MutationObserver(scan).observe(root, { subtree: true, childList: true, characterData: true });
  }, PANEL_HOST);
}

/** When the panel's script began on the page (the mark its first statement leaves). */
const scriptStart = (page: Page): Promise<number> =>
  page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? 0, SCRIPT_START_MARK);

const seenAt = (page: Page, text: string): Promise<number | undefined> =>
  page.evaluate((t) => (globalThis as unknown as { __seen: Record<string, number> }).__seen[t], text);

/** The tabs the start-up figures are sampled in, each alternating with a stand-in tab (./startup.ts). */
async function measureStartup(ext: ExtensionBrowser, crmUrl: string, situation: string, report: ReturnType<typeof newReport>): Promise<void> {
  say(`Panel start-up: ${STARTUP_TABS} tabs of the panel, in turn with ${STARTUP_TABS} of a bare stand-in (the floor) and ${STARTUP_TABS} of a Preact stand-in`);
  const bare = await launchWithExtension(bareExtension(EXTENSION_DIR));
  const preact = await launchWithExtension(await preactExtension(EXTENSION_DIR));
  try {
    await panelRegistered(bare);
    await panelRegistered(preact);
    reportStartup(await sampleStartup({ ext, bare, preact, url: crmUrl, tabs: STARTUP_TABS, expectChat: true, situation }), report);
    say(`Panel start-up in the same tab: ${STARTUP_TABS} records, in turn with the bare stand-in`);
    reportNextRecord(await sampleNextRecord({ ext, bare, url: crmUrl, loads: STARTUP_TABS, expectChat: true }), report);
  } finally {
    await bare.close();
    await preact.close();
  }
}

/** `--startup-only`: signed in, Online, one chat open; then the start-up figures. */
async function startupOnly(ext: ExtensionBrowser, emulator: Emulator, crmUrl: string, report: ReturnType<typeof newReport>): Promise<void> {
  say('Signing in, Online, one chat');
  await panelRegistered(ext);
  const popup = await openPopup(ext);
  await signInAndGoOnline(popup, emulator);
  const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Start-up', skill: 'Sales' });
  await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
  await command(popup, 'acceptChat');
  await waitUntil('the chat to open', async () => (await getView(popup)).chats.some((c) => c.state === 'chatting'));
  await visitor.sendLine('Hello, a question about my order');
  await waitUntil('the line in the view', async () => (await getView(popup)).chats.some((c) => c.lines.length > 0));
  await measureStartup(ext, crmUrl, 'signed in, Online, one chat open with a line, the popup open', report);
  await visitor.end();
}

async function main(): Promise<void> {
  const flags = [QUICK && '--quick', STARTUP_ONLY && '--startup-only', SLOW_PANEL_MS && `--slow-panel=${SLOW_PANEL_MS}`].filter(Boolean).join(' ');
  console.log(`Agent Dock benchmark${flags ? ` (${flags})` : ''}: interval ${INTERVAL_MS} ms, emulator on loopback, headless Chromium`);
  const loadAtStart = loadavg()[0]!;
  const report = newReport();
  const { rows, notes } = report;

  reportContentScriptSize(`${ROOT}${OUT_DIR}/chrome-mv3`, report);
  if (!STARTUP_ONLY) {
    const outage = await outageToFirstLine(INTERVAL_MS);
    rows.push(outage.row);
    notes.push(outage.note);
  }

  const emulator = await startEmulator({ port: 0, maxChats: 10 });
  const crm = await startCrmServer();
  if (SLOW_PANEL_MS) say(`A deliberately slowed panel: its script first spins for ${SLOW_PANEL_MS} ms`);
  const ext = await launchWithExtension(SLOW_PANEL_MS ? slowedExtension(EXTENSION_DIR, SLOW_PANEL_MS) : EXTENSION_DIR);
  if (STARTUP_ONLY) {
    try {
      await startupOnly(ext, emulator, crm.url, report);
    } finally {
      await ext.close();
      await crm.close();
      await emulator.close();
    }
    return finish(report, loadAtStart);
  }
  const reference = await ReferenceClient.signIn({ baseUrl: emulator.baseUrl, accountId: ACCOUNT, username: 'agent2', password: 'agent2-pass' });
  const visitors: { ours: Visitor[]; ref: Visitor[] } = { ours: [], ref: [] };
  try {
    const worker = await ext.worker();
    await worker.evaluate(`chrome.storage.local.set({ pollIntervalMs: ${INTERVAL_MS} })`);

    // ---- set-up: k chats on each side --------------------------------------------------------
    say(`The sample-app client (agent2) accepts ${MAX_K} Support chats`);
    for (let i = 0; i < MAX_K; i++) visitors.ref.push(await Visitor.start({ baseUrl: emulator.baseUrl, name: `Ref ${i}`, skill: 'Support' }));
    await waitUntil('the reference client to hold its chats', () => reference.openChats() === MAX_K, 60_000);
    reference.acceptRings = false;

    const popup = await openPopup(ext);
    await signInAndGoOnline(popup, emulator);
    const ourSession = (await (await fetch(`${emulator.baseUrl}/sandbox/state`)).json()) as { agentSessions: Array<{ id: string; agent: string }> };
    const ourSessionId = () => ourSession.agentSessions.find((s) => s.agent === 'agent1')!.id;
    const crmTab = await openCrmTab(ext, crm.url);
    say(`Agent Dock (agent1) accepts ${MAX_K} Sales chats`);
    for (let i = 0; i < MAX_K; i++) visitors.ours.push(await Visitor.start({ baseUrl: emulator.baseUrl, name: `Ours ${i}`, skill: 'Sales' }));
    for (let i = 0; i < MAX_K; i++) {
      await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
      await command(popup, 'acceptChat');
    }
    await waitUntil('our chats to be open', async () => (await getView(popup)).chats.filter((c) => c.state === 'chatting').length === MAX_K);

    // ---- requests per poll cycle: t tabs at k = MAX_K, then k = MAX_K … 0 with MAX_TABS tabs ---
    const tabs: Page[] = [crmTab];
    // `ours` counts every request in the window's cycles, login refreshes included; `polls` leaves
    // those out: the target is two poll calls a cycle, plus the documented refresh every 4 minutes.
    const perCycle: Array<{ k: number; t: number; ours: number; polls: number; refreshes: number; ref: number; extra: Record<string, number> }> = [];
    const measureWindow = async (k: number, t: number) => {
      await sleep(INTERVAL_MS * 1.5); // let the last change settle
      const mark = emulator.requests.mark();
      const windowStart = Date.now();
      await sleep(INTERVAL_MS * (CYCLES_PER_WINDOW + 1) + 200);
      const ours = clientRequests(emulator, mark, ourSessionId(), true);
      const ref = clientRequests(emulator, mark, reference.sessionId);
      const o = requestsPerCycle(ours);
      // The sample app's chat loops are not in step with its incoming loop, so a cycle of it is
      // not delimited: its figure is requests per interval, from each loop's own spacing.
      const windowMs = Date.now() - windowStart;
      const r = { perCycle: loopRatePerInterval(ref, windowMs, INTERVAL_MS), cycles: requestsPerCycle(ref).cycles };
      const kinds = countKinds(o.inCycles);
      const extra = Object.fromEntries(Object.entries(kinds).filter(([kind]) => kind !== 'GET /incomingRequests' && kind !== 'GET /chat'));
      const refreshes = o.inCycles.filter(isRefresh).length;
      perCycle.push({ k, t, ours: o.perCycle, polls: (o.inCycles.length - refreshes) / o.cycles, refreshes, ref: r.perCycle, extra });
      say(`k=${k} t=${t}: ours ${num(o.perCycle)} requests/cycle (${o.cycles} cycles, ${refreshes} login refreshes), sample app ${num(r.perCycle)} per interval`);
    };
    for (const t of [...new Set([1, Math.min(5, MAX_TABS), MAX_TABS])]) {
      while (tabs.length < t) tabs.push(await openCrmTab(ext, crm.url));
      await measureWindow(MAX_K, t);
    }
    for (let k = MAX_K - 1; k >= 0; k--) {
      await visitors.ours[k]!.end();
      await visitors.ref[k]!.end();
      await waitUntil('both sides to see the chat end', async () => reference.openChats() === k && (await getView(popup)).chats.filter((c) => c.state === 'chatting').length === k);
      await measureWindow(k, tabs.length);
    }
    const withChats = perCycle.filter((p) => p.k > 0);
    const worst = withChats.reduce((a, b) => (b.ours > a.ours ? b : a));
    const at = (k: number) => perCycle.filter((p) => p.k === k);
    const cycleTarget = '2 (+ the login refresh every 4 min)';
    const measuredCycle = (p: { ours: number; refreshes: number }) => `${num(p.ours)}${p.refreshes ? ` (${p.refreshes} login refresh in the window)` : ''}`;
    rows.push({
      figure: `Requests per poll cycle, login refreshes counted, k = 1…${MAX_K} chats, t = 1…${MAX_TABS} tabs (worst window)`,
      target: cycleTarget,
      measured: measuredCycle(worst),
      reference: `${num(mean(at(MAX_K).map((p) => p.ref)))} at k=${MAX_K}`,
      ratio: ratio(worst.ours, mean(at(MAX_K).map((p) => p.ref))),
      pass: withChats.every(cycleMet),
    });
    for (const k of [1, Math.ceil(MAX_K / 2), MAX_K]) {
      const window = at(k)[0];
      if (!window) continue;
      rows.push({ figure: `  … at k = ${k}, t = ${window.t}`, target: cycleTarget, measured: measuredCycle(window), reference: num(window.ref), ratio: ratio(window.ours, window.ref), pass: cycleMet(window) });
    }
    const extras = perCycle.filter((p) => Object.keys(p.extra).length);
    if (extras.length) notes.push(`Windows with requests other than the two poll calls: ${extras.map((p) => `k=${p.k} t=${p.t} ${JSON.stringify(p.extra)}`).join('; ')}.`);

    // ---- idle Online agent: requests per interval, work in the CRM tabs ----------------------
    say(`Idle Online agent with ${tabs.length} CRM tabs open`);
    const cdps = await Promise.all(tabs.map(async (tab) => {
      const cdp = await tab.createCDPSession();
      await cdp.send('Performance.enable');
      return cdp;
    }));
    await sleep(INTERVAL_MS * 1.5);
    const idleMark = emulator.requests.mark();
    const before = await Promise.all(cdps.map(tabWorkMs));
    const idleMs = INTERVAL_MS * (QUICK ? 3 : 10);
    await sleep(idleMs);
    const after = await Promise.all(cdps.map(tabWorkMs));
    const idleRequests = clientRequests(emulator, idleMark, ourSessionId(), true);
    const idleRefreshes = idleRequests.filter(isRefresh).length;
    const idleOurs = idleRequests.length / (idleMs / INTERVAL_MS);
    const idlePolls = (idleRequests.length - idleRefreshes) / (idleMs / INTERVAL_MS);
    const idleRef = clientRequests(emulator, idleMark, reference.sessionId).length / (idleMs / INTERVAL_MS);
    const perTabScript = after.map((a, i) => a - before[i]!);
    const maxTab = Math.max(...perTabScript);
    rows.push({
      figure: 'Idle Online agent: requests per interval, login refreshes counted',
      target: '≤ 1 (+ the login refresh every 4 min)',
      measured: `${num(idleOurs)}${idleRefreshes ? ` (${idleRefreshes} login refresh in the window)` : ''}`,
      reference: num(idleRef),
      ratio: ratio(idleOurs, idleRef),
      pass: idlePolls <= 1.01 && idleRefreshes <= 1,
    });
    rows.push({
      figure: `Idle: script time per CRM tab over ${idleMs / 1000} s (worst of ${tabs.length})`,
      target: '0 (no work)',
      measured: `${num(maxTab, 1)} ms`,
      reference: '—',
      ratio: '—',
      pass: maxTab < 1,
    });
    await Promise.all(cdps.map((c) => c.detach()));
    while (tabs.length > 1) await tabs.pop()!.close();

    // ---- latency: visitor line → rendered; agent line → stored on LivePerson -----------------
    say(`Latency: ${LATENCY_SAMPLES} visitor lines to each client, ${AGENT_LINE_SAMPLES} agent lines`);
    reference.acceptRings = true;
    const refVisitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Ref latency', skill: 'Support' });
    await waitUntil('the reference client to accept', () => reference.openChats() === 1, 30_000);
    reference.acceptRings = false;
    const ourVisitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Latency', skill: 'Sales' });
    await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
    await crmTab.bringToFront();
    await crmTab.locator(inPanel(testId('accept'))).click();
    await waitUntil('the chat to open', async () => (await getView(popup)).chats.some((c) => c.state === 'chatting'));
    await waitUntil('the visitors to see their agents', async () => {
      await ourVisitor.poll();
      await refVisitor.poll();
      return ourVisitor.state() === 'chatting' && refVisitor.state() === 'chatting';
    });
    const refChatId = [...reference.chats.values()].find((c) => !c.ended)!.id;
    await watchLines(crmTab);
    const oursLatency: number[] = [];
    const refLatency: number[] = [];
    const inBrowser: number[] = [];
    // A visitor writes at any moment of the poll cycle: the samples are spread evenly over the
    // cycle (stratified, in shuffled order), so the percentiles do not hang on a lucky draw.
    const phases = Array.from({ length: LATENCY_SAMPLES }, (_, i) => ((i + 0.5) / LATENCY_SAMPLES) * INTERVAL_MS).sort(() => Math.random() - 0.5);
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const lastCycle = sessionRequests(emulator, 0, ourSessionId()).filter((r) => r.path.endsWith('/incomingRequests')).pop()!.at;
      let sendAt = lastCycle + phases[i]!;
      while (sendAt < Date.now() + 50) sendAt += INTERVAL_MS;
      await sleep(sendAt - Date.now());
      const text = `bench: visitor line ${i}`;
      const mark = emulator.requests.mark();
      const writtenAt = Date.now();
      await Promise.all([ourVisitor.sendLine(text), refVisitor.sendLine(text)]);
      await waitUntil('the line in the panel and in the sample app', async () => (await seenAt(crmTab, text)) !== undefined && reference.received.some((l) => l.text === text), 15_000);
      const seen = (await seenAt(crmTab, text))!;
      oursLatency.push(seen - writtenAt);
      refLatency.push(reference.received.find((l) => l.text === text)!.at - writtenAt);
      // Where the time went: waiting for the poll that carried the line, then the browser's part.
      const log = emulator.requests.list({ since: mark });
      const posted = log.find((r) => r.side === 'visitor' && r.method === 'POST' && ourVisitor.chatUrl.endsWith(r.path.replace(/\/events$/, '')));
      const carried = posted && log.find((r) => r.path.includes(`/agentSession/${ourSessionId()}`) && r.method === 'GET' && r.path.endsWith('/chat') && r.at >= posted.at + posted.durationMs);
      if (carried) inBrowser.push(seen - (carried.at + carried.durationMs));
    }
    const p50 = percentile(oursLatency, 50);
    const p95 = percentile(oursLatency, 95);
    rows.push({ figure: `Visitor line written → rendered in the panel, p50 (n=${LATENCY_SAMPLES})`, target: `≤ ${ms(0.6 * INTERVAL_MS)}`, measured: ms(p50), reference: `${ms(percentile(refLatency, 50))} (received)`, ratio: ratio(p50, percentile(refLatency, 50)), pass: p50 <= 0.6 * INTERVAL_MS });
    rows.push({ figure: '… p95', target: `≤ ${ms(1.1 * INTERVAL_MS + 100)}`, measured: ms(p95), reference: `${ms(percentile(refLatency, 95))} (received)`, ratio: ratio(p95, percentile(refLatency, 95)), pass: p95 <= 1.1 * INTERVAL_MS + 100 });

    notes.push(`Of the visitor-line latency, Agent Dock's part after the poll that carried the line (merge, state write, message to the tab, render) was ${ms(percentile(inBrowser, 50))} at p50 and ${ms(percentile(inBrowser, 95))} at p95 (n=${inBrowser.length}); the rest is waiting for the next poll, which averages half an interval by construction.`);
    const oursAgent: number[] = [];
    const refAgent: number[] = [];
    const rtts: number[] = [];
    for (let i = 0; i < AGENT_LINE_SAMPLES; i++) {
      const text = `bench: agent line ${i}`;
      await crmTab.locator(inPanel(testId('composer'))).click();
      await crmTab.keyboard.type(text);
      const mark = emulator.requests.mark();
      const enterAt = Date.now();
      await crmTab.keyboard.press('Enter');
      await waitUntil('the line on LivePerson', () => sessionRequests(emulator, mark, ourSessionId()).some((r) => r.method === 'POST' && /\/events$/.test(r.path) && r.status === 201));
      const post = sessionRequests(emulator, mark, ourSessionId()).find((r) => r.method === 'POST' && /\/events$/.test(r.path))!;
      oursAgent.push(post.at + post.durationMs - enterAt);
      const refMark = emulator.requests.mark();
      const sentAt = Date.now();
      await reference.sendLine(refChatId, text);
      const refPost = sessionRequests(emulator, refMark, reference.sessionId).find((r) => r.method === 'POST')!;
      refAgent.push(refPost.at + refPost.durationMs - sentAt);
      rtts.push(Date.now() - sentAt);
      await sleep(200);
    }
    const agentP50 = percentile(oursAgent, 50);
    const agentP95 = percentile(oursAgent, 95);
    const rtt = percentile(rtts, 50);
    rows.push({
      figure: `Agent line: Enter → stored on LivePerson, p50 / p95 (n=${AGENT_LINE_SAMPLES})`,
      target: '≤ one round trip (sent at once, no poll wait; ≤ 100 ms in all here)',
      measured: `${ms(agentP50)} / ${ms(agentP95)}`,
      reference: `${ms(percentile(refAgent, 50))} / ${ms(percentile(refAgent, 95))}`,
      ratio: ratio(agentP50, percentile(refAgent, 50)),
      pass: agentP95 <= 100,
    });
    notes.push(`One HTTP round trip to the emulator (the sample-app client's POST, Node) took ${ms(rtt)} at p50. Agent Dock's figure adds the panel → background message and the outbox's storage write before the POST.`);

    // ---- panel start-up: placeholder and interactive panel, beside the floor -------------------
    // With the latency chat open: an interactive panel shows it with its composer.
    await measureStartup(ext, crm.url, `signed in, Online, one chat open with ${LATENCY_SAMPLES + AGENT_LINE_SAMPLES} lines, one other CRM tab and the popup open`, report);

    await ourVisitor.end();
    await refVisitor.end();

    // ---- content script on the page: long tasks with a long transcript -------------------------
    say(`A ${TRANSCRIPT_LINES}-line transcript`);
    await waitUntil('the latency chat to end', async () => (await getView(popup)).chats.every((c) => c.state === 'ended'));
    for (const chat of (await getView(popup)).chats) await command(popup, 'closeChat', { chatId: chat.id });
    const longVisitor = await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Long', skill: 'Sales' });
    await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
    await command(popup, 'acceptChat');
    const tasksBefore = (await longTasks(crmTab)).length;
    for (let i = 0; i < TRANSCRIPT_LINES; i++) await longVisitor.sendLine(`line ${i}: ${'words of a long chat '.repeat(3)}`);
    // The panel renders the latest lines (earlier ones on demand): done when the last one shows.
    const lastLine = `line ${TRANSCRIPT_LINES - 1}:`;
    const showsLast = (page: Page) =>
      page.evaluate(
        (host, prefix) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="line-text"]') ?? [])].some((el) => el.textContent?.startsWith(prefix)),
        PANEL_HOST,
        lastLine,
      );
    await waitUntil('the long transcript in the panel', () => showsLast(crmTab), 90_000);
    const arrivalTasks = (await longTasks(crmTab)).slice(tasksBefore);
    // A fresh tab opening on the long transcript.
    const fresh = await openCrmTab(ext, crm.url);
    await waitUntil('the long transcript in a fresh tab', () => showsLast(fresh), 30_000);
    // The page's own load comes before the panel's script: on this machine a bare page load shows a
    // 50–70 ms task in about half the loads, with or without the extension. Counted: tasks that end
    // after the script began.
    const freshScriptStart = await scriptStart(fresh);
    const openTasks = (await longTasks(fresh)).filter((t) => t.start + t.duration > freshScriptStart);
    // Lines arriving one at a time into the open long transcript.
    const incrementalBefore = (await longTasks(fresh)).length;
    for (let i = 0; i < (QUICK ? 3 : 8); i++) {
      await longVisitor.sendLine(`bench: more ${i}`);
      await sleep(INTERVAL_MS);
    }
    await sleep(INTERVAL_MS);
    const incrementalTasks = (await longTasks(fresh)).slice(incrementalBefore);
    notes.push(`Long tasks on a tab that opens are those that end after the panel script's first statement (the task running it included): the page's own load comes before it, and on this machine a bare page load shows a 50–70 ms task in about half the loads, with or without the extension.`);
    const longest = (tasks: Array<{ duration: number }>) => (tasks.length ? `${tasks.length} (longest ${ms(Math.max(...tasks.map((t) => t.duration)))})` : '0');
    rows.push({ figure: `Long tasks (> 50 ms): ${TRANSCRIPT_LINES} lines arriving in an open panel`, target: '0', measured: longest(arrivalTasks), reference: '—', ratio: '—', pass: arrivalTasks.length === 0 });
    rows.push({ figure: `Long tasks: a tab opening on the ${TRANSCRIPT_LINES}-line transcript`, target: '0', measured: longest(openTasks), reference: '—', ratio: '—', pass: openTasks.length === 0 });
    rows.push({ figure: `Long tasks: new lines into the ${TRANSCRIPT_LINES}-line transcript`, target: '0', measured: longest(incrementalTasks), reference: '—', ratio: '—', pass: incrementalTasks.length === 0 });
    await fresh.close();
    await longVisitor.end();
    await waitUntil('the long chat to end', async () => (await getView(popup)).chats.every((c) => c.state === 'ended'), 30_000);
    for (const chat of (await getView(popup)).chats) await command(popup, 'closeChat', { chatId: chat.id });

    // ---- memory over a shift: many chats opened and closed -----------------------------------
    say(`Memory: ${SHIFT_CHATS} chats opened and closed, polling at ${FAST_INTERVAL_MS} ms`);
    await (await ext.worker()).evaluate(`chrome.storage.local.set({ pollIntervalMs: ${FAST_INTERVAL_MS} })`);
    const heap = async () => {
      const cdp = (await ext.worker()).client;
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const shift = async (chats: number) => {
      const batch = 10;
      for (let done = 0; done < chats; done += batch) {
        const group = await Promise.all(Array.from({ length: Math.min(batch, chats - done) }, (_, i) => Visitor.start({ baseUrl: emulator.baseUrl, name: `Shift ${done + i}`, skill: 'Sales' })));
        for (let i = 0; i < group.length; i++) {
          await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
          await command(popup, 'acceptChat');
        }
        await waitUntil('the group to be chatting', async () => (await getView(popup)).chats.filter((c) => c.state === 'chatting').length === group.length);
        await Promise.all(group.map(async (v, i) => {
          await v.sendLine(`hello ${i}`);
          await v.end();
        }));
        await waitUntil('the group to end', async () => (await getView(popup)).chats.every((c) => c.state === 'ended'), 30_000);
        for (const chat of (await getView(popup)).chats) await command(popup, 'closeChat', { chatId: chat.id });
      }
    };
    await shift(SHIFT_WARM_UP_CHATS); // warm-up: code paths compiled, caches filled
    const heapBefore = await heap();
    await shift(SHIFT_CHATS);
    await sleep(1000);
    const heapAfter = await heap();
    const perChat = (heapAfter - heapBefore) / SHIFT_CHATS;
    rows.push({
      figure: `Background JS heap over ${SHIFT_CHATS} chats opened and closed (after ${SHIFT_WARM_UP_CHATS} to warm up)`,
      target: 'flat (≤ 1 KB per chat)',
      measured: `${num(heapBefore / 1048576, 2)} → ${num(heapAfter / 1048576, 2)} MB (${num(perChat / 1024, 2)} KB/chat)`,
      reference: '—',
      ratio: '—',
      pass: perChat <= 1024,
    });
    await (await ext.worker()).evaluate(`chrome.storage.local.set({ pollIntervalMs: ${INTERVAL_MS} })`);

    // ---- service-worker restart ---------------------------------------------------------------
    say(`Service-worker restarts (${RESTARTS})`);
    const resumes: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await sleep(INTERVAL_MS * 1.5);
      const w = await ext.worker();
      const mark = emulator.requests.mark();
      await w.close();
      const stoppedAt = Date.now();
      await waitUntil('polling to resume', () => sessionRequests(emulator, mark, ourSessionId()).some((r) => r.path.endsWith('/incomingRequests') && r.at > stoppedAt), 60_000);
      const first = sessionRequests(emulator, mark, ourSessionId()).find((r) => r.path.endsWith('/incomingRequests') && r.at > stoppedAt)!;
      resumes.push(first.at - stoppedAt);
    }
    const worstResume = Math.max(...resumes);
    rows.push({ figure: 'Polling resumes after a service-worker stop (worst)', target: `≤ ${ms(INTERVAL_MS)}`, measured: ms(worstResume), reference: '—', ratio: '—', pass: worstResume <= INTERVAL_MS });
    notes.push(`Worker stops: puppeteer's worker.close() (CDP Target.closeTarget) with one CRM tab open; the tab's view port reconnects and wakes the worker. With no tab or popup open, the 30 s watchdog alarm is what wakes it.`);
    notes.push(`The sample-app strategy (test/bench/reference-client.ts) is incoming requests every ${SAMPLE_APP_INTERVAL_MS} ms plus one GET of each chat's events \`next\` link every ${SAMPLE_APP_INTERVAL_MS} ms, on our own API client, signed in as agent2 against the same emulator in the same run; its latency is when it received the line (it renders nothing).`);
    const everything = countKinds([...sessionRequests(emulator, 0, ourSessionId()), ...emulator.requests.list({ side: 'login' }).filter((r) => !r.path.endsWith('/login'))]);
    notes.push(`Every request Agent Dock made in this run, by kind (its session; login refreshes included; the popup, from which the bench sends its commands, stayed open all along and reads capacity — availableSlots twice, availableAgents once — whenever the number of open chats or the availability changes): ${Object.entries(everything).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ×${n}`).join(', ')}.`);
  } finally {
    reference.stop();
    await ext.close();
    await crm.close();
    await emulator.close();
  }

  // LivePerson Messaging (a push protocol: no poll interval between a consumer's line and the panel).
  say('LivePerson Messaging: consumer message → panel, and the worker\'s idle traffic');
  const messaging = await messagingBench({ quick: QUICK });
  rows.push({
    figure: `Messaging: consumer message → panel, p50 / p95 (n=${messaging.samples})`,
    target: 'p95 ≤ 300 ms',
    measured: `${messaging.p50Ms} ms / ${messaging.p95Ms} ms`,
    reference: '—',
    ratio: '—',
    pass: messaging.p95Ms <= 300,
  });
  rows.push({
    figure: `Messaging: worker traffic per idle hour (over ${Math.round(messaging.idleWindowMs / 1000)} s)`,
    target: '—',
    measured: `${messaging.framesPerIdleHour} WebSocket frames (${Math.round(messaging.bytesPerIdleHour / 1024)} KiB), ${messaging.httpRequestsPerIdleHour} HTTP requests`,
    reference: '—',
    ratio: '—',
    pass: undefined,
  });

  finish(report, loadAtStart);
}

/** Prints and writes the results; the exit code says whether every target was met. */
function finish(report: ReturnType<typeof newReport>, loadAtStart: number): void {
  const { rows, notes } = report;
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const markdown = [
    `# Benchmark results`,
    '',
    `\`${command}\` on ${when} (${((Date.now() - started) / 60000).toFixed(1)} min): poll interval ${INTERVAL_MS} ms, the emulator on loopback, headless Chromium, built extension. Ratio = sample app ÷ Agent Dock (above 1: Agent Dock is cheaper or faster).`,
    '',
    `Machine: ${availableParallelism()} CPUs, load average ${num(loadAtStart, 1)} at the start and ${num(loadavg()[0]!, 1)} at the end. Wall-clock figures (latency, start-up times, long tasks) grow with the load; request counts, sizes and start-up multiples of the floor much less.`,
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, markdown);
  const written = [RESULTS];
  if (args.publish) {
    // Explicit: the committed results and the README's Performance table show this run.
    writeFileSync(PUBLISHED, markdown);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    writeFileSync(`${ROOT}README.md`, readme.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, `<!-- bench:start -->\n${markdownTable(rows)}\n<!-- bench:end -->`));
    written.push(PUBLISHED, `${ROOT}README.md`);
  }
  console.log(`\n${textTable(rows)}\n`);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\nWritten to ${written.join(', ')}`);
  const { exitCode, message } = verdict(rows);
  if (SELF_TEST) {
    // The slowed panel must miss the start-up targets, and the bench must say so.
    const caught = exitCode !== 0 && rows.some((r) => r.pass === false && r.figure.startsWith('Panel start-up'));
    console.log(caught ? `\nSelf-test passed: a panel slowed by ${SLOW_PANEL_MS} ms made the bench fail.\n${message}` : `\nSelf-test FAILED: a panel slowed by ${SLOW_PANEL_MS} ms went unnoticed.\n${message}`);
    process.exitCode = caught ? 0 : 1;
    return;
  }
  console.log(`\n${message}`);
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
