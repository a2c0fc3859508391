/** The benchmark's arithmetic and table (the benchmark itself is `npm run bench`; nothing is timed here). */
import { describe, expect, it } from 'vitest';
import { countKinds, cycleMet, floorMultiple, kB, loopRatePerInterval, markdownTable, missedTargets, percentile, ratio, requestKind, requestsPerCycle, verdict, type Row } from './stats';

const S = '/api/account/12345678/agentSession/abc';

describe('bench stats', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('names requests without their session and chat ids, and counts requests per poll cycle', () => {
    const log = [
      { method: 'GET', path: `${S}/incomingRequests.json` },
      { method: 'GET', path: `${S}/chat` },
      { method: 'GET', path: `${S}/incomingRequests` },
      { method: 'GET', path: `${S}/chat` },
      { method: 'POST', path: `${S}/chat/c9/events` },
      { method: 'GET', path: `${S}/chat/c9/events/4` },
    ];
    expect(requestKind(log[4]!)).toBe('POST /chat/{id}/events');
    expect(requestKind(log[5]!)).toBe('GET /chat/{id}/events/{n}');
    expect(requestKind({ method: 'GET', path: `${S}/chat/availableSlots` })).toBe('GET /chat/availableSlots');
    expect(requestKind({ method: 'GET', path: `${S}/visits/visit/H123K9` })).toBe('GET /visits/visit/{id}');
    expect(countKinds(log)).toEqual({ 'GET /incomingRequests': 2, 'GET /chat': 2, 'POST /chat/{id}/events': 1, 'GET /chat/{id}/events/{n}': 1 });
    // The window opened between a cycle's two calls: that stray GET /chat is not counted.
    const window = [log[1]!, log[0]!, log[1]!, log[2]!, log[3]!, log[0]!];
    expect(requestsPerCycle(window)).toMatchObject({ cycles: 2, perCycle: 2 });
    expect(requestsPerCycle(log.slice(0, 2)).perCycle).toBeNaN();
  });

  it('gives ratios as sample app ÷ ours, and a Markdown table with a verdict', () => {
    expect(ratio(2, 11)).toBe('×5.50');
    expect(ratio(0, 3)).toBe('—');
    const table = markdownTable([{ figure: 'a|b', target: '≤ 2', measured: '2', reference: '11', ratio: '×5.50', pass: true }]);
    expect(table.split('\n')).toEqual([
      '| figure | target | Agent Dock | met | Agent Sample App strategy | ratio (sample ÷ ours) |',
      '| --- | --- | --- | --- | --- | --- |',
      '| a\\|b | ≤ 2 | 2 | yes | 11 | ×5.50 |',
    ]);
  });

  it('rates loops that are out of step by the spacing of their own requests', () => {
    // Two loops every 2000 ms; a 6200 ms window catches 4 of one and 3 of the other.
    const a = [0, 2000, 4000, 6000].map((at) => ({ method: 'GET', path: '/a', at }));
    const b = [1500, 3500, 5500].map((at) => ({ method: 'GET', path: '/b', at }));
    expect(loopRatePerInterval([...a, ...b], 6200, 2000)).toBeCloseTo(2, 5);
    expect(loopRatePerInterval([{ method: 'GET', path: '/c', at: 10 }], 4000, 2000)).toBe(0.5);
  });

  it('fails the run when any target is missed, naming each; rows without a target are information', () => {
    const row = (figure: string, pass: boolean | undefined): Row => ({ figure, target: '≤ 2× floor (p50)', measured: '30 ms', reference: '—', ratio: '—', pass });
    const met = [row('Size', true), row('  … the floor', undefined)];
    expect(verdict(met)).toEqual({ exitCode: 0, message: 'All 1 targets met.' });
    const missed = [...met, row('Panel start-up: interactive', false), row('  … at k = 1', false)];
    expect(missedTargets(missed).map((r) => r.figure)).toEqual(['Panel start-up: interactive', '  … at k = 1']);
    const { exitCode, message } = verdict(missed);
    expect(exitCode).toBe(1);
    expect(message.split('\n')).toEqual([
      '2 of 3 targets missed:',
      '  - Panel start-up: interactive: 30 ms (target ≤ 2× floor (p50))',
      '  - … at k = 1: 30 ms (target ≤ 2× floor (p50))',
    ]);
  });

  it('counts a login refresh in the cycle it happened in, and allows the one a window can hold', () => {
    const refresh = { method: 'POST', path: '/api/account/12345678/refresh' };
    const poll = [{ method: 'GET', path: `${S}/incomingRequests` }, { method: 'GET', path: `${S}/chat` }];
    // Served in this order: the refresh between two cycles' calls is inside the counted cycles.
    const log = [...poll, refresh, ...poll, ...poll];
    const { cycles, perCycle, inCycles } = requestsPerCycle(log);
    expect(cycles).toBe(2);
    expect(perCycle).toBe(2.5);
    const refreshes = inCycles.filter((r) => r === refresh).length;
    expect(refreshes).toBe(1);
    expect(cycleMet({ polls: (inCycles.length - refreshes) / cycles, refreshes })).toBe(true);
    expect(cycleMet({ polls: 2, refreshes: 2 })).toBe(false);
    expect(cycleMet({ polls: 2.5, refreshes: 0 })).toBe(false);
  });

  it('gives multiples of the floor and sizes in kB, as the build prints them', () => {
    expect(floorMultiple(30, 10)).toBe(3);
    expect(floorMultiple(30, 0)).toBeNaN();
    expect(kB(20_140)).toBe('20.1 kB');
    expect(kB(20 * 1024)).toBe('20.5 kB');
  });
});
