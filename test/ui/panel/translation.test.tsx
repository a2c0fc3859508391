// @vitest-environment jsdom
/**
 * Translation in the panel: a translation is drawn as text (hostile markup from a translator stays
 * inert), only a previewed translation is sent and only while the composer holds the previewed text,
 * and the agent's original is kept with the line they sent translated.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LineView } from '../../../src/messaging/view';
import type { BuiltInAiScope } from '../../../src/features/translation/on-device';
import { standInTranslator } from '../../features/translation/stand-in-translator';

const scope = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('../../../src/ui/panel/translation/built-in-scope', () => ({ builtInAiScope: () => scope.current }));

const HOSTILE = '<img src=x onerror="globalThis.pwned=1"><b>hola</b>';
/** A translator that answers markup, and a detector sure of Spanish. */
const hostileScope: BuiltInAiScope = {
  isSecureContext: true,
  navigator: { userAgent: 'Chrome/140' },
  Translator: {
    availability: async () => 'available',
    create: async () => ({ translate: async () => HOSTILE }),
  },
  LanguageDetector: { create: async () => ({ detect: async () => [{ detectedLanguage: 'es', confidence: 0.99 }] }) },
};

const visitorLine = (text: string): LineView => ({ id: '7', source: 'visitor', by: 'Dana', text, textType: 'plain', time: '2026-12-06T22:00:00Z', clock: '22:00' });

let container: HTMLElement;
beforeEach(() => {
  vi.resetModules();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function settle() {
  for (let i = 0; i < 10; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

describe('the translation beneath a visitor line', () => {
  it('is text: markup a translator returns is never parsed', async () => {
    scope.current = hostileScope;
    const { LineTranslation } = await import('../../../src/ui/panel/translation/LineTranslation');
    act(() => render(<LineTranslation chatId="c1" line={visitorLine('hola, necesito ayuda con mi pedido')} />, container));
    await settle();
    const shown = container.querySelector('[data-testid="line-translation"]');
    expect(shown?.textContent).toBe(HOSTILE);
    expect(container.querySelector('img, b')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows the stand-in’s translation of a Spanish line and notes the visitor’s language; none for the agent’s own', async () => {
    scope.current = standInTranslator({ installed: ['es>en'] });
    const { LineTranslation } = await import('../../../src/ui/panel/translation/LineTranslation');
    const { visitorLanguages } = await import('../../../src/ui/panel/translation/outgoing-state');
    act(() => render(<LineTranslation chatId="c1" line={visitorLine('Hola, necesito ayuda con mi pedido')} />, container));
    await settle();
    expect(container.textContent).toBe('Hello, I need help with my order');
    expect(visitorLanguages.value).toEqual({ c1: 'es' });
    act(() => render(<LineTranslation chatId="c2" line={{ ...visitorLine('Hello, I need help with my order please'), id: '8' }} />, container));
    await settle();
    expect(container.querySelector('[data-testid="line-translation"]')).toBeNull();
  });

  it('is absent where the browser has no on-device translation', async () => {
    scope.current = { isSecureContext: true, navigator: { userAgent: 'Mozilla/5.0 Firefox/140.0' } };
    const { LineTranslation } = await import('../../../src/ui/panel/translation/LineTranslation');
    act(() => render(<LineTranslation chatId="c1" line={visitorLine('Hola, necesito ayuda con mi pedido')} />, container));
    await settle();
    expect(container.innerHTML).toBe('');
  });
});

describe('what Send sends', () => {
  it('the composer’s text, unless the agent writes in their language: then only the previewed translation of exactly that text', async () => {
    const state = await import('../../../src/ui/panel/translation/outgoing-state');
    expect(state.outgoingText('c1', 'Hello', false)).toEqual({ ok: true, text: 'Hello' });
    state.translateMode.value = { c1: true };
    expect(state.outgoingText('c1', 'Hello', false)).toMatchObject({ ok: false });
    // A private note is for agents: never translated.
    expect(state.outgoingText('c1', 'Hello', true)).toEqual({ ok: true, text: 'Hello' });
    state.outgoingPreviews.value = { c1: { original: 'Your order ships tomorrow', translated: 'Su pedido se envía mañana', from: 'en', to: 'es' } };
    expect(state.outgoingText('c1', 'Your order ships tomorrow!', false)).toMatchObject({ ok: false });
    expect(state.outgoingText('c1', 'Your order ships tomorrow', false)).toEqual({ ok: true, text: 'Su pedido se envía mañana' });
    expect(state.sentOriginals.value[state.originalKey('c1', 'Su pedido se envía mañana')]).toBe('Your order ships tomorrow');
    // Used once: the next line needs its own preview.
    expect(state.outgoingText('c1', 'Your order ships tomorrow', false)).toMatchObject({ ok: false });
  });
});
