/** A panel gets the reply-due thresholds of the page it runs on (the sender's URL, set by the browser), under the fleet's locks. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replyDueHandlers } from '../../src/background/handlers/reply-due';
import { replyDuePreferencesItem } from '../../src/features/reply-due/settings';
import type { Sender } from '../../src/background/senders';

const ask = (sender: Sender) => replyDueHandlers().getReplyDue!.run(undefined, sender);
const tab = (url: string): Sender => ({ id: fakeBrowser.runtime.id, url, tab: { id: 3 } as Sender['tab'] });

beforeEach(() => fakeBrowser.reset());

describe('getReplyDue', () => {
  it('answers the defaults, the agent’s values, and a site’s own for a panel on that site', async () => {
    expect(await ask(tab('https://crm.example/case/1'))).toEqual({ ok: true, amberSeconds: 30, redSeconds: 60 });
    await replyDuePreferencesItem.setValue({ amberSeconds: 20, redSeconds: 40, sites: [{ match: 'https://crm.example', amberSeconds: 10, redSeconds: 15 }] });
    expect(await ask(tab('https://crm.example/case/1'))).toEqual({ ok: true, amberSeconds: 10, redSeconds: 15 });
    expect(await ask(tab('https://other.example/'))).toEqual({ ok: true, amberSeconds: 20, redSeconds: 40 });
    // An extension page (the side panel) has no CRM page: the everywhere values.
    expect(await ask({ id: fakeBrowser.runtime.id, url: 'chrome-extension://x/sidepanel.html' })).toEqual({ ok: true, amberSeconds: 20, redSeconds: 40 });
  });

  it('is only for panels, and a value the fleet locked wins over the agent’s', async () => {
    expect(replyDueHandlers().getReplyDue!.from).toBe('panel');
    await replyDuePreferencesItem.setValue({ amberSeconds: 20, redSeconds: 40 });
    await fakeBrowser.storage.managed.set({ replyDue: { redSeconds: 90 }, locked: ['replyDue.redSeconds'] });
    expect(await ask(tab('https://crm.example/'))).toEqual({ ok: true, amberSeconds: 20, redSeconds: 90 });
  });
});
