/**
 * What picking a response puts in the composer: the filled text, for the agent to edit (never
 * sent unseen), and how it must travel. An HTML response is flagged `sanitize`: the panel shows and
 * sends it only through the sanitizer that visitor HTML goes through (src/ui/sanitize.ts), and sends
 * it as an `html` line.
 */
import { fillPlaceholders, type PlaceholderContext } from './placeholders';
import type { CannedResponse } from './response';

export interface ComposerInsertion {
  text: string;
  textType: 'plain' | 'html';
  /** True for HTML: sanitize before showing the preview and before sending. */
  sanitize: boolean;
  /** Placeholders left blank, for the composer to point at. */
  missing: string[];
}

export function prepareInsertion(response: CannedResponse, context: PlaceholderContext): ComposerInsertion {
  const filled = fillPlaceholders(response.text, context, response.format);
  const html = response.format === 'html';
  return { text: filled.text, textType: html ? 'html' : 'plain', sanitize: html, missing: filled.missing };
}
