/**
 * Translation state the panel's composer shares with the translation parts loaded on demand (in
 * the chat tools; shared by name in ../../panel-runtime-names.ts so both read the same signals):
 * per chat, whether the agent writes in their language, the previewed translation, the visitor's
 * detected language; and the agent's originals of what was sent translated, shown with their line.
 */
import { signal } from '@preact/signals-core';
import { translationToSend, type OutgoingPreview } from '../../../features/translation/outgoing';

type PerChat<T> = Readonly<Record<string, T>>;

export const translateMode = signal<PerChat<boolean>>({});
export const outgoingPreviews = signal<PerChat<OutgoingPreview | undefined>>({});
export const visitorLanguages = signal<PerChat<string>>({});
/** `chatId\u0000sent text` → what the agent wrote. */
export const sentOriginals = signal<PerChat<string>>({});

export const originalKey = (chatId: string, sent: string) => `${chatId}\u0000${sent}`;

export type Outgoing = { ok: true; text: string } | { ok: false; message: string };

/**
 * What Send sends: the composer's text; in "write in my language" mode only the previewed
 * translation, and only while the composer holds exactly the previewed text.
 */
export function outgoingText(chatId: string, draft: string, privateNote: boolean): Outgoing {
  if (privateNote || !translateMode.peek()[chatId]) return { ok: true, text: draft };
  const preview = outgoingPreviews.peek()[chatId];
  const translated = translationToSend(preview, draft);
  if (translated === undefined) return { ok: false, message: 'Preview the translation first: only a translation you have seen is sent.' };
  sentOriginals.value = { ...sentOriginals.peek(), [originalKey(chatId, translated)]: draft };
  outgoingPreviews.value = { ...outgoingPreviews.peek(), [chatId]: undefined };
  return { ok: true, text: translated };
}
