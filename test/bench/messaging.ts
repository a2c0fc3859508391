/**
 * Messaging figures for `npm run bench` (issue 23), in real Chromium with the built e2e extension
 * against the emulator's Messaging mode:
 * - consumer message → panel: from the consumer's publish to the line drawn in the CRM page's
 *   panel (p50 / p95; goal p95 ≤ 300 ms — a push protocol has no poll interval to wait);
 * - the worker's traffic per idle hour: WebSocket frames (counted by CDP on the service worker)
 *   and HTTP requests (the emulator's request log) over an idle window, scaled to an hour.
 *
 * A module of its own while test/bench/main.ts is being restructured (#24): `messagingBench()`
 * returns rows for the table; run alone with `npx tsx test/bench/messaging.ts [--quick]` after
 * `npm run build:test`.
 */
import { Consumer } from '../emulator/messaging/consumer';
import { startEmulator } from '../emulator/server';
import { startCrmServer } from '../sandbox/crm-server';
import { launchWithExtension } from '../e2e/support/browser';
import { openPopup, panelRegistered } from '../e2e/support/flows';
import { inPanel, PANEL_HOST, testId } from '../e2e/support/panel';
import { percentile } from './stats';

export interface MessagingFigures {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  idleWindowMs: number;
  framesPerIdleHour: number;
  bytesPerIdleHour: number;
  httpRequestsPerIdleHour: number;
}

export async function messagingBench(opts: { quick?: boolean } = {}): Promise<MessagingFigures> {
  const samples = opts.quick ? 10 : 40;
  const idleWindowMs = opts.quick ? 45_000 : 180_000;
  const emulator = await startEmulator({ port: 0 });
  const crm = await startCrmServer();
  const ext = await launchWithExtension();
  const consumer = await Consumer.start({ baseUrl: emulator.baseUrl, firstName: 'Bench' });
  try {
    await panelRegistered(ext);
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.locator(testId('protocol-messaging')).click();
    // Saved before signing in: the protocol is read at sign-in.
    for (let i = 0; i < 100 && (await options.evaluate(`chrome.storage.local.get('account').then((s) => s.account?.protocol)`)) !== 'messaging'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await options.close();
    const popup = await openPopup(ext);
    await popup.locator('input[name="csdsUrl"]').fill(emulator.baseUrl);
    await popup.locator('input[name="accountId"]').fill('12345678');
    await popup.locator('input[name="username"]').fill('agent1');
    await popup.locator('input[name="password"]').fill('agent1-pass');
    await popup.locator(testId('signin-submit')).click();
    await popup.locator(`${testId('auth-status')}::-p-text(Signed in)`).wait();
    await popup.locator(testId('availability-Online')).click();
    await popup.locator(`${testId('availability')}::-p-text(Online)`).wait();
    const tab = await ext.browser.newPage();
    await tab.goto(crm.url);
    await tab.locator(inPanel(testId('panel'))).wait();
    await consumer.requestConversation();
    await tab.locator(inPanel(testId('accept'))).click();
    await tab.locator(inPanel(`${testId('chat')}[data-state="chatting"]`)).wait();

    // Latency: the page watches its panel for the line and stamps the wall clock when it is drawn.
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `bench line ${i} ${Math.random().toString(36).slice(2, 8)}`;
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      const drawn = tab.evaluate(`new Promise((resolve) => {
        const root = document.querySelector(${JSON.stringify(PANEL_HOST)}).shadowRoot;
        const seen = () => [...root.querySelectorAll('[data-testid="line-text"]')].some((el) => el.textContent === ${JSON.stringify(text)});
        if (seen()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(root, { childList: true, subtree: true, characterData: true });
      })`) as Promise<number>;
      await new Promise((r) => setTimeout(r, 50)); // the observer is in place
      const sentAt = Date.now();
      await consumer.say(text);
      latencies.push((await drawn) - sentAt);
      await new Promise((r) => setTimeout(r, 150));
    }

    // Idle traffic: nothing happens; count what the worker sends and receives.
    const target = await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ext.extensionId}/`));
    const cdp = await target.createCDPSession();
    let frames = 0;
    let bytes = 0;
    const count = (e: { response: { payloadData: string } }) => {
      frames += 1;
      bytes += e.response.payloadData.length;
    };
    cdp.on('Network.webSocketFrameSent', count);
    cdp.on('Network.webSocketFrameReceived', count);
    await cdp.send('Network.enable');
    const mark = emulator.requests.mark();
    await new Promise((r) => setTimeout(r, idleWindowMs));
    const http = emulator.requests.list({ since: mark }).length;
    const perHour = (n: number) => Math.round((n * 3_600_000) / idleWindowMs);
    return {
      samples,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      idleWindowMs,
      framesPerIdleHour: perHour(frames),
      bytesPerIdleHour: perHour(bytes),
      httpRequestsPerIdleHour: perHour(http),
    };
  } finally {
    consumer.disconnect();
    await ext.close();
    await crm.close();
    await emulator.close();
  }
}

function messagingRows(f: MessagingFigures): Array<[string, string]> {
  return [
    [`Messaging: consumer message → panel, p50 / p95 (${f.samples} samples; goal p95 ≤ 300 ms)`, `${f.p50Ms} / ${f.p95Ms} ms`],
    [`Messaging: worker traffic per idle hour (measured over ${Math.round(f.idleWindowMs / 1000)} s)`, `${f.framesPerIdleHour} WebSocket frames (${Math.round(f.bytesPerIdleHour / 1024)} KiB), ${f.httpRequestsPerIdleHour} HTTP requests`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  messagingBench({ quick: process.argv.includes('--quick') })
    .then((f) => {
      for (const [name, value] of messagingRows(f)) console.log(`${name}: ${value}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
