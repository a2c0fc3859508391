/** Parts of the panel loaded on first use: once per page, shared by every reader, failure shown. */
import { describe, expect, it, vi } from 'vitest';
import { OnDemand } from '../../src/ui/on-demand';
import { panelRuntime } from '../../src/ui/panel-runtime';
import { SHARED_PANEL_MODULES } from '../../src/ui/panel-runtime-names';

describe('OnDemand', () => {
  it('loads a part once, however many readers ask before it arrives, and then hands it out', async () => {
    const part = new OnDemand<{ name: string }>('a part');
    let deliver!: (loaded: { name: string }) => void;
    const loader = vi.fn(() => new Promise<{ name: string }>((resolve) => (deliver = resolve)));
    part.loadWith(loader);
    expect(part.get()).toBeNull();
    const waiting = part.load();
    expect(part.get()).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
    deliver({ name: 'tools' });
    expect(await waiting).toEqual({ name: 'tools' });
    expect(part.get()).toEqual({ name: 'tools' });
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('says once that a part could not be loaded, and does not ask again on every render', async () => {
    const part = new OnDemand<object>('the chat tools');
    const loader = vi.fn(async () => {
      throw new Error('The chat tools could not be loaded in this tab: reload the page.');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    part.loadWith(loader);
    expect(await part.load()).toBeNull();
    expect(part.get()).toBeNull();
    expect(await part.load()).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('the chat tools could not be loaded');
    warn.mockRestore();
  });

  it('loads a part asked for before its loader was given as soon as it is (a reload can draw a chat before the loaders are set)', async () => {
    const part = new OnDemand<{ name: string }>('the chat tools');
    // A component's first render reads the part: none yet, and nothing to load it with.
    expect(part.get()).toBeNull();
    const loader = vi.fn(async () => ({ name: 'tools' }));
    part.loadWith(loader);
    // Nobody asks again (nothing redraws that component): the loader is given the earlier request.
    expect(loader).toHaveBeenCalledTimes(1);
    expect(await part.load()).toEqual({ name: 'tools' });
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('loads nothing when its loader is given and nobody has asked', () => {
    const part = new OnDemand<string>('a part');
    const loader = vi.fn(async () => 'loaded');
    part.loadWith(loader);
    expect(loader).not.toHaveBeenCalled();
  });

  it('takes a part handed over directly (extension pages bundle them) without loading anything', async () => {
    const part = new OnDemand<string>('a part');
    const loader = vi.fn(async () => 'loaded');
    part.loadWith(loader);
    part.provide('bundled');
    expect(await part.load()).toBe('bundled');
    expect(loader).not.toHaveBeenCalled();
  });
});

describe('the runtime the panel shares with its on-demand scripts', () => {
  it('has every name the on-demand build reads from it', () => {
    for (const [module, names] of Object.entries(SHARED_PANEL_MODULES)) {
      const shared = (panelRuntime as Record<string, Record<string, unknown>>)[module]!;
      for (const name of names) expect(shared[name], `${module} ${name}`).toBeDefined();
      expect(Object.keys(shared).sort()).toEqual([...names].sort());
    }
  });
});
