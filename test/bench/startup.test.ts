/** The start-up figures' reading of a trace and their verdicts (the bench itself times; nothing is timed here). */
import { describe, expect, it } from 'vitest';
import { MOUNT_MEASURE, SCRIPT_START_MARK, TAKEOVER_MEASURE } from '../../src/ui/dock/marks';
import { INTERACTIVE_MARK, reportNextRecord, reportStartup, tabTiming, type TabTiming } from './startup';
import { newReport, verdict } from './stats';

const MAIN = 7;
const at = (ms: number) => 1_000_000 + ms * 1000;
const script = { name: 'EvaluateScript', ph: 'X', ts: at(0), tid: MAIN, args: { data: { url: 'chrome-extension://abc/content-scripts/panel.js' } } };

describe('panel start-up figures', () => {
  it('times a tab from the browser starting the script to each moment in its trace', () => {
    const events = [
      { name: 'EvaluateScript', ph: 'X', ts: at(-50), tid: MAIN, args: { data: { url: 'http://127.0.0.1/page.js' } } },
      script,
      { name: SCRIPT_START_MARK, ph: 'R', ts: at(3), tid: MAIN },
      { name: MOUNT_MEASURE, ph: 'b', ts: at(3), tid: MAIN },
      { name: MOUNT_MEASURE, ph: 'e', ts: at(9), tid: MAIN },
      { name: 'Paint', ph: 'X', ts: at(15), tid: MAIN },
      { name: TAKEOVER_MEASURE, ph: 'e', ts: at(30), tid: MAIN },
      { name: INTERACTIVE_MARK, ph: 'R', ts: at(36), tid: MAIN },
    ];
    expect(tabTiming(events, true)).toEqual({ placeholderMs: 9, compileMs: 3, takeoverMs: 30, interactiveMs: 36, paintedBeforeTakeover: true });
    expect(tabTiming(events.filter((e) => e.name !== 'Paint'), true).paintedBeforeTakeover).toBe(false);
    // The stand-in has no Preact: only its placeholder.
    expect(tabTiming(events.slice(0, 5), false)).toEqual({ placeholderMs: 9, compileMs: 3 });
    expect(() => tabTiming(events.slice(0, 5), true)).toThrow(/no Preact takeover or interactive panel/);
  });

  it('tells whether Preact drew in the script’s own task or waited for the view', () => {
    const events = (scriptTaskMs: number) => [
      { ...script, dur: scriptTaskMs * 1000 },
      { name: SCRIPT_START_MARK, ph: 'R', ts: at(3), tid: MAIN },
      { name: MOUNT_MEASURE, ph: 'e', ts: at(9), tid: MAIN },
      { name: TAKEOVER_MEASURE, ph: 'e', ts: at(30), tid: MAIN },
      { name: INTERACTIVE_MARK, ph: 'R', ts: at(31), tid: MAIN },
    ];
    expect(tabTiming(events(32), true).takeoverInScriptTask).toBe(true);
    // The script's task ended with the placeholder: Preact drew when the view arrived, later.
    expect(tabTiming(events(10), true).takeoverInScriptTask).toBe(false);
  });

  it('judges each figure by its p50 as a multiple of the floor in the same run', () => {
    const tabs = (placeholderMs: number, interactiveMs: number): TabTiming[] => Array.from({ length: 5 }, () => ({ placeholderMs, compileMs: 1, takeoverMs: interactiveMs, interactiveMs }));
    const floor = tabs(10, 0).map(({ placeholderMs, compileMs }) => ({ placeholderMs, compileMs }));
    const run = (real: TabTiming[]) => {
      const report = newReport();
      reportStartup({ real, floor, situation: 'a test' }, report);
      return report.rows;
    };
    const fast = run(tabs(20, 40));
    expect(fast.map((r) => r.pass)).toEqual([true, true, undefined]);
    expect(fast[1]!.measured).toBe('40 ms / 40 ms = 4× / 4× floor');
    expect(verdict(fast).exitCode).toBe(0);
    // A slowed panel: 200 ms more before anything.
    const slow = run(tabs(220, 240));
    expect(slow.map((r) => r.pass)).toEqual([false, false, undefined]);
    expect(verdict(slow).exitCode).toBe(1);
    expect(verdict(slow).message).toContain('Panel start-up: interactive');
  });

  it('reports the next record in the same tab as information, against the same tab’s floor', () => {
    const report = newReport();
    const real = [12, 14, 16].map((interactiveMs) => ({ placeholderMs: 5, compileMs: 0.2, takeoverMs: interactiveMs - 1, interactiveMs, takeoverInScriptTask: interactiveMs < 16 }));
    reportNextRecord({ real, floor: real.map(() => ({ placeholderMs: 4, compileMs: 0.1 })) }, report);
    expect(report.rows.map((r) => r.pass)).toEqual([undefined, undefined, undefined]);
    expect(report.rows[1]!.measured).toBe('14 ms / 16 ms = 3.5× floor (p50)');
    expect(report.notes.join(' ')).toContain('in 1 of 3 loads');
    expect(verdict(report.rows).exitCode).toBe(0);
  });

  it('reports the Preact stand-in as information beside the floor, never as a verdict', () => {
    const floor = Array.from({ length: 5 }, () => ({ placeholderMs: 10, compileMs: 1 }));
    const real = Array.from({ length: 5 }, () => ({ placeholderMs: 20, compileMs: 1, takeoverMs: 40, interactiveMs: 40 }));
    const report = newReport();
    reportStartup({ real, floor, preact: floor.map(() => ({ placeholderMs: 25, compileMs: 1 })), situation: 'a test' }, report);
    expect(report.rows).toHaveLength(4);
    expect(report.rows[3]!.figure).toContain('a Preact stand-in');
    expect(report.rows[3]!.measured).toBe('25 ms / 25 ms = 2.5× / 2.5× floor');
    expect(report.rows[3]!.pass).toBeUndefined();
    expect(verdict(report.rows).exitCode).toBe(0);
  });
});
