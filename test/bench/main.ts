/**
 * `npm run bench`: Agent Dock against the physical limit, in real Chromium on the emulator, side by
 * side with the Agent Sample App's polling strategy (test/bench/reference-client.ts) in the same
 * run. Every request is counted from the emulator's request log, never estimated.
 *
 * `--quick` runs a smoke version (fewer samples, fewer chats, fewer tabs) in about two minutes.
 * Writes test/bench/results.md (or BENCH_RESULTS; a quick run, a temporary file) and prints the table; a full run to the default
 * file also puts the table in README.md (between the bench:start/bench:end markers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'puppeteer';
import { startEmulator, type Emulator } from '../emulator/server';
import type { RecordedRequest } from '../emulator/request-log';
import { Visitor } from '../emulator/visitor';
import { startCrmServer } from '../sandbox/crm-server';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../e2e/support/browser';
import { openPopup, panelRegistered, signInAndGoOnline } from '../e2e/support/flows';
import { inPanel, PANEL_HOST, settingsReadEarly, testId } from '../e2e/support/panel';
import { MOUNT_MEASURE, SCRIPT_START_MARK, TAKEOVER_MEASURE } from '../../src/ui/dock/marks';
import { bareExtension } from './bare-panel';
import { outageToFirstLine } from './outage';
import { ReferenceClient, SAMPLE_APP_INTERVAL_MS } from './reference-client';
import { countKinds, loopRatePerInterval, markdownTable, ms, num, percentile, ratio, requestsPerCycle, textTable, type Row } from './stats';

const QUICK = process.argv.includes('--quick');
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
const TRANSCRIPT_LINES = QUICK ? 500 : 2000;
const RESTARTS = QUICK ? 2 : 3;
const BARE_TABS = QUICK ? 4 : 14;
const OUT_DIR = process.env.AGENT_DOCK_OUT_DIR ?? '.output';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A quick smoke never overwrites the committed results.
const RESULTS = process.env.BENCH_RESULTS ?? (QUICK ? `${tmpdir()}/agent-dock-bench-quick.md` : `${ROOT}test/bench/results.md`);

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

/** Requests of the agent session plus the login refreshes in the window (those carry no session id). */
function clientRequests(emulator: Emulator, since: number, sessionId: string, loginRefreshes = false): RecordedRequest[] {
  const own = sessionRequests(emulator, since, sessionId);
  return loginRefreshes ? [...own, ...emulator.requests.list({ since, side: 'login' })] : own;
}

async function tabWorkMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  return script * 1000;
}

/** Long tasks (> 50 ms) on the page, recorded from its start by a PerformanceObserver. */
async function longTasks(page: Page): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(() => (globalThis as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? []);
}

interface CrmTab {
  page: Page;
  /** The browser starting the panel's script (compiling it) → the panel rendered in the page. */
  mountMs: number;
  /** Of that, compiling: the browser starting the script → its first statement. */
  compileMs: number;
  /** The browser starting the script → Preact having drawn the panel (the bare stand-in has none). */
  takeoverMs?: number;
  /** The browser painted the page between the first paint and Preact's work (a frame was shown). */
  paintedBeforeTakeover?: boolean;
  /** The panel took its site rules from the read started at document_start. */
  settingsReadEarly: boolean;
}

/**
 * Opens a CRM tab and times its panel from a trace of the load: the in-page mark of the script's
 * first statement comes after V8 compiled the script, which is part of the script's cost to the
 * page; the trace's EvaluateScript event is where the browser starts on it.
 */
async function openCrmTab(ext: ExtensionBrowser, url: string, { preact = true } = {}): Promise<CrmTab> {
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
  await page.tracing.start({ categories: ['devtools.timeline', 'blink.user_timing'] });
  await page.goto(url);
  await page.locator(inPanel(testId('panel'))).wait();
  // The measure is taken in the same task that renders the panel: it is there once the panel is.
  const measured = preact ? TAKEOVER_MEASURE : MOUNT_MEASURE;
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, {}, measured);
  const trace = JSON.parse(Buffer.from((await page.tracing.stop())!).toString()) as { traceEvents: TraceEvent[] };
  return { page, ...panelTiming(trace.traceEvents, preact), settingsReadEarly: (await settingsReadEarly(page)) === true };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** The thread: the page's main thread runs the script and paints. */
  tid: number;
  args?: { data?: { url?: string } };
}

