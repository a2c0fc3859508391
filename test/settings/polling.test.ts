import { describe, expect, it } from 'vitest';
import { effectivePollInterval, isLoopbackUrl } from '../../src/settings/polling';

describe('poll interval', () => {
  it('never goes below 2000 ms against a real LivePerson host', () => {
    expect(effectivePollInterval(250, 'https://va.agentvep.liveperson.net')).toBe(2000);
    expect(effectivePollInterval(5000, 'https://va.agentvep.liveperson.net')).toBe(5000);
  });

  it('may go faster on loopback (the emulator), with a floor', () => {
    expect(effectivePollInterval(250, 'http://127.0.0.1:8090')).toBe(250);
    expect(effectivePollInterval(1, 'http://localhost:8090')).toBe(100);
  });

  it('falls back to the default for nonsense', () => {
    expect(effectivePollInterval(Number.NaN, 'http://127.0.0.1')).toBe(2000);
  });

  it('recognises loopback hosts only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8090')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:8090')).toBe(true);
    expect(isLoopbackUrl('http://127.evil.example')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });

  it('clamps whatever storage holds to 2–60 s (a huge value would overflow setTimeout)', () => {
    expect(effectivePollInterval(2 ** 40, 'https://va.agentvep.liveperson.net')).toBe(60_000);
    expect(effectivePollInterval(Number.POSITIVE_INFINITY, 'https://va.agentvep.liveperson.net')).toBe(2000);
    expect(effectivePollInterval('9999999999' as unknown as number, 'https://va.agentvep.liveperson.net')).toBe(2000);
    expect(effectivePollInterval(2 ** 40, 'http://127.0.0.1:8090')).toBe(60_000);
  });
});
