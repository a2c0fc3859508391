/**
 * The panel's polite live region: screen readers hear each new visitor or system line, in any open
 * chat (the shown one or not). Rings have their own assertive alert. Lines already there when the
 * panel appears (a reload) are not read again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatView } from '../../messaging/view';
import { lineText } from '../transcript-text';

export function LineAnnouncer({ chats }: { chats: ChatView[] }) {
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const all = chats.flatMap((chat) => chat.lines.map((line) => ({ chat, line })));
    if (seen.current === null) {
      seen.current = new Set(all.map(({ line }) => line.id));
      return;
    }
    const known = seen.current;
    const fresh = all.filter(({ line }) => !known.has(line.id));
    for (const { line } of fresh) known.add(line.id);
    const heard = fresh.filter(({ line }) => line.source !== 'agent');
    const last = heard[heard.length - 1];
    if (!last) return;
    const who = last.line.source === 'system' ? `Chat with ${last.chat.visitorName}` : last.line.by || last.chat.visitorName;
    setMessage(`${heard.length > 1 ? `${heard.length} new lines. ` : ''}${who}: ${lineText(last.line)}`);
    // Only a new view can bring new lines: not every redraw of the panel (the ring countdown ticks).
  }, [chats]);
  return (
    <div class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer" dir="auto">
      {message}
    </div>
  );
}
