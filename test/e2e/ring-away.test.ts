/**
 * LivePerson's rule, visible to the agent: a ring not accepted in time (20 s; shortened in the
 * sandbox.emulator here) sets the agent Away — the ring shows the countdown, then the panel and popup say Away.
 */
import { describe, expect, it } from 'vitest';
import { Visitor } from '../emulator/visitor';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, panelCount, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

describe('unanswered ring in Chromium', () => {
  const sandbox = useSandbox({ ringAwayAfterMs: 1500 });

  it('counts down on the ring, then shows the agent Away', async () => {
    const popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    const tab = await sandbox.ext.browser.newPage();
    await tab.goto(sandbox.crm.url);
    await Visitor.start({ baseUrl: sandbox.emulator.baseUrl, name: 'Robin' });
    await tab.locator(inPanel(`${testId('ring-countdown')}::-p-text(or you go Away)`)).wait();
    await tab.locator(inPanel('.sub::-p-text(Away)')).wait();
    expect(await panelCount(tab, testId('ring'))).toBe(0);
    await popup.bringToFront();
    await popup.locator(`${testId('availability')}::-p-text(Away)`).wait();
  });
});
