/**
 * The agent writes in their language and sends the visitor's: a preview shows exactly what will
 * be sent, and only that text is sent, only while the agent's original is the one previewed (an
 * edit after the preview needs a new one). The original stays with the line for the transcript.
 */
import { sameLanguage } from './languages';
import type { TranslationFailure, TranslationService } from './on-device';

export interface OutgoingPreview {
  /** What the agent wrote. */
  original: string;
  /** What the visitor will receive. */
  translated: string;
  from: string;
  to: string;
}

export type PreviewResult = { ok: true; preview: OutgoingPreview | undefined } | TranslationFailure;

/** A preview, or `preview: undefined` when the visitor reads the agent's language (nothing to translate). */
export async function previewOutgoing(
  service: TranslationService,
  original: string,
  languages: { agent: string; visitor: string },
  options?: { signal?: AbortSignal; onProgress?: (loaded: number) => void },
): Promise<PreviewResult> {
  if (!original.trim() || sameLanguage(languages.agent, languages.visitor)) return { ok: true, preview: undefined };
  const result = await service.translate(original, languages.agent, languages.visitor, options);
  if (!result.ok) return result;
  return { ok: true, preview: { original, translated: result.text, from: languages.agent, to: languages.visitor } };
}

/** The text to send: the previewed translation while the composer still holds the previewed original; else none. */
export function translationToSend(preview: OutgoingPreview | undefined, composerText: string): string | undefined {
  return preview && preview.original === composerText ? preview.translated : undefined;
}
