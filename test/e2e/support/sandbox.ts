/**
 * One end-to-end sandbox per suite: the emulator, the demo CRM page server and Chromium with the
 * built extension (polling fast, as loopback allows), torn down after the suite.
 */
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';
import { startCrmServer, type CrmServer } from '../../sandbox/crm-server';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { panelRegistered, pollFast } from './flows';

export interface E2eSandbox {
  emulator: Emulator;
  crm: CrmServer;
  ext: ExtensionBrowser;
}

export function useSandbox(options: EmulatorOptions = {}): E2eSandbox {
  const sandbox = {} as E2eSandbox;
  beforeAll(async () => {
    sandbox.emulator = await startEmulator({ port: 0, ...options });
    sandbox.crm = await startCrmServer();
    sandbox.ext = await launchWithExtension();
    await pollFast(sandbox.ext);
    await panelRegistered(sandbox.ext);
  });
  afterAll(async () => {
    await sandbox.ext?.close();
    await sandbox.crm?.close();
    await sandbox.emulator?.close();
  });
  return sandbox;
}
