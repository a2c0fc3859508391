/**
 * The handover of the site rules' read from the document_start script to the panel's script
 * (src/ui/dock/panel-settings.ts), on WXT's fakeBrowser storage.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EARLY_VIEW_PORT, startEarlyRead, takePanelSettings } from '../../../src/ui/dock/panel-settings';
import { VIEW_PORT } from '../../../src/messaging/protocol';
import { emptyView } from '../../../src/messaging/view';
import { connectView, view } from '../../../src/ui/store';
import { newSiteRule, panelPlacements, siteRules } from '../../../src/settings/sites';

const CRM = 'https://crm.example.com';

/** The view's port the early read opens (fakeBrowser has no runtime.connect): `deliver` posts to it. */
function fakeViewPort() {
  const listeners = { message: new Set<(m: unknown) => void>(), disconnect: new Set<() => void>() };
  const port = {
    name: VIEW_PORT,
    onMessage: { addListener: (f: (m: unknown) => void) => listeners.message.add(f), removeListener: (f: (m: unknown) => void) => listeners.message.delete(f) },
    onDisconnect: { addListener: (f: () => void) => listeners.disconnect.add(f), removeListener: (f: () => void) => listeners.disconnect.delete(f) },
    disconnect: vi.fn(),
    postMessage: vi.fn(),
  };
  const connect = vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(port as never);
  return { connect, deliver: (m: unknown) => [...listeners.message].forEach((f) => f(m)) };
}

describe('the panel settings read, started early and taken over by the panel', () => {
  beforeEach(async () => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
    fakeViewPort();
    await siteRules.setValue([newSiteRule(CRM)]);
    await panelPlacements.setValue({ [CRM]: { width: 420 } });
  });

  it('reads for itself where no early read was started (a tab open before the site was enabled)', async () => {
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    const read = takePanelSettings();
    expect(read.startedEarly).toBe(false);
    expect(await read.settings).toEqual([[newSiteRule(CRM)], { [CRM]: { width: 420 } }]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('takes the early read instead of reading again', async () => {
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    startEarlyRead();
    startEarlyRead(); // The script ran twice in the frame: still one read.
    const read = takePanelSettings();
    expect(read.startedEarly).toBe(true);
    expect(await read.settings).toEqual([[newSiteRule(CRM)], { [CRM]: { width: 420 } }]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('hands the answer over at once where the early read has it (the panel draws in the same task)', async () => {
    startEarlyRead();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(takePanelSettings().answered).toEqual([[newSiteRule(CRM)], { [CRM]: { width: 420 } }]);
  });

  it('has the panel wait for an early read that has not answered yet', async () => {
    startEarlyRead();
    const read = takePanelSettings();
    expect(read.answered).toBeUndefined();
    expect(await read.settings).toEqual([[newSiteRule(CRM)], { [CRM]: { width: 420 } }]);
  });

  it('never hands over an answer older than a change it has seen', async () => {
    startEarlyRead();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The change's read is still on its way when the panel takes over.
    let answer!: (stored: Record<string, unknown>) => void;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockReturnValueOnce(new Promise((resolve) => (answer = resolve)) as never);
    await siteRules.setValue([newSiteRule(CRM, { dock: 'left' })]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const read = takePanelSettings();
    expect(read.answered).toBeUndefined();
    answer({ siteRules: [newSiteRule(CRM, { dock: 'left' })] });
    expect((await read.settings)[0]).toEqual([newSiteRule(CRM, { dock: 'left' })]);
  });

  it('hands over a rule or placement changed between the early read and the panel', async () => {
    startEarlyRead();
    await siteRules.setValue([newSiteRule(CRM, { dock: 'left' })]);
    await panelPlacements.setValue({});
    expect(await takePanelSettings().settings).toEqual([[newSiteRule(CRM, { dock: 'left' })], {}]);
  });

  it('stops following changes once taken: from then on they are the panel’s to watch', async () => {
    startEarlyRead();
    await takePanelSettings().settings;
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    await siteRules.setValue([]);
    expect(reads).not.toHaveBeenCalled();
    // Taken once only: a second panel script in the frame reads for itself.
    const again = takePanelSettings();
    expect(again.startedEarly).toBe(false);
    expect(await again.settings).toEqual([[], { [CRM]: { width: 420 } }]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('hands its storage listener over to the panel: changes reach the panel, with no listener added', async () => {
    startEarlyRead();
    const read = takePanelSettings();
    await read.settings;
    const added = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener');
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    const changed = vi.fn();
    const stop = read.follow(changed);
    expect(added).not.toHaveBeenCalled();
    await siteRules.setValue([newSiteRule(CRM, { dock: 'left' })]);
    expect(changed).toHaveBeenLastCalledWith({ rules: [newSiteRule(CRM, { dock: 'left' })] });
    await fakeBrowser.storage.local.remove('panelPlacements');
    expect(changed).toHaveBeenLastCalledWith({ placements: {} });
    expect(reads).not.toHaveBeenCalled();
    stop();
    await siteRules.setValue([]);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('follows the settings with a listener of its own where there was no early read', async () => {
    const read = takePanelSettings();
    const changed = vi.fn();
    const stop = read.follow(changed);
    await panelPlacements.setValue({ [CRM]: { width: 500 } });
    expect(changed).toHaveBeenLastCalledWith({ placements: { [CRM]: { width: 500 } } });
    stop();
    await siteRules.setValue([]);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('opens the view port at document_start, and the panel takes it over with the views it already received, in order', () => {
    expect(EARLY_VIEW_PORT).toBe(VIEW_PORT);
    const { connect, deliver } = fakeViewPort();
    startEarlyRead();
    expect(connect).toHaveBeenCalledWith({ name: VIEW_PORT });
    const first = { ...emptyView, version: 1, auth: { status: 'signed-in' as const, agentName: 'Ann' } };
    deliver({ type: 'view', view: first });
    deliver({ type: 'view', view: { ...first, version: 2, availability: 'Online' } });
    const read = takePanelSettings();
    expect(read.viewPort?.received).toHaveLength(2);
    // The panel connects with it: no second port, and the views are there at once, the latest last.
    connectView(read.viewPort);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(view.value).toMatchObject({ version: 2, availability: 'Online' });
    // From now on the panel's own listener hears the port; the early buffer no longer does.
    deliver({ type: 'view', view: { ...first, version: 3, availability: 'Away' } });
    expect(view.value).toMatchObject({ version: 3, availability: 'Away' });
    expect(read.viewPort?.received).toHaveLength(2);
  });
});
