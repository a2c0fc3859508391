/** `npm run emulator -- --port 8090`: the LivePerson emulator on its own. */
import { parseArgs } from 'node:util';
import { parseFaultPlan } from './faults';
import { ForeignHostsSchema } from './foreign-hosts';
import { startEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    'bearer-ttl-ms': { type: 'string' },
    'ring-away-ms': { type: 'string' },
    faults: { type: 'string' },
    log: { type: 'boolean', default: false },
    // Stricter than LivePerson: refuse unsigned requests without their agent-session cookie.
    strict: { type: 'boolean', default: false },
    // Lists of one as arrays (LivePerson sends a bare object).
    arrays: { type: 'boolean', default: false },
    // Security tests only: answers naming another host, or redirecting to one (./foreign-hosts.ts).
    'foreign-hosts': { type: 'string' },
  },
});

const emulator = await startEmulator({
  host: values.host,
  port: Number(values.port),
  bearerTtlMs: values['bearer-ttl-ms'] ? Number(values['bearer-ttl-ms']) : undefined,
  ringAwayAfterMs: values['ring-away-ms'] ? Number(values['ring-away-ms']) : undefined,
  faults: values.faults ? parseFaultPlan(values.faults) : undefined,
  log: values.log,
  strict: values.strict,
  arrays: values.arrays,
  foreignHosts: values['foreign-hosts'] ? ForeignHostsSchema.parse(JSON.parse(values['foreign-hosts'])) : undefined,
});

console.log(`LivePerson emulator listening on ${emulator.baseUrl}

  LivePerson domain (CSDS URL) for the extension:  ${emulator.baseUrl}
  Account:   ${process.env.EMULATOR_ACCOUNT ?? '12345678'}
  Agent:     ${process.env.EMULATOR_AGENT ?? 'agent1'} / ${process.env.EMULATOR_PASSWORD ?? 'agent1-pass'}   (colleague: agent2 / agent2-pass)
  Bot:       bot1 with API keys bot-app-key, bot-secret, bot-token, bot-token-secret
  Visitor app key: ${process.env.EMULATOR_APP_KEY ?? 'demo-app-key'}
  Chat as a visitor: ${emulator.baseUrl}/visitor
  Mode: ${values.strict ? 'strict (agent-session cookie required)' : 'tolerant, as LivePerson'}; lists of one ${values.arrays ? 'as arrays' : 'as bare objects, as LivePerson'}  (docs/fidelity.md)
`);

const stop = () => void emulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
