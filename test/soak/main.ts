/** `npm run soak`: five minutes, 200 lines from each party, 10 % faults, worker restarts every 20–30 s. */
import { runSoak } from './soak';

const minutes = Number(process.env.SOAK_MINUTES ?? 5);
const lines = Number(process.env.SOAK_LINES ?? 200);
const started = Date.now();
console.log(`Soak: ${minutes} min, ${lines} lines from each party, 10 % faults on the agent side, worker restarts every ~25 s`);
const report = await runSoak({
  sendForMs: minutes * 60_000,
  linesPerParty: lines,
  faultRate: 0.1,
  restartEveryMs: 25_000,
  log: (line) => console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`),
});
console.log(`Faults injected: ${JSON.stringify(report.faults)}; agent-side requests: ${report.agentRequests}; restarts: ${report.restarts}`);
for (const t of report.transcripts) console.log(`  ${t.visitor}: ${t.agentSide.length} lines on the agent side, ${t.visitorSide.length} on the visitor side`);
if (report.problems.length) {
  console.error(`FAILED:\n  ${report.problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Every line exactly once, in order, on both sides.');
