/**
 * `npm start`: the sandbox. Starts the LivePerson emulator with the demo account, serves the demo
 * CRM record page, builds the extension, and says exactly what to open. Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import { demoScenario, runScenario } from '../emulator/scenario';
import { startEmulator } from '../emulator/server';
import { startCrmServer } from './crm-server';

const EMULATOR_PORT = Number(process.env.EMULATOR_PORT ?? 8090);
const CRM_PORT = Number(process.env.CRM_PORT ?? 8091);

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
    child.on('error', reject);
  });
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: EMULATOR_PORT });
  const crm = await startCrmServer({ port: CRM_PORT });
  console.log('\nBuilding the extension…');
  await run('npx', ['wxt', 'build']);

  console.log(`
Agent Dock sandbox is running.

  LivePerson emulator   ${emulator.baseUrl}
  Demo CRM page         ${crm.url}
  Visitor page          ${emulator.baseUrl}/visitor
  Extension build       .output/chrome-mv3

Try it:
  1. In Chrome/Chromium open chrome://extensions, turn on Developer mode,
     click "Load unpacked" and choose the .output/chrome-mv3 folder.
  2. Click the Agent Dock toolbar button and sign in:
       LivePerson domain (CSDS URL)  ${emulator.baseUrl}
       Account                       12345678
       User / password               agent1 / agent1-pass
     then press Online.
  3. Open the demo CRM page ${crm.url}
  4. Simulated visitors arrive over the next two minutes and wait for you
     (Dana about a late order, Marco with a sales question, Aisha about a refund).
     To chat as a visitor yourself, open ${emulator.baseUrl}/visitor in another window.

Press Ctrl-C to stop.
`);
  const scenario = runScenario(emulator.baseUrl, demoScenario, (line) => console.log(`  [visitor] ${line}`));

  const stop = async (): Promise<void> => {
    console.log('\nStopping the sandbox…');
    scenario.stop();
    await Promise.allSettled([crm.close(), emulator.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
