/**
 * What the e2e build's panel and pages get instead of the browser's built-in Translator and
 * Language Detector (wxt.config.ts swaps src/ui/panel/translation/built-in-scope.ts for this file
 * in `--mode e2e` only): the stand-in of the unit tests, its language packs already installed, so
 * Chromium without models behaves like Chrome 138+ with them. Never in a store build.
 */
import type { BuiltInAiScope } from '../../../src/features/translation/on-device';
import { standInTranslator } from '../../features/translation/stand-in-translator';

let scope: BuiltInAiScope | undefined;

export function builtInAiScope(): BuiltInAiScope {
  scope ??= { ...standInTranslator({ installed: ['es>en', 'en>es', 'de>en'] }), isSecureContext: globalThis.isSecureContext };
  return scope;
}
