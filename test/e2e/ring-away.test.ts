/**
 * LivePerson's rule, visible to the agent: a ring not accepted in time (20 s; shortened in the
 * emulator here) sets the agent Away — the ring shows the countdown, then the panel and popup say Away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { Visitor } from '../emulator/visitor';
import { startCrmServer, type CrmServer } from '../sandbox/crm-server';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { openPopup, pollFast, signInAndGoOnline } from './support/flows';
import { inPanel, panelCount, testId } from './support/panel';

describe('unanswered ring in Chromium', () => {
  let emulator: Emulator;
  let crm: CrmServer;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, ringAwayAfterMs: 1500 });
    crm = await startCrmServer();
    ext = await launchWithExtension();
    await pollFast(ext);
  });

  afterAll(async () => {
    await ext?.close();
    await crm?.close();
    await emulator?.close();
  });

  it('counts down on the ring, then shows the agent Away', async () => {
    const popup = await openPopup(ext);
    await signInAndGoOnline(popup, emulator);
    const tab = await ext.browser.newPage();
    await tab.goto(crm.url);
    await Visitor.start({ baseUrl: emulator.baseUrl, name: 'Robin' });
    await tab.locator(inPanel(`${testId('ring-countdown')}::-p-text(or you go Away)`)).wait();
    await tab.locator(inPanel('.sub::-p-text(Away)')).wait();
    expect(await panelCount(tab, testId('ring'))).toBe(0);
    await popup.bringToFront();
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
  });
});
