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
const all: Record<string, number[]> = {};
for (let i = 0; i < Number(process.env.N ?? 10); i++) {
  const page = await ext.browser.newPage();
  await page.goto(crm.url);
  await page.locator(inPanel(testId('panel'))).wait();
  const entries = await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('agent-dock')).map((e) => [e.name, e.entryType === 'mark' ? e.startTime : e.duration] as const));
  const marks = Object.fromEntries(entries);
  for (const [k, v] of Object.entries(marks)) (all[k] ??= []).push(Math.round(v as number * 10) / 10);
  await page.close();
}
const d=(a:string,b:string)=>all['agent-dock:t-'+a]!.map((v,i)=>Math.round((v-all['agent-dock:t-'+b]![i]!)*10)/10);
for (const [a,b] of [['b4build','start'],['shadow','b4build'],['css','shadow'],['built','css'],['read','start'],['mounted0','read'],['mounted','mounted0'],['rendered','mounted']]) console.log(a+'-'+b, d(a!,b!).join(' '));
const m=all['agent-dock:mount']!.sort((a,b)=>a-b);console.log('mount',m,'p50',m[Math.floor(m.length/2)]);
await ext.close();
await crm.close?.();
process.exit(0);
