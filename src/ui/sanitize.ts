/**
 * The one way the UI turns an HTML line into markup. DOMPurify (./purify.ts) is most of what a
 * content script would weigh, and most chats never carry HTML, so CRM tabs get it only when the
 * first HTML line shows (./on-demand.ts). Extension pages bundle it. Until it is there, an HTML
 * line shows as plain text: fail closed, never raw markup.
 */
import { SANITIZER_GLOBAL } from './injected-globals';
import { injectedIntoThisTab, OnDemand } from './on-demand';

export type Purify = (html: string) => string;

const purifier = new OnDemand<Purify>('the HTML sanitizer (HTML lines show as text)');

/** Extension pages (and tests) hand the sanitizer over directly. */
export function providePurifier(purify: Purify): void {
  purifier.provide(purify);
}

/** Content scripts say how to fetch it on first use. */
export function loadPurifierWith(loader: () => Promise<Purify | null>): void {
  purifier.loadWith(loader);
}

/** CRM tabs: the background injects the sanitizer into this world; it is picked up from there. */
export function loadPurifierIntoThisTab(): void {
  purifier.loadWith(injectedIntoThisTab<Purify>('sanitizer', SANITIZER_GLOBAL));
}

/** Sanitized markup, or undefined while the sanitizer is not loaded (show the text meanwhile). */
export function sanitizeHtml(html: string): string | undefined {
  return purifier.get()?.(html);
}

/** sanitizeHtml for a component, which redraws once the sanitizer arrives. */
export function useSanitizedHtml(html: string): string | undefined {
  return purifier.use().part?.(html);
}
