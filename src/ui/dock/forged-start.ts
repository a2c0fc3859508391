/**
 * WXT stops an older copy of a content script when a newer copy announces itself with a DOM event
 * on `document` (ContentScriptContext's "content script started"). The CRM page shares that DOM
 * and could dispatch the same event to make the panel tear itself down (issue #19 L6). A genuine
 * announcement comes from a copy of our script, which runs in our isolated world: its `detail` is
 * an object of this world. The page's is not (Chrome hands another world's detail over as null;
 * Firefox as a wrapper of the page's object), so a capture listener on `window`, which runs before
 * WXT's own on `document`, stops it there.
 */
export function ignoreForgedScriptStarted(win: Window, eventName: string): () => void {
  const ownObject = Object.prototype;
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    const fromOurWorld = typeof detail === 'object' && detail !== null && Object.getPrototypeOf(detail) === ownObject;
    if (!fromOurWorld) event.stopImmediatePropagation();
  };
  win.addEventListener(eventName, listener, true);
  return () => win.removeEventListener(eventName, listener, true);
}
