// @vitest-environment jsdom
/** A page's forged "content script started" event cannot tear the panel down (issue #19 L6). */
import { describe, expect, it, vi } from 'vitest';
import { announceGenuineStart, genuineStartDone, ignoreForgedScriptStarted } from '../../../src/ui/dock/forged-start';

const NAME = 'ext-id:panel:wxt:content-script-started';
const announce = (messageId: string) => document.dispatchEvent(new CustomEvent(NAME, { detail: { contentScriptName: 'panel', messageId } }));

describe('ignoreForgedScriptStarted', () => {
  it('stops the page’s announcement and lets a newer copy of ours through', () => {
    const wxtListener = vi.fn();
    document.addEventListener(NAME, wxtListener);
    let gone = false;
    const stop = ignoreForgedScriptStarted(window, NAME, { extensionGone: () => gone });

    announce('forged by the page'); // the page: no flag in our world
    expect(wxtListener).not.toHaveBeenCalled();

    announceGenuineStart(); // a newer copy's module code, then WXT's constructor dispatches
    announce('newer copy');
    genuineStartDone(); // the newer copy's main()
    expect(wxtListener).toHaveBeenCalledTimes(1);

    announce('forged again');
    expect(wxtListener).toHaveBeenCalledTimes(1);

    gone = true; // cut off by an update: stopping is right, whoever asks
    announce('after an update');
    expect(wxtListener).toHaveBeenCalledTimes(2);
    stop();
    document.removeEventListener(NAME, wxtListener);
  });
});
