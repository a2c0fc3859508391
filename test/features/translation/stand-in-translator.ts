/**
 * A stand-in for the browser's built-in Translator and Language Detector APIs, with the same
 * surface (static `availability`/`create`, `translate`, `detect`, `downloadprogress`, the
 * `NotAllowedError` of a download without a user gesture). Test code only: it translates from a
 * small phrase book and detects Spanish, German and English by common words.
 */
import type { BuiltInAiScope } from '../../../src/features/translation/on-device';

const PHRASES: Record<string, Record<string, string>> = {
  'es>en': {
    'hola, necesito ayuda con mi pedido': 'Hello, I need help with my order',
    'mi pedido no ha llegado todavía': 'My order has not arrived yet',
  },
  'en>es': {
    'i am sorry, let me check your order': 'Lo siento, déjeme revisar su pedido',
    'your order ships tomorrow': 'Su pedido se envía mañana',
  },
  'de>en': { 'wo ist meine bestellung?': 'Where is my order?' },
};

const WORDS: Record<string, string[]> = {
  es: ['hola', 'necesito', 'ayuda', 'pedido', 'mi', 'con', 'no', 'ha', 'todavía', 'gracias'],
  de: ['wo', 'ist', 'meine', 'bestellung', 'danke', 'bitte'],
  en: ['hello', 'i', 'need', 'help', 'my', 'order', 'the', 'is', 'where', 'thanks', 'sorry'],
};

export interface StandInOptions {
  /** Pairs (`es>en`) whose pack is already on the machine; every other known pair is `downloadable`. */
  installed?: string[];
  /** Whether the page has a user gesture now (Chrome requires one to start a download). */
  userActivation?: () => boolean;
}

export interface StandIn extends BuiltInAiScope {
  /** Every create() the stand-in served, for asserting reuse. */
  created: string[];
  destroyed: string[];
}

export function standInTranslator(options: StandInOptions = {}): StandIn {
  const installed = new Set(options.installed ?? []);
  const created: string[] = [];
  const destroyed: string[] = [];
  const known = (pair: string) => pair in PHRASES;
  const domError = (name: string, message: string) => Object.assign(new Error(message), { name });

  return {
    isSecureContext: true,
    navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36' },
    created,
    destroyed,
    Translator: {
      async availability({ sourceLanguage, targetLanguage }) {
        const pair = `${sourceLanguage}>${targetLanguage}`;
        return !known(pair) ? 'unavailable' : installed.has(pair) ? 'available' : 'downloadable';
      },
      async create({ sourceLanguage, targetLanguage, monitor, signal }) {
        const pair = `${sourceLanguage}>${targetLanguage}`;
        if (signal?.aborted) throw domError('AbortError', 'aborted');
        if (!known(pair)) throw domError('NotSupportedError', `No model for ${pair}`);
        if (!installed.has(pair)) {
          if (!(options.userActivation?.() ?? false)) throw domError('NotAllowedError', 'Requires a user gesture when availability is "downloadable"');
          const listeners: Array<(e: { loaded: number }) => void> = [];
          monitor?.({ addEventListener: (_type, listener) => listeners.push(listener) });
          for (const loaded of [0, 0.5, 1]) for (const l of listeners) l({ loaded });
          installed.add(pair);
        }
        created.push(pair);
        return {
          async translate(text, opts) {
            if (opts?.signal?.aborted) throw domError('AbortError', 'aborted');
            const known = PHRASES[pair]?.[text.trim().toLowerCase()];
            return known ?? `[${targetLanguage}] ${text}`;
          },
          destroy: () => destroyed.push(pair),
        };
      },
    },
    LanguageDetector: {
      async create() {
        created.push('detector');
        return {
          async detect(text) {
            const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
            const scores = Object.entries(WORDS)
              .map(([lang, list]) => ({ detectedLanguage: lang, confidence: words.length ? words.filter((w) => list.includes(w)).length / words.length : 0 }))
              .filter((s) => s.confidence > 0)
              .sort((a, b) => b.confidence - a.confidence);
            return [...scores, { detectedLanguage: 'und', confidence: 0.01 }];
          },
          destroy: () => destroyed.push('detector'),
        };
      },
    },
  };
}
