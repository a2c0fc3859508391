/**
 * Where the translation parts (loaded on demand with the chat tools) appear in the panel: beneath
 * a line, and under the composer. Until the tools are here, or where the browser has no on-device
 * translation, nothing is drawn.
 */
import type { LineView } from '../../../messaging/view';
import { chatTools } from '../tools';

export function LineTranslationSlot({ chatId, line }: { chatId: string; line: LineView }) {
  const { part: tools } = chatTools.use();
  if (!tools || line.source === 'system' || line.textType !== 'plain' || line.private) return null;
  return <tools.LineTranslation chatId={chatId} line={line} />;
}

export function ComposerTranslationSlot({ chatId, draft, disabled }: { chatId: string; draft: string; disabled: boolean }) {
  const { part: tools } = chatTools.use();
  if (!tools || disabled) return null;
  return <tools.ComposerTranslation chatId={chatId} draft={draft} />;
}
