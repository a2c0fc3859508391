/**
 * An extension page (popup, options, panel) rendered in jsdom on WXT's fakeBrowser, for the tests
 * in test/ui. fakeBrowser has no ports and no permissions API: the pages need only their shape;
 * fake-indexeddb stands in for the extension origin's IndexedDB.
 * Each test starts from the view a page holds before the background's first one arrives.
 */
// The pages keep the saved account in the extension origin's IndexedDB (src/settings/trusted-item.ts).
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyView } from '../../src/messaging/view';
import { view } from '../../src/ui/store';

export function pageHarness(): { container: HTMLElement } {
  const container = document.createElement('div');
  beforeEach(() => {
    const event = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => false), onAdded: event(), onRemoved: event() });
    vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => ({ onMessage: event(), onDisconnect: event(), postMessage: vi.fn(), disconnect: vi.fn() }) as never);
    view.value = emptyView;
  });
  afterEach(async () => {
    render(null, container);
    vi.restoreAllMocks();
    // Preact runs effects after a paint (requestAnimationFrame, or a 35 ms timeout): let the last
    // ones run while jsdom is still here, not after the environment is torn down.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  return { container };
}
