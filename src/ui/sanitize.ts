/**
 * The one way the UI turns an HTML line into markup. DOMPurify (./purify.ts) is most of what a
 * content script would weigh, and most chats never carry HTML, so CRM tabs get it only when the
 * first HTML line shows: the background injects it into the panel's isolated world (no
 * web-accessible resource, nothing the page can load). Extension pages bundle it. Until it is
 * there, an HTML line shows as plain text: fail closed, never raw markup.
 */
import { SANITIZER_GLOBAL } from './sanitizer-global';
import { SharedValue, useShared } from './shared-value';
import { run } from './store';

export type Purify = (html: string) => string;

const purifier = new SharedValue<Purify | null>(null);
let load: (() => Promise<Purify | null>) | undefined;
let loading = false;

/** Extension pages (and tests) hand the sanitizer over directly. */
export function providePurifier(purify: Purify): void {
  purifier.value = purify;
}

/** Content scripts say how to fetch it on first use. */
export function loadPurifierWith(loader: () => Promise<Purify | null>): void {
  load = loader;
}

/** CRM tabs: the background injects the sanitizer into this world; it is picked up from there. */
export function loadPurifierIntoThisTab(): void {
  loadPurifierWith(async () => {
    const result = await run('loadSanitizer');
    if (!result.ok) {
      console.warn(`Agent Dock: ${result.message}`);
      return null;
    }
    const injected = (globalThis as Record<string, unknown>)[SANITIZER_GLOBAL];
    return typeof injected === 'function' ? (injected as Purify) : null;
  });
}

/** Sanitized markup, or undefined while the sanitizer is not loaded yet (show the text meanwhile). */
export function sanitizeHtml(html: string): string | undefined {
  const purify = purifier.value;
  if (purify) return purify(html);
  if (load && !loading) {
    // One attempt per page: a failure leaves HTML lines as text rather than retrying per render.
    loading = true;
    void load().then((loaded) => {
      if (loaded) purifier.value = loaded;
      else console.warn('Agent Dock: the HTML sanitizer could not be loaded; HTML lines show as text.');
    });
  }
  return undefined;
}

/** sanitizeHtml for a component, which redraws once the sanitizer arrives. */
export function useSanitizedHtml(html: string): string | undefined {
  useShared(purifier);
  return sanitizeHtml(html);
}
