/**
 * Chat lines as plain text: the words of one line (for the clipboard, a CRM field or a screen
 * reader) and a whole transcript with local times and speakers, for pasting into a CRM record.
 */
import type { ChatView, LineView } from '../messaging/view';

/** Words found in LivePerson structured content, in reading order (text, titles, image labels). */
function richContentWords(element: unknown, depth = 0): string[] {
  if (!element || typeof element !== 'object' || depth > 8) return [];
  const e = element as Record<string, unknown>;
  const own = [e.text, e.title, e.alt, e.caption].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  const children = Array.isArray(e.elements) ? e.elements.flatMap((child) => richContentWords(child, depth + 1)) : [];
  return [...own.slice(0, 1), ...children];
}

/** The words of a line: HTML reduced to its text (never inserted anywhere), structured content to its words. */
export function lineText(line: LineView): string {
  if (line.textType === 'html') return new DOMParser().parseFromString(line.text, 'text/html').body.textContent ?? '';
  if (line.textType === 'rich-content') {
    const words = richContentWords(line.json);
    return words.length ? words.join(' ') : line.text;
  }
  return line.text;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-11-24 21:50:03` in the agent's local time; an unreadable time stays as LivePerson sent it. */
export function localTimestamp(time: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

function speaker(line: LineView, chat: ChatView): string {
  if (line.source === 'system') return 'System';
  if (line.by) return line.by;
  return line.source === 'visitor' ? chat.visitorName : 'Agent';
}

function marks(line: LineView): string {
  const notes: string[] = [];
  if (line.private) notes.push('private note, only agents see it');
  if (line.delivery === 'pending') notes.push('not delivered yet');
  if (line.delivery === 'failed') notes.push(`not sent${line.problem ? `: ${line.problem}` : ''}`);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/**
 * The whole chat, one line per chat line: `[time] Speaker (marks): words`. Lines of a multi-line
 * message are indented under it so each entry still starts with its time.
 */
export function transcriptText(chat: ChatView): string {
  const head = [`Chat with ${chat.visitorName}${chat.startTime ? `, started ${localTimestamp(chat.startTime)}` : ''}`];
  if (chat.visitorId) head.push(`Visitor id: ${chat.visitorId}`);
  const body = chat.lines.map((line) => {
    const words = lineText(line).replace(/\r\n?/g, '\n').trim().split('\n').join('\n    ');
    return `[${localTimestamp(line.time)}] ${speaker(line, chat)}${marks(line)}: ${words}`;
  });
  return [...head, '', ...body].join('\n') + '\n';
}
