/**
 * `npm start`: the sandbox. Starts the LivePerson emulator with the demo account, serves the demo
 * CRM record page, builds the extension and plays a scenario of simulated visitors. With a display
 * it opens Chromium with the extension on the demo CRM page, pointed at the sandbox; headless it
 * says exactly what to open. Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import { SANDBOX_ACCOUNT, SANDBOX_CRM_ORIGIN } from '../../src/settings/sandbox';
import { demoScenario, runScenario } from '../emulator/scenario';
import { runMessagingConsumers } from './messaging-consumers';
import { startEmulator } from '../emulator/server';
import { startCrmServer } from './crm-server';
import { hasDisplay, openSandboxBrowser, type SandboxBrowser } from './open-browser';

// The emulator listens where the options page's "Use the sandbox" points.
const EMULATOR_PORT = Number(process.env.EMULATOR_PORT ?? new URL(SANDBOX_ACCOUNT.csdsUrl).port);
// The demo CRM page is where the panel runs out of the box (the default site rule).
const CRM_PORT = Number(process.env.CRM_PORT ?? new URL(SANDBOX_CRM_ORIGIN).port);
const OUT_DIR = process.env.AGENT_DOCK_OUT_DIR ?? '.output';
// The sandbox build (wxt.config.ts): loopback, the demo account and rule.
const EXTENSION_DIR = `${OUT_DIR}/chrome-mv3-sandbox`;
/** `SANDBOX_BROWSER=0` keeps the sandbox from opening a browser even with a display. */
const OPEN_BROWSER = process.env.SANDBOX_BROWSER !== '0' && hasDisplay();

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
    child.on('error', reject);
  });
}

/** A port already taken says which variable picks another, instead of a bare EADDRINUSE. */
async function listen<T>(what: string, variable: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(`Port ${port} (${what}) is already in use on 127.0.0.1. Stop what listens there, or pick another port: ${variable}=<port> npm start`);
  }
}

async function main(): Promise<void> {
  const emulator = await listen('the LivePerson emulator', 'EMULATOR_PORT', EMULATOR_PORT, () => startEmulator({ port: EMULATOR_PORT }));
  const crm = await listen('the demo CRM page', 'CRM_PORT', CRM_PORT, () => startCrmServer({ port: CRM_PORT }));
  let browser: SandboxBrowser | undefined;
  let scenario: { stop(): void } | undefined;
  let stopping = false;
  let stopConsumers: (() => void) | undefined;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the sandbox…');
    scenario?.stop();
    stopConsumers?.();
    await Promise.allSettled([browser?.close(), crm.close(), emulator.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  console.log('\nBuilding the extension…');
  await run('npm', ['run', 'build:sandbox']);
  const account = { ...SANDBOX_ACCOUNT, csdsUrl: emulator.baseUrl };

  if (OPEN_BROWSER) {
    try {
      browser = await openSandboxBrowser({ extensionDir: EXTENSION_DIR, crmUrl: crm.url, account });
      browser.browser.on('disconnected', () => console.log('  Chromium closed; the sandbox keeps running (Ctrl-C stops it).'));
    } catch (error) {
      console.log(`\nCould not open Chromium (${error instanceof Error ? error.message : String(error)}); load the extension by hand:`);
    }
  }

  console.log(`
Agent Dock sandbox is running.

  LivePerson emulator   ${emulator.baseUrl}
  Demo CRM page         ${crm.url}
  Visitor page          ${emulator.baseUrl}/visitor
  Extension build       ${EXTENSION_DIR}
`);
  if (browser) {
    console.log(`Chromium is open with Agent Dock on the demo CRM page, pointed at the sandbox.
  1. In the Agent Dock options tab, "Use the sandbox" is chosen and the demo
     password filled in: press Sign in.
  2. Click the Agent Dock toolbar button (puzzle piece → pin it) and press Online.
  3. Back on the demo CRM page, simulated visitors ring over the next two minutes.`);
  } else {
    console.log(`Try it:
  1. In Chrome/Chromium open chrome://extensions, turn on Developer mode,
     click "Load unpacked" and choose the ${EXTENSION_DIR} folder.
  2. Right-click the Agent Dock toolbar button → Options, choose "Use the sandbox"
     and press Sign in; or sign in from the toolbar button with:
       LivePerson domain (CSDS URL)  ${emulator.baseUrl}
       Account                       ${account.accountId}
       User / password               agent1 / agent1-pass
     Then press Online in the toolbar button's popup.
  3. Open the demo CRM page ${crm.url}`);
  }
  console.log(`  Simulated visitors arrive over the next two minutes and wait for you
  (Dana about a late order, Marco with a sales question, Aisha about a refund).
  To chat as a visitor yourself, open ${emulator.baseUrl}/visitor in another window.
  LivePerson Messaging: choose "Protocol: Messaging" in the options before signing in;
  Lena and Omar then open Messaging conversations (after 20 s and 60 s).
${emulator.baseUrl === SANDBOX_ACCOUNT.csdsUrl ? '' : `\nNote: the emulator is not on ${SANDBOX_ACCOUNT.csdsUrl}, so the options page's "Use the sandbox" does not point at it; type ${emulator.baseUrl} instead.\n`}${new URL(crm.url).origin === SANDBOX_CRM_ORIGIN ? '' : `\nNote: the demo CRM page is not on ${SANDBOX_CRM_ORIGIN}, where the panel runs out of the box; on ${crm.url} click the Agent Dock toolbar button and tick "Show the panel on 127.0.0.1".\n`}
Press Ctrl-C to stop.
`);
  if (!stopping) scenario = runScenario(emulator.baseUrl, demoScenario, (line) => console.log(`  [visitor] ${line}`));
  if (!stopping) stopConsumers = runMessagingConsumers(emulator.baseUrl, (line) => console.log(`  [consumer] ${line}`));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
