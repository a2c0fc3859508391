/**
 * On-device translation and language detection through the browser's built-in Translator and
 * Language Detector APIs (Chrome 138+ on desktop; "Translation with built-in AI",
 * developer.chrome.com/docs/ai/translator-api and …/language-detection; MDN `Translator`,
 * `LanguageDetector`). Nothing leaves the machine: these run a local model, downloaded once per
 * language pair by the browser itself.
 *
 * What the pages say and this follows:
 * - feature detection is `'Translator' in self` / `'LanguageDetector' in self`; only in secure
 *   contexts, not on mobile, not in Firefox or Safari;
 * - `Translator.availability({sourceLanguage, targetLanguage})` answers `unavailable`,
 *   `downloadable`, `downloading` or `available`; `create()` with the same options downloads what is
 *   missing, reporting `downloadprogress` (`loaded` 0..1) to its `monitor`, and needs a user gesture
 *   (else `NotAllowedError`) while a download is due;
 * - `translate(text, {signal})` answers the translation; `detect(text)` answers candidates
 *   `{detectedLanguage, confidence}`, most likely first, `und` last.
 * Errors are values with a sentence, never exceptions. The scope is injected (the panel passes
 * `globalThis`; tests pass a stand-in), so nothing here reads a global by itself.
 */
import type { Detection } from './languages';

export type PairAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export type TranslationFailure = {
  ok: false;
  reason: 'unavailable' | 'needs-user-gesture' | 'aborted' | 'failed';
  message: string;
};
export type Translated = { ok: true; text: string } | TranslationFailure;

export interface TranslationService {
  availability(from: string, to: string): Promise<PairAvailability>;
  /** `onProgress` gets 0..1 while the browser downloads the language pack. */
  translate(text: string, from: string, to: string, options?: { signal?: AbortSignal; onProgress?: (loaded: number) => void }): Promise<Translated>;
  /** The most likely language, or undefined when the detector cannot say. */
  detect(text: string, options?: { signal?: AbortSignal }): Promise<Detection | undefined>;
  /** Frees the models the service holds (the panel calls it on unmount). */
  destroy(): void;
}

export type Support = { available: true } | { available: false; reason: 'insecure-context' | 'firefox' | 'old-browser' | 'no-language-detector'; message: string };

/** The parts of the browser's APIs used here (structural: Chrome's objects and the test stand-in both fit). */
interface BuiltInMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}
interface BuiltInTranslator {
  translate(text: string, options?: { signal?: AbortSignal }): Promise<string>;
  destroy?(): void;
}
interface BuiltInDetector {
  detect(text: string, options?: { signal?: AbortSignal }): Promise<Array<{ detectedLanguage: string; confidence: number }>>;
  destroy?(): void;
}
export interface BuiltInAiScope {
  isSecureContext?: boolean;
  navigator?: { userAgent?: string };
  Translator?: {
    availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<string>;
    create(options: { sourceLanguage: string; targetLanguage: string; monitor?: (m: BuiltInMonitor) => void; signal?: AbortSignal }): Promise<BuiltInTranslator>;
  };
  LanguageDetector?: {
    create(options?: { signal?: AbortSignal }): Promise<BuiltInDetector>;
  };
}

/** Whether on-device translation exists here, and if not, a sentence for the options page that says why. */
export function translationSupport(scope: BuiltInAiScope): Support {
  const userAgent = scope.navigator?.userAgent ?? '';
  if (/\bFirefox\//.test(userAgent) && !scope.Translator) {
    return { available: false, reason: 'firefox', message: 'Firefox has no on-device translation that extensions can use; Chrome 138 or later on a computer has.' };
  }
  if (scope.isSecureContext === false) {
    return { available: false, reason: 'insecure-context', message: 'The browser offers on-device translation only on https pages; this CRM page is not one.' };
  }
  if (!scope.Translator) {
    const chrome = /\bChrome\/(\d+)/.exec(userAgent)?.[1];
    const which = chrome ? `This is Chrome ${chrome}; ` : '';
    return { available: false, reason: 'old-browser', message: `${which}on-device translation needs Chrome 138 or later on a computer.` };
  }
  if (!scope.LanguageDetector) {
    return { available: false, reason: 'no-language-detector', message: 'This browser translates on the device but cannot tell which language a line is in.' };
  }
  return { available: true };
}

const AVAILABILITIES: readonly PairAvailability[] = ['unavailable', 'downloadable', 'downloading', 'available'];

function failure(error: unknown): TranslationFailure {
  const name = error instanceof Error || (error && typeof error === 'object' && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError') {
    return { ok: false, reason: 'needs-user-gesture', message: 'The browser needs a click to download this language pack: press Translate.' };
  }
  if (name === 'AbortError') return { ok: false, reason: 'aborted', message: 'Translation stopped.' };
  const said = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: 'failed', message: `The browser could not translate this (${said.slice(0, 200)}).` };
}

/** A service over the scope's built-in APIs; undefined when `translationSupport` says they are absent. */
export function createOnDeviceTranslation(scope: BuiltInAiScope): TranslationService | undefined {
  const api = scope.Translator;
  const detectorApi = scope.LanguageDetector;
  if (translationSupport(scope).available !== true || !api || !detectorApi) return undefined;
  // One translator per language pair, created once: creating one loads a model.
  const translators = new Map<string, Promise<BuiltInTranslator>>();
  let detector: Promise<BuiltInDetector> | undefined;

  async function availability(from: string, to: string): Promise<PairAvailability> {
    try {
      const answer = await api!.availability({ sourceLanguage: from, targetLanguage: to });
      return AVAILABILITIES.includes(answer as PairAvailability) ? (answer as PairAvailability) : 'unavailable';
    } catch {
      return 'unavailable';
    }
  }

  return {
    availability,

    async translate(text, from, to, options = {}) {
      const pair = `${from}>${to}`;
      try {
        if ((await availability(from, to)) === 'unavailable') {
          return { ok: false, reason: 'unavailable', message: `The browser cannot translate from ${from} to ${to} on this computer.` };
        }
        let translator = translators.get(pair);
        if (!translator) {
          translator = api.create({
            sourceLanguage: from,
            targetLanguage: to,
            signal: options.signal,
            monitor: (m) => m.addEventListener('downloadprogress', (e) => options.onProgress?.(e.loaded)),
          });
          translators.set(pair, translator);
          // A failed create (no gesture yet, aborted) must not be cached: the next try creates again.
          translator.catch(() => translators.delete(pair));
        }
        return { ok: true, text: await (await translator).translate(text, { signal: options.signal }) };
      } catch (error) {
        return failure(error);
      }
    },

    async detect(text, options = {}) {
      try {
        detector ??= detectorApi.create();
        detector.catch(() => (detector = undefined));
        const [best] = await (await detector).detect(text, { signal: options.signal });
        return best && best.detectedLanguage !== 'und' ? { language: best.detectedLanguage, confidence: best.confidence } : undefined;
      } catch {
        return undefined;
      }
    },

    destroy() {
      for (const translator of translators.values()) void translator.then((t) => t.destroy?.(), () => {});
      void detector?.then((d) => d.destroy?.(), () => {});
      translators.clear();
      detector = undefined;
    },
  };
}