function panelTiming(events: TraceEvent[], preact: boolean): Pick<CrmTab, 'mountMs' | 'compileMs' | 'takeoverMs' | 'paintedBeforeTakeover'> {
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith('/content-scripts/panel.js'));
  const firstStatement = events.find((e) => e.name === SCRIPT_START_MARK);
  // performance.measure() shows as an async begin/end pair; its end is when the panel showed.
  const mounted = events.find((e) => e.name === MOUNT_MEASURE && e.ph === 'e');
  if (!evaluate || !firstStatement || !mounted) throw new Error('The trace of a CRM tab has no panel script start or mount');
  const timing = { mountMs: (mounted.ts - evaluate.ts) / 1000, compileMs: (firstStatement.ts - evaluate.ts) / 1000 };
  if (!preact) return timing;
  // Preact's render and this measure share one task: a Paint between the mount and it came first.
  const takenOver = events.find((e) => e.name === TAKEOVER_MEASURE && e.ph === 'e');
  if (!takenOver) throw new Error('The trace of a CRM tab has no Preact takeover of the panel');
  const paintedBeforeTakeover = events.some((e) => e.name === 'Paint' && e.tid === evaluate.tid && e.ts > mounted.ts && e.ts < takenOver.ts);
  return { ...timing, takeoverMs: (takenOver.ts - evaluate.ts) / 1000, paintedBeforeTakeover };
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

