/**
 * Mounts an in-page UI inside a shadow root at the end of <body>: its styles and the page's stay
 * apart, and keystrokes typed in it never reach the page's shortcuts. A few lines instead of WXT's
 * createShadowRootUi, which brings ~4 KB (gzipped) of anchors, auto-mount and CSS splitting we
 * do not use into the content script.
 */
export interface ShadowHost {
  container: HTMLElement;
  remove(): void;
}

export function mountShadowHost(p: { name: string; css: string; mode: ShadowRootMode }): ShadowHost {
  const host = document.createElement(p.name);
  const shadow = host.attachShadow({ mode: p.mode });
  const style = document.createElement('style');
  // The page's inherited styles stop at the host.
  style.textContent = `:host{all:initial !important;}\n${p.css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of ['keydown', 'keyup', 'keypress']) shadow.addEventListener(type, (event) => event.stopPropagation());
  document.body.append(host);
  return { container, remove: () => host.remove() };
}
