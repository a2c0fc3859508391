/**
 * Where the translation parts (loaded on demand with the chat tools) appear in the panel: beneath
 * a line (the transcript passes the part down, see Transcript.tsx), and under the composer. Until the tools are here, or where the browser has no on-device
 * translation, nothing is drawn.
 */
import type { LineView } from '../../../messaging/view';
import { chatTools, type PanelTools } from '../tools';

export type LineTranslationPart = PanelTools['LineTranslation'];

/** Lines that may get a translation (visitor) or show the agent's original (agent): plain, not private. */
export const translatable = (line: LineView) => line.source !== 'system' && line.textType === 'plain' && !line.private;

export function ComposerTranslationSlot({ chatId, draft, disabled }: { chatId: string; draft: string; disabled: boolean }) {
  const { part: tools } = chatTools.use();
  if (!tools || disabled) return null;
  return <tools.ComposerTranslation chatId={chatId} draft={draft} />;
}