async function main(): Promise<void> {
  console.log(`Agent Dock benchmark${QUICK ? ' (--quick)' : ''}: interval ${INTERVAL_MS} ms, emulator on loopback, headless Chromium`);
  const loadAtStart = loadavg()[0]!;
  const rows: Row[] = [];
  const notes: string[] = [];

  // ---- content-script size (production build) ---------------------------------------------
  // Both scripts every CRM page with the panel loads: the panel, and the early read of its settings.
  const panelScript = readFileSync(`${ROOT}${OUT_DIR}/chrome-mv3/content-scripts/panel.js`);
  const earlyRead = readFileSync(`${ROOT}${OUT_DIR}/chrome-mv3/panel-settings.js`);
  const gzipped = gzipSync(panelScript).length + gzipSync(earlyRead).length;
  const raw = panelScript.length + earlyRead.length;
  rows.push({
    figure: 'Content script size (production, gzipped)',
    target: '≤ 24 KB',
    measured: `${num(gzipped / 1024, 1)} KB (${num(raw / 1024, 1)} KB raw)`,
    reference: '—',
    ratio: '—',
    pass: gzipped <= 24 * 1024,
  });
  const outage = await outageToFirstLine(INTERVAL_MS);
  rows.push(outage.row);
  notes.push(outage.note);
  const onDemand = (name: string) => {
    const script = readFileSync(`${ROOT}${OUT_DIR}/chrome-mv3/content-scripts/${name}.js`);
    return `${num(gzipSync(script).length / 1024, 1)} KB`;
  };
  notes.push(
    `Content script size is what every CRM page with the panel loads: panel.js ${num(gzipSync(panelScript).length / 1024, 1)} KB and the early read of its settings (panel-settings.js) ${num(gzipSync(earlyRead).length / 1024, 1)} KB, gzipped. Parts loaded on demand into the panel's world, on the panel's own Preact (src/ui/on-demand.ts): the chat tools (forms, visitor details, copy and fill, the transcript to copy, structured content) ${onDemand('panel-tools')} gzipped with the first chat shown, DOMPurify ${onDemand('sanitizer')} with the first HTML line.`,
  );

  const emulator = await startEmulator({ port: 0, maxChats: 10 });
  const crm = await startCrmServer();
  const ext = await launchWithExtension();
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
    const firstTab = await openCrmTab(ext, crm.url);
    const crmTab = firstTab.page;
    say(`Agent Dock (agent1) accepts ${MAX_K} Sales chats`);
    for (let i = 0; i < MAX_K; i++) visitors.ours.push(await Visitor.start({ baseUrl: emulator.baseUrl, name: `Ours ${i}`, skill: 'Sales' }));
    for (let i = 0; i < MAX_K; i++) {
      await waitUntil('a ring', async () => (await getView(popup)).ringing.count > 0);
      await command(popup, 'acceptChat');
    }
    await waitUntil('our chats to be open', async () => (await getView(popup)).chats.filter((c) => c.state === 'chatting').length === MAX_K);

    // ---- requests per poll cycle: t tabs at k = MAX_K, then k = MAX_K … 0 with MAX_TABS tabs ---
    const tabs: Page[] = [crmTab];
    const panelTimings = [firstTab];
    const perCycle: Array<{ k: number; t: number; ours: number; ref: number; extra: Record<string, number> }> = [];
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
      perCycle.push({ k, t, ours: o.perCycle, ref: r.perCycle, extra });
      say(`k=${k} t=${t}: ours ${num(o.perCycle)} requests/cycle (${o.cycles} cycles), sample app ${num(r.perCycle)} per interval`);
    };
    for (const t of [...new Set([1, Math.min(5, MAX_TABS), MAX_TABS])]) {
      while (tabs.length < t) {
        const tab = await openCrmTab(ext, crm.url);
        tabs.push(tab.page);
        panelTimings.push(tab);
      }
      await measureWindow(MAX_K, t);
    }
    for (let k = MAX_K - 1; k >= 0; k--) {
      await visitors.ours[k]!.end();
      await visitors.ref[k]!.end();
      await waitUntil('both sides to see the chat end', async () => reference.openChats() === k && (await getView(popup)).chats.filter((c) => c.state === 'chatting').length === k);
      await measureWindow(k, tabs.length);
    }
    const worstOurs = Math.max(...perCycle.filter((p) => p.k > 0).map((p) => p.ours));
    const at = (k: number) => perCycle.filter((p) => p.k === k);
    rows.push({
      figure: `Requests per poll cycle, k = 1…${MAX_K} chats, t = 1…${MAX_TABS} tabs (worst window)`,
      target: 'exactly 2',
      measured: num(worstOurs),
      reference: `${num(mean(at(MAX_K).map((p) => p.ref)))} at k=${MAX_K}`,
      ratio: ratio(worstOurs, mean(at(MAX_K).map((p) => p.ref))),
      pass: perCycle.filter((p) => p.k > 0).every((p) => Math.abs(p.ours - 2) < 0.01),
    });
    for (const k of [1, Math.ceil(MAX_K / 2), MAX_K]) {
      const window = at(k)[0];
      if (!window) continue;
      rows.push({ figure: `  … at k = ${k}, t = ${window.t}`, target: 'exactly 2', measured: num(window.ours), reference: num(window.ref), ratio: ratio(window.ours, window.ref), pass: Math.abs(window.ours - 2) < 0.01 });
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
    const idleOurs = clientRequests(emulator, idleMark, ourSessionId(), true).length / (idleMs / INTERVAL_MS);
    const idleRef = clientRequests(emulator, idleMark, reference.sessionId).length / (idleMs / INTERVAL_MS);
    const perTabScript = after.map((a, i) => a - before[i]!);
    const maxTab = Math.max(...perTabScript);
    rows.push({ figure: 'Idle Online agent: requests per interval', target: '≤ 1', measured: num(idleOurs), reference: num(idleRef), ratio: ratio(idleOurs, idleRef), pass: idleOurs <= 1.01 });
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
    await ourVisitor.end();
    await refVisitor.end();

    // ---- content script on the page: mount time, long tasks, a long transcript ---------------
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
    const freshTab = await openCrmTab(ext, crm.url);
    const fresh = freshTab.page;
    panelTimings.push(freshTab);
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
    const mounts = panelTimings.map((t) => t.mountMs);
    const mountP50 = percentile(mounts, 50);
    rows.push({
      figure: `Panel mounted after the content script starts, p50 / worst (n=${mounts.length} tabs)`,
      target: '≤ 10 ms',
      measured: `${ms(mountP50)} / ${ms(Math.max(...mounts))}`,
      reference: '—',
      ratio: '—',
      pass: mountP50 <= 10,
    });
    // The same measure for the floor: a stand-in that does only what any panel must (./bare-panel.ts).
    say(`The floor: a bare stand-in panel script in ${BARE_TABS} tabs`);
    const bare = await launchWithExtension(bareExtension(EXTENSION_DIR));
    const bareMounts: number[] = [];
    try {
      await panelRegistered(bare);
      for (let i = 0; i < BARE_TABS; i++) bareMounts.push((await openCrmTab(bare, crm.url, { preact: false })).mountMs);
    } finally {
      await bare.close();
    }
    rows.push({
      figure: `  … the floor: a bare stand-in script, p50 / worst (n=${bareMounts.length} tabs)`,
      target: '—',
      measured: `${ms(percentile(bareMounts, 50))} / ${ms(Math.max(...bareMounts))}`,
      reference: '—',
      ratio: '—',
      pass: undefined,
    });
    const takeovers = panelTimings.map((t) => t.takeoverMs!);
    const painted = panelTimings.filter((t) => t.paintedBeforeTakeover).length;
    rows.push({
      figure: `  … Preact has drawn it, after the browser painted the first paint (in ${painted} of ${takeovers.length} tabs), p50 / worst`,
      target: '—',
      measured: `${ms(percentile(takeovers, 50))} / ${ms(Math.max(...takeovers))}`,
      reference: '—',
      ratio: '—',
      pass: undefined,
    });
    const compileP50 = percentile(panelTimings.map((t) => t.compileMs), 50);
    const runP50 = percentile(panelTimings.map((t) => t.mountMs - t.compileMs), 50);
    notes.push(
      `Panel mount: from the browser starting the panel's script (the trace's EvaluateScript, so compiling it counts) to the panel in the page, in tabs opened one after another while up to ${MAX_TABS} others stay open; each tab's load is traced (devtools.timeline), which adds a little. Of the p50, compiling (start → the script's first statement) took ${ms(compileP50)} and running to the first paint ${ms(runP50)} (p50s of each part). The first paint is the panel's frame as Preact draws it while connecting, drawn without Preact (src/ui/dock/first-paint.ts); Preact takes those elements over in a task after the browser has painted them, which the next row times (a Paint event between the two in the trace). The first paint needs the site rules, read from storage while the page loads (panel-settings.js, at document_start) and taken over by the panel: done by then in ${panelTimings.filter((t) => t.settingsReadEarly).length} of ${panelTimings.length} tabs. The floor is the same measure for a hand-written stand-in (test/bench/bare-panel.ts), in tabs opened one after another in a browser of its own: it takes over the same early read of the site rules, attaches a shadow root with the panel's stylesheet and draws the frame's few elements, with nothing else. Long tasks on a tab that opens are those that end after the script's first statement (the task running it included): the page's own load comes before it.`,
    );
    const worst = (tasks: Array<{ duration: number }>) => (tasks.length ? `${tasks.length} (longest ${ms(Math.max(...tasks.map((t) => t.duration)))})` : '0');
    rows.push({ figure: `Long tasks (> 50 ms): ${TRANSCRIPT_LINES} lines arriving in an open panel`, target: '0', measured: worst(arrivalTasks), reference: '—', ratio: '—', pass: arrivalTasks.length === 0 });
    rows.push({ figure: `Long tasks: a tab opening on the ${TRANSCRIPT_LINES}-line transcript`, target: '0', measured: worst(openTasks), reference: '—', ratio: '—', pass: openTasks.length === 0 });
    rows.push({ figure: `Long tasks: new lines into the ${TRANSCRIPT_LINES}-line transcript`, target: '0', measured: worst(incrementalTasks), reference: '—', ratio: '—', pass: incrementalTasks.length === 0 });
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
    await shift(10); // warm-up: code paths compiled, caches filled
    const heapBefore = await heap();
    await shift(SHIFT_CHATS);
    await sleep(1000);
    const heapAfter = await heap();
    const perChat = (heapAfter - heapBefore) / SHIFT_CHATS;
    rows.push({
      figure: `Background JS heap over ${SHIFT_CHATS} chats opened and closed`,
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

  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const markdown = [
    `# Benchmark results`,
    '',
    `\`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${when} (${((Date.now() - started) / 60000).toFixed(1)} min): poll interval ${INTERVAL_MS} ms, the emulator on loopback, headless Chromium, built extension. Ratio = sample app ÷ Agent Dock (above 1: Agent Dock is cheaper or faster).`,
    '',
    `Machine: ${availableParallelism()} CPUs, load average ${num(loadAtStart, 1)} at the start and ${num(loadavg()[0]!, 1)} at the end. Wall-clock figures (latency, mount time, long tasks) grow with the load; request counts and sizes do not.`,
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  writeFileSync(RESULTS, markdown);
  if (!QUICK && !process.env.BENCH_RESULTS) {
    // The README's Performance section shows the latest full run.
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const updated = readme.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, `<!-- bench:start -->\n${markdownTable(rows)}\n<!-- bench:end -->`);
    writeFileSync(`${ROOT}README.md`, updated);
  }
  console.log(`\n${textTable(rows)}\n`);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\nWritten to ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
