/**
 * One line per earlier chat in the "Previous chats" list: when, which skill, which agent, how
 * long, and the first words said. Everything here is text for text nodes.
 */
import type { HistoryRecord } from '../../api/engagement-history';
import { lineWords, speakerOf } from './transcript';
import { formatDuration } from '../../text/duration';

export interface ChatSummary {
  engagementId: string;
  startedAt?: number;
  skill: string;
  agent: string;
  durationSeconds?: number;
  /** `6 min 52 s`, `45 s`, `1 h 3 min`; `unknown length` when LivePerson sent none. */
  durationLabel: string;
  /** The first visitor or agent lines (system lines skipped), shortened. */
  firstLines: Array<{ speaker: string; text: string }>;
  lineCount: number;
}

function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** LivePerson's "no skill" is `-1`, often named "Unassigned". */
function skillLabel(record: HistoryRecord): string {
  if (record.skillName?.trim() && record.skillId !== '-1') return record.skillName.trim();
  return 'No skill';
}

export function summarizeChat(record: HistoryRecord, options: { firstLines?: number; maxChars?: number } = {}): ChatSummary {
  const count = options.firstLines ?? 2;
  const max = options.maxChars ?? 140;
  const said = record.lines.filter((line) => (line.source === 'visitor' || line.source === 'agent') && !line.private);
  return {
    engagementId: record.engagementId,
    startedAt: record.startTime,
    skill: skillLabel(record),
    agent: record.agentName?.trim() || 'Unknown agent',
    durationSeconds: record.durationSeconds,
    durationLabel: formatDuration(record.durationSeconds),
    firstLines: said
      .map((line) => ({ speaker: speakerOf(line, record.visitorName), text: shorten(lineWords(line), max) }))
      .filter((line) => line.text !== '')
      .slice(0, count),
    lineCount: record.lines.length,
  };
}
