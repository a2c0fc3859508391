/** The benchmark's pure parts: percentiles, per-cycle counts and the results table. Nothing here times anything. */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface RequestRecord {
  method: string;
  path: string;
}

/** Requests grouped by what they are, with the session id taken out, e.g. `GET incomingRequests`. */
export function requestKind(r: RequestRecord): string {
  const rest = r.path.replace(/^\/api\/account\/[^/]+\/agentSession\/[^/]+/, '').replace(/\.json$/, '');
  const shape = rest
    .replace(/^\/chat\/[^/]+\/events\/\d+$/, '/chat/{id}/events/{n}')
    .replace(/^\/chat\/(?!availableSlots$)[^/]+/, '/chat/{id}')
    .replace(/^\/visits\/visit\/[^/]+$/, '/visits/visit/{id}')
    .replace(/^$/, '/');
  return `${r.method} ${shape}`;
}

/** Counts of each kind of request. */
export function countKinds(requests: readonly RequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[requestKind(r)] = (counts[requestKind(r)] ?? 0) + 1;
  return counts;
}

/**
 * Requests per poll cycle: a cycle starts with one `GET incomingRequests` (every client starts each
 * cycle with it). Only complete cycles count, from the first of those in the window to the last
 * (excluded), so a window's edges cannot cut a cycle in two. `requests` in the order served.
 */
export function requestsPerCycle<T extends RequestRecord>(requests: readonly T[]): { cycles: number; perCycle: number; inCycles: T[] } {
  const starts = requests.flatMap((r, i) => (requestKind(r) === 'GET /incomingRequests' ? [i] : []));
  if (starts.length < 2) return { cycles: 0, perCycle: Number.NaN, inCycles: [] };
  const inCycles = requests.slice(starts[0], starts[starts.length - 1]);
  const cycles = starts.length - 1;
  return { cycles, perCycle: inCycles.length / cycles, inCycles };
}

/**
 * The per-cycle target: two poll calls a cycle (incoming requests, and one multi-chat call when
 * chats are open), plus at most the one login refresh a measuring window can hold (every 4 min).
 */
export function cycleMet(window: { polls: number; refreshes: number }): boolean {
  return Math.abs(window.polls - 2) < 0.01 && window.refreshes <= 1;
}

export interface Row {
  figure: string;
  target: string;
  /** Agent Dock's figure. */
  measured: string;
  /** The Agent Sample App strategy's figure in the same run, or '—' where it has none. */
  reference: string;
  /** reference ÷ ours (how many times cheaper or faster we are), or '—'. */
  ratio: string;
  /** Whether Agent Dock meets the target. */
  pass: boolean | undefined;
}

/** Where the figures of a run go: each figure module adds its rows and notes (test/bench/main.ts). */
export interface Report {
  row(row: Row): void;
  note(text: string): void;
}

export function newReport(): Report & { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  return { rows, notes, row: (r) => void rows.push(r), note: (n) => void notes.push(n) };
}

/** The rows whose target was missed. A row without a target (`pass` undefined) is information. */
export function missedTargets(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.pass === false);
}

/** The verdict line of a run and its exit code: non-zero when any target is missed. */
export function verdict(rows: readonly Row[]): { exitCode: number; message: string } {
  const missed = missedTargets(rows);
  const withTarget = rows.filter((r) => r.pass !== undefined).length;
  if (missed.length === 0) return { exitCode: 0, message: `All ${withTarget} targets met.` };
  return {
    exitCode: 1,
    message: [`${missed.length} of ${withTarget} targets missed:`, ...missed.map((r) => `  - ${r.figure.trim()}: ${r.measured} (target ${r.target})`)].join('\n'),
  };
}

/** How many times the floor a time is (NaN when the floor is not a positive number). */
export function floorMultiple(value: number, floor: number): number {
  return Number.isFinite(floor) && floor > 0 ? value / floor : Number.NaN;
}

/** Bytes in kB (1000 bytes), the unit WXT's build output prints. */
export const kB = (bytes: number): string => `${num(bytes / 1000, 1)} kB`;

/** `reference / ours` as `×N.NN`, or '—' when either is missing or ours is zero. */
export function ratio(ours: number, reference: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(reference) || ours <= 0) return '—';
  return `×${(reference / ours).toFixed(2)}`;
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
export const num = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits).replace(/\.?0+$/, '') : 'n/a');

/** The results as a Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const verdict = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'yes' : '**no**');
  const cells = (values: string[]) => `| ${values.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    cells(['figure', 'target', 'Agent Dock', 'met', 'Agent Sample App strategy', 'ratio (sample ÷ ours)']),
    cells(['---', '---', '---', '---', '---', '---']),
    ...rows.map((r) => cells([r.figure, r.target, r.measured, verdict(r.pass), r.reference, r.ratio])),
  ].join('\n');
}

/** The same table for a terminal: aligned columns. */
export function textTable(rows: readonly Row[]): string {
  const header = ['figure', 'target', 'Agent Dock', 'met', 'sample app', 'ratio'];
  const body = rows.map((r) => [r.figure, r.target, r.measured, r.pass === undefined ? '' : r.pass ? 'yes' : 'NO', r.reference, r.ratio]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Requests per interval of a client whose loops are not in step (the sample app runs one timer per
 * chat): each loop's rate is taken from the spacing of its own requests (same method and path),
 * so a window's edges cannot add or drop a whole request of a loop.
 */
export function loopRatePerInterval(requests: ReadonlyArray<RequestRecord & { at: number }>, windowMs: number, intervalMs: number): number {
  const loops = new Map<string, number[]>();
  for (const r of requests) {
    const key = `${r.method} ${r.path}`;
    loops.set(key, [...(loops.get(key) ?? []), r.at]);
  }
  let rate = 0;
  for (const times of loops.values()) {
    const span = times[times.length - 1]! - times[0]!;
    rate += times.length >= 2 && span > 0 ? ((times.length - 1) / span) * intervalMs : (times.length / windowMs) * intervalMs;
  }
  return rate;
}
