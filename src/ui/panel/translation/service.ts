/** The tab's one translation service (models are loaded once per language pair and reused). */
import { createOnDeviceTranslation, translationSupport, type TranslationService } from '../../../features/translation/on-device';
import { primaryLanguage } from '../../../features/translation/languages';
import { builtInAiScope } from './built-in-scope';

let service: TranslationService | undefined;
let created = false;

/** Undefined where the browser has no on-device translation (then the feature is simply absent). */
export function translationService(): TranslationService | undefined {
  if (!created) {
    created = true;
    const scope = builtInAiScope();
    if (translationSupport(scope).available) service = createOnDeviceTranslation(scope);
  }
  return service;
}

/** The agent's language: their browser's. */
export function agentLanguage(): string {
  return primaryLanguage(globalThis.navigator?.language || 'en') || 'en';
}
