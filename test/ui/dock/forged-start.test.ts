// @vitest-environment jsdom
/** A page's forged "content script started" event cannot tear the panel down (issue #19 L6). */
import { describe, expect, it, vi } from 'vitest';
import { ignoreForgedScriptStarted } from '../../../src/ui/dock/forged-start';

const NAME = 'ext-id:panel:wxt:content-script-started';

describe('ignoreForgedScriptStarted', () => {
  it('lets our own copy’s announcement through and stops the page’s', () => {
    const wxtListener = vi.fn();
    document.addEventListener(NAME, wxtListener);
    const stop = ignoreForgedScriptStarted(window, NAME);

    // Another world's object (the page's): here an object of another realm, an iframe's.
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const pageObject = new (frame.contentWindow as unknown as { Object: ObjectConstructor }).Object();
    Object.assign(pageObject, { contentScriptName: 'panel', messageId: 'forged' });
    for (const detail of [pageObject, null, JSON.stringify({ contentScriptName: 'panel', messageId: 'x' })]) {
      document.dispatchEvent(new CustomEvent(NAME, { detail }));
    }
    expect(wxtListener).not.toHaveBeenCalled();

    document.dispatchEvent(new CustomEvent(NAME, { detail: { contentScriptName: 'panel', messageId: 'newer' } }));
    expect(wxtListener).toHaveBeenCalledTimes(1);
    stop();
    document.removeEventListener(NAME, wxtListener);
  });
});
