/**
 * The panel's styles, where the panel is drawn: its shadow root in a CRM page, the document in an
 * extension page (the side panel). The panel brings its own at its first paint; a part loaded on
 * demand (./on-demand.ts) brings its own (`css`) when it arrives, so a CRM page neither carries nor
 * parses a part's styles before it needs that part.
 *
 * As constructed stylesheets (CSSOM), which no page CSP can refuse (a <style> element in a CRM page
 * falls under its `style-src`); where the root cannot adopt the content script's sheet (Firefox's
 * content-script sandbox), as <style> elements, which Firefox exempts from the page's CSP.
 */
type StyleRoot = ShadowRoot | Document;

let root: StyleRoot | undefined;
/** The parts' styles added so far, in order: a panel drawn again (a new shadow root) gets them all. */
const partStyles: string[] = [];

function adopt(target: StyleRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const before = target.adoptedStyleSheets.length;
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    if (target.adoptedStyleSheets.length === before + 1) return;
  } catch {
    // Fall through to a <style> element.
  }
  const style = document.createElement('style');
  style.textContent = css;
  ('head' in target ? target.head : target).append(style);
}

/** Where the panel is drawn from now on, with its own styles; the parts' styles added so far follow. */
export function stylePanelIn(target: StyleRoot, ownCss?: string): void {
  root = target;
  if (ownCss !== undefined) adopt(target, ownCss);
  for (const css of partStyles) adopt(target, css);
}

/** A part's styles: once per page, into the panel's root (or the next one, if none is drawn yet). */
export function addPanelStyles(css: string): void {
  if (partStyles.includes(css)) return;
  partStyles.push(css);
  if (root) adopt(root, css);
}
