/**
 * LivePerson's documented agent-information example (A7, retrieve-agent-information.md, kept in
 * test/fixtures/liveperson/), answered by the emulator through its sandbox control path, seen in
 * Chromium: the popup, the options page and a CRM tab's panel show "John Smith" and the documented
 * skills — not the numeric id, not "—".
 */
import { describe, expect, it, vi } from 'vitest';
import { documentedText } from '../fixtures/liveperson/documented';
import { openPopup, signInAndGoOnline } from './support/flows';
import { inPanel, PANEL_HOST, testId } from './support/panel';
import { useSandbox } from './support/sandbox';

const WAIT = { timeout: 15_000, interval: 100 };
const SKILLS = 'Sales, Billing, OrdersHandlers';

describe('the documented agent in Chromium', () => {
  const sandbox = useSandbox();

  it('shows John Smith and the documented skills in the popup, the options page and the panel', async () => {
    const put = await fetch(`${sandbox.emulator.baseUrl}/sandbox/agent-info`, { method: 'PUT', body: documentedText('agent/a7-agent-information.json') });
    expect(put.status).toBe(200);

    const popup = await openPopup(sandbox.ext);
    await signInAndGoOnline(popup, sandbox.emulator);
    await vi.waitFor(async () => {
      expect(await popup.$eval(testId('auth-status'), (el) => el.textContent)).toContain('Signed in as John Smith');
      expect(await popup.$eval(testId('skills'), (el) => el.textContent)).toBe(SKILLS);
    }, WAIT);

    const options = await sandbox.ext.browser.newPage();
    await options.goto(`chrome-extension://${sandbox.ext.extensionId}/options.html`);
    await options.locator(`${testId('options-status')}::-p-text(Signed in as John Smith)`).wait();
    await vi.waitFor(async () => {
      expect(await options.$eval(testId('check-skills'), (el) => el.textContent)).toContain(`Skills: ${SKILLS}`);
    }, WAIT);

    const crmTab = await sandbox.ext.browser.newPage();
    await crmTab.goto(sandbox.crm.url);
    await crmTab.locator(inPanel(testId('panel'))).wait();
    await vi.waitFor(async () => {
      const head = await crmTab.evaluate((host) => document.querySelector(host)?.shadowRoot?.querySelector('header')?.textContent ?? '', PANEL_HOST);
      expect(head).toContain('John Smith · Online');
      expect(head).toContain(`Skills: ${SKILLS}`);
      expect(head).not.toContain('25025413');
    }, WAIT);
  });
});
