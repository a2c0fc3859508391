/** The background's one state: versions, views, listeners, and a stopped store that writes nothing. */
import { describe, expect, it, vi } from 'vitest';
import { AgentStore } from '../../src/agent/agent-store';
import { initialState } from '../../src/agent/state';
import { memoryStore } from './support';

describe('AgentStore', () => {
  it('saves each commit as a new version, then pushes that view to every listener', async () => {
    const storage = memoryStore();
    const store = new AgentStore(storage);
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.state.availability = 'Online';
    await store.commit();
    expect(storage.saved?.availability).toBe('Online');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]![0]).toMatchObject({ version: 1 });
    await store.commit();
    expect(store.view().version).toBe(2);
    stop();
    await store.commit();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('loads what the previous worker saved, without a sign-in in progress', async () => {
    const storage = memoryStore();
    storage.saved = { ...initialState(), signingIn: true, availability: 'Away' };
    const store = new AgentStore(storage);
    await store.load();
    expect(store.state).toMatchObject({ signingIn: false, availability: 'Away' });
  });

  it('once stopped, saves and publishes nothing: a dead worker must not overwrite its successor', async () => {
    const storage = memoryStore();
    const store = new AgentStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.stop();
    store.state.availability = 'Online';
    await store.commit();
    expect(await store.save()).toBe(false);
    expect(storage.saved).toBeNull();
    expect(listener).not.toHaveBeenCalled();
  });
});
