import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/agent/retry-policy';

const noJitter = () => 0.5;

describe('retryDelay (LivePerson Retry Policy)', () => {
  it('backs off 5, 10, 15 s on server and network errors, then every 2 minutes', () => {
    const error = { kind: 'http' as const, status: 503, message: 'x' };
    expect([1, 2, 3, 4, 9].map((n) => retryDelay(error, n, noJitter))).toEqual([5_000, 10_000, 15_000, 120_000, 120_000]);
    expect(retryDelay({ kind: 'network', message: 'x' }, 1, noJitter)).toBe(5_000);
  });

  it('waits at least 1 s after a 429, longer when Retry-After says so', () => {
    expect(retryDelay({ kind: 'rate-limited', message: 'x' }, 1)).toBe(1_000);
    expect(retryDelay({ kind: 'rate-limited', message: 'x', retryAfterMs: 7_000 }, 1)).toBe(7_000);
    // A Retry-After LivePerson (or anyone on the way) sends is waited for 10 minutes at most.
    expect(retryDelay({ kind: 'rate-limited', message: 'x', retryAfterMs: 2 ** 40 }, 1)).toBe(600_000);
  });

  it('spreads retries with ±10 % jitter so many clients do not retry in step', () => {
    const error = { kind: 'network' as const, message: 'x' };
    expect(retryDelay(error, 1, () => 0)).toBe(4_500);
    expect(retryDelay(error, 1, () => 1)).toBe(5_500);
  });
});
