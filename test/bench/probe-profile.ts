import { writeFileSync } from 'node:fs';
import { startEmulator } from '../emulator/server';
import { startCrmServer } from '../sandbox/crm-server';
import { launchWithExtension } from '../e2e/support/browser';
import { openPopup, signInAndGoOnline, panelRegistered } from '../e2e/support/flows';
import { inPanel, testId } from '../e2e/support/panel';

const emulator = await startEmulator({ port: 0 } as never);
const crm = await startCrmServer();
const ext = await launchWithExtension();
const popup = await openPopup(ext);
await signInAndGoOnline(popup, emulator);
await panelRegistered(ext);
for (let i = 0; i < 3; i++) {
  const page = await ext.browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(crm.url);
  await page.locator(inPanel(testId('panel'))).wait();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`/tmp/probe/p${i}.cpuprofile`, JSON.stringify(profile));
  const entries = await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('agent-dock')).map((e) => [e.name, e.entryType === 'mark' ? e.startTime : e.duration] as const));
  console.log(entries);
  await page.close();
}
await ext.close();
process.exit(0);
