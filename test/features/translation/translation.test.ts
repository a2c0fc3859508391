/**
 * On-device translation through the built-in APIs' surface (a stand-in here): feature detection
 * that says why it is absent, translation with download progress and the user-gesture rule,
 * detection, the outgoing preview, and when a visitor line gets a translation.
 */
import { describe, expect, it, vi } from 'vitest';
import { MIN_CONFIDENCE, primaryLanguage, sameLanguage, translateFrom } from '../../../src/features/translation/languages';
import { createOnDeviceTranslation, translationSupport, type TranslationService } from '../../../src/features/translation/on-device';
import { previewOutgoing, translationToSend } from '../../../src/features/translation/outgoing';
import { standInTranslator } from './stand-in-translator';

function service(options: Parameters<typeof standInTranslator>[0] = { installed: ['es>en', 'en>es'] }): { svc: TranslationService; standIn: ReturnType<typeof standInTranslator> } {
  const standIn = standInTranslator(options);
  const svc = createOnDeviceTranslation(standIn);
  if (!svc) throw new Error('the stand-in should be supported');
  return { svc, standIn };
}

describe('translationSupport', () => {
  const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const oldChrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

  it('is there where both APIs are', () => {
    expect(translationSupport(standInTranslator())).toEqual({ available: true });
  });

  it('says why it is absent: Firefox, an old Chrome, an http page, no language detector', () => {
    expect(translationSupport({ navigator: { userAgent: firefox }, isSecureContext: true })).toMatchObject({ available: false, reason: 'firefox' });
    expect(translationSupport({ navigator: { userAgent: oldChrome }, isSecureContext: true })).toEqual({
      available: false,
      reason: 'old-browser',
      message: 'This is Chrome 126; on-device translation needs Chrome 138 or later on a computer.',
    });
    expect(translationSupport({ ...standInTranslator(), isSecureContext: false })).toMatchObject({ available: false, reason: 'insecure-context' });
    expect(translationSupport({ ...standInTranslator(), LanguageDetector: undefined })).toMatchObject({ available: false, reason: 'no-language-detector' });
    expect(createOnDeviceTranslation({ navigator: { userAgent: firefox } })).toBeUndefined();
  });
});

describe('translate', () => {
  it('translates on the device, one model per pair, reused', async () => {
    const { svc, standIn } = service();
    expect(await svc.translate('Hola, necesito ayuda con mi pedido', 'es', 'en')).toEqual({ ok: true, text: 'Hello, I need help with my order' });
    expect(await svc.translate('Mi pedido no ha llegado todavía', 'es', 'en')).toEqual({ ok: true, text: 'My order has not arrived yet' });
    expect(standIn.created).toEqual(['es>en']);
    svc.destroy();
    await Promise.resolve();
    await Promise.resolve();
    expect(standIn.destroyed).toEqual(['es>en']);
  });

  it('says when a pair cannot be translated here', async () => {
    const { svc } = service();
    expect(await svc.availability('ja', 'en')).toBe('unavailable');
    expect(await svc.translate('こんにちは', 'ja', 'en')).toEqual({ ok: false, reason: 'unavailable', message: 'The browser cannot translate from ja to en on this computer.' });
  });

  it('asks for a click before a download, then downloads with progress and translates', async () => {
    let gesture = false;
    const { svc, standIn } = service({ installed: [], userActivation: () => gesture });
    expect(await svc.availability('de', 'en')).toBe('downloadable');
    const refused = await svc.translate('Wo ist meine Bestellung?', 'de', 'en');
    expect(refused).toMatchObject({ ok: false, reason: 'needs-user-gesture' });
    gesture = true;
    const progress: number[] = [];
    expect(await svc.translate('Wo ist meine Bestellung?', 'de', 'en', { onProgress: (p) => progress.push(p) })).toEqual({ ok: true, text: 'Where is my order?' });
    expect(progress).toEqual([0, 0.5, 1]);
    expect(await svc.availability('de', 'en')).toBe('available');
    expect(standIn.created).toEqual(['de>en']);
  });

  it('stops when aborted, as a value', async () => {
    const { svc } = service();
    const controller = new AbortController();
    controller.abort();
    expect(await svc.translate('Hola', 'es', 'en', { signal: controller.signal })).toMatchObject({ ok: false, reason: 'aborted' });
    expect(await svc.translate('Hola, necesito ayuda con mi pedido', 'es', 'en')).toMatchObject({ ok: true });
  });
});

describe('detect and when to translate a visitor line', () => {
  it('detects the most likely language, and nothing for what it cannot tell', async () => {
    const { svc } = service();
    expect(await svc.detect('Hola, necesito ayuda con mi pedido')).toEqual({ language: 'es', confidence: 1 });
    expect(await svc.detect('12345 !!!')).toBeUndefined();
  });

  it('translates lines in another language, when the detection is sure and the line long enough', () => {
    expect(translateFrom('Hola, necesito ayuda con mi pedido', { language: 'es', confidence: 0.95 }, 'en-US')).toBe('es');
    expect(translateFrom('I need help with my order', { language: 'en', confidence: 0.99 }, 'en-US')).toBeUndefined();
    expect(translateFrom('Hola, necesito ayuda con mi pedido', { language: 'es', confidence: MIN_CONFIDENCE - 0.01 }, 'en')).toBeUndefined();
    expect(translateFrom('hola', { language: 'es', confidence: 0.99 }, 'en')).toBeUndefined();
    expect(translateFrom('Hola, necesito ayuda con mi pedido', { language: 'und', confidence: 1 }, 'en')).toBeUndefined();
    expect(translateFrom('Hola, necesito ayuda con mi pedido', undefined, 'en')).toBeUndefined();
  });

  it('compares languages, not regions', () => {
    expect(primaryLanguage('es-ES')).toBe('es');
    expect(sameLanguage('en-GB', 'en-US')).toBe(true);
    expect(sameLanguage('es', 'en')).toBe(false);
    expect(sameLanguage('', '')).toBe(false);
  });
});

describe('outgoing: preview, then send exactly the preview', () => {
  it('previews the translation and sends it while the original is unchanged', async () => {
    const { svc } = service();
    const result = await previewOutgoing(svc, 'I am sorry, let me check your order', { agent: 'en', visitor: 'es' });
    if (!result.ok || !result.preview) throw new Error('expected a preview');
    expect(result.preview).toEqual({ original: 'I am sorry, let me check your order', translated: 'Lo siento, déjeme revisar su pedido', from: 'en', to: 'es' });
    expect(translationToSend(result.preview, 'I am sorry, let me check your order')).toBe('Lo siento, déjeme revisar su pedido');
    expect(translationToSend(result.preview, 'I am sorry, let me check your order!')).toBeUndefined();
  });

  it('needs no preview when the visitor reads the agent’s language, and reports a failure as a value', async () => {
    const { svc } = service();
    expect(await previewOutgoing(svc, 'Hello', { agent: 'en-US', visitor: 'en-GB' })).toEqual({ ok: true, preview: undefined });
    expect(await previewOutgoing(svc, 'Hello', { agent: 'en', visitor: 'ja' })).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(translationToSend(undefined, 'Hello')).toBeUndefined();
  });
});

describe('nothing leaves the machine', () => {
  it('translates and detects without a single network request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { svc } = service();
    await svc.detect('Hola, necesito ayuda con mi pedido');
    await svc.translate('Hola, necesito ayuda con mi pedido', 'es', 'en');
    await previewOutgoing(svc, 'Your order ships tomorrow', { agent: 'en', visitor: 'es' });
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
