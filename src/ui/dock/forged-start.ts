/**
 * WXT stops an older copy of a content script when a newer copy announces itself with a DOM event
 * on `document` (ContentScriptContext's "content script started"). The CRM page shares that DOM
 * and could dispatch the same event to make the panel tear itself down (issue #19 L6); Chrome even
 * hands its `detail` over to our world as a copy, so the event itself cannot tell who sent it.
 *
 * What the page cannot do is run code in our isolated world, which every copy of our script
 * shares. So a genuine newer copy says so there first: its module code (which runs before WXT
 * builds its context and dispatches) raises a flag on our world's global, and lowers it once
 * started. An older copy's capture listener on `window` (before WXT's own on `document`) lets the
 * event through only while that flag is up, or when this copy is already cut off from the
 * extension (after an update), where stopping is what it should do anyway.
 */
const STARTING = Symbol.for('agent-dock:panel-copy-starting');

type WorldGlobal = typeof globalThis & { [STARTING]?: boolean };

/** Module code of a starting copy: the announcement WXT is about to dispatch is ours. */
export function announceGenuineStart(world: WorldGlobal = globalThis): void {
  world[STARTING] = true;
}

/** In main(), after WXT dispatched: any later announcement is not ours. */
export function genuineStartDone(world: WorldGlobal = globalThis): void {
  delete world[STARTING];
}

export function ignoreForgedScriptStarted(
  win: Window,
  eventName: string,
  options: { world?: WorldGlobal; extensionGone?: () => boolean } = {},
): () => void {
  const world: WorldGlobal = options.world ?? globalThis;
  const listener = (event: Event) => {
    if (world[STARTING] === true || options.extensionGone?.()) return;
    event.stopImmediatePropagation();
  };
  win.addEventListener(eventName, listener, true);
  return () => win.removeEventListener(eventName, listener, true);
}
