/**
 * The 60-second soak (the 5-minute one is `npm run soak`): 10 % injected faults of every kind on the
 * agent side, worker restarts, two chats, three parties sending. Every line exactly once, in order,
 * on both sides. It usually takes about a minute; the timeout allows for the poll loop's slow retry,
 * which the faults can cause (test/soak/soak.ts).
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../soak/soak';

describe('soak under faults', () => {
  it('delivers every line exactly once and in order on both sides, through faults and worker restarts', { timeout: 360_000 }, async () => {
    const report = await runSoak({ sendForMs: 45_000, linesPerParty: 25, faultRate: 0.1, restartEveryMs: 15_000 });
    expect(report.problems).toEqual([]);
    // The faults really happened, of several kinds.
    expect(Object.keys(report.faults).length).toBeGreaterThanOrEqual(5);
    expect(report.restarts).toBeGreaterThanOrEqual(2);
    for (const transcript of report.transcripts) expect(transcript.agentSide).toHaveLength(50);
  });
});
