/**
 * Where the panel finds the browser's built-in Translator and Language Detector: its own global
 * scope. They exist on `window` in secure pages (https, or loopback), content scripts' isolated
 * worlds included, and not in the service worker: the panel calls them itself, next to the text,
 * and nothing is sent anywhere (docs/security.md). e2e builds replace this module with a stand-in
 * (wxt.config.ts, test/e2e/support/translation-scope.ts); no other build can.
 */
import type { BuiltInAiScope } from '../../../features/translation/on-device';

export function builtInAiScope(): BuiltInAiScope {
  return globalThis as unknown as BuiltInAiScope;
}
