/**
 * An earlier chat's transcript as the panel shows it. Plain text stays text (rendered as text
 * nodes); an HTML line is handed over as markup flagged for the sanitizer the panel already uses
 * for live lines, with its plain words to show until the sanitizer is there (fail closed);
 * structured content keeps its JSON for the rich-content renderer.
 */
import type { HistoryLine, HistoryRecord } from '../../api/engagement-history';
import { htmlToPlainText } from './plain-text';

interface PanelLineBase {
  /** Stable within one transcript: the line's position. */
  id: number;
  time?: number;
  speaker: string;
  source: 'visitor' | 'agent' | 'system';
  /** A private note between agents (`ONLY_TO_REP`). */
  private: boolean;
}

export type PanelLine =
  | (PanelLineBase & { kind: 'text'; text: string })
  | (PanelLineBase & { kind: 'html'; markup: string; needsSanitizer: true; fallbackText: string })
  | (PanelLineBase & { kind: 'rich-content'; json: unknown; fallbackText: string });

function sourceOf(line: HistoryLine): PanelLineBase['source'] {
  return line.source === 'visitor' || line.source === 'agent' ? line.source : 'system';
}

/** Who said it, as the agent should read it; LivePerson's system lines come `by: "info"`. */
export function speakerOf(line: HistoryLine, visitorName?: string): string {
  const source = sourceOf(line);
  if (source === 'system') return 'System';
  if (line.by.trim()) return line.by.trim();
  return source === 'visitor' ? (visitorName?.trim() || 'Visitor') : 'Agent';
}

/** The words of a line, whatever its type, as plain text. */
export function lineWords(line: HistoryLine): string {
  if (line.textType === 'html') return htmlToPlainText(line.text);
  return line.text;
}

export function panelLine(line: HistoryLine, id: number, visitorName?: string): PanelLine {
  const base: PanelLineBase = { id, time: line.time, speaker: speakerOf(line, visitorName), source: sourceOf(line), private: line.private };
  if (line.textType === 'html') return { ...base, kind: 'html', markup: line.text, needsSanitizer: true, fallbackText: htmlToPlainText(line.text) };
  if (line.textType === 'rich-content' && line.json !== undefined) return { ...base, kind: 'rich-content', json: line.json, fallbackText: line.text };
  // `plain` and `url` (and anything new) are text: a URL line is not made a link here.
  return { ...base, kind: 'text', text: line.text };
}

export function transcriptForPanel(record: HistoryRecord): PanelLine[] {
  return record.lines.map((line, index) => panelLine(line, index, record.visitorName));
}
