import { useEffect, useRef, useState } from 'preact/hooks';
import type { LineView } from '../../messaging/view';
import { sanitizeHtml } from '../sanitize';
import { LineDelivery } from './LineDelivery';
import { RichContent } from './RichContent';
import { systemMessageMeaning } from './system-messages';

function LineBody({ line }: { line: LineView }) {
  if (line.textType === 'html') {
    // Sanitized to a small allow-list first: this is the only HTML we ever inject.
    return <span data-testid="line-text" dir="auto" dangerouslySetInnerHTML={{ __html: sanitizeHtml(line.text) }} />;
  }
  if (line.textType === 'rich-content') {
    return (
      <span data-testid="line-text">
        <RichContent json={line.json} fallback={line.text} />
      </span>
    );
  }
  return <span data-testid="line-text" dir="auto">{line.text}</span>;
}

const clock = (time: string) => {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};

/** Lines rendered at once: a long chat opens and updates without a long task; earlier ones on demand. */
const LINES_SHOWN = 100;

export function Transcript({
  chatId,
  lines,
  visitorTyping,
  visitorName,
  onError,
}: {
  chatId: string;
  lines: LineView[];
  visitorTyping: boolean;
  visitorName: string;
  onError?: (message: string) => void;
}) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [lines.length]);
  const [shown, setShown] = useState(LINES_SHOWN);
  const hidden = Math.max(0, lines.length - shown);
  return (
    // New lines are read out once, by the panel's LineAnnouncer (every chat, not only this one).
    <div class="transcript" role="log" aria-live="off" aria-label="Transcript">
      {hidden > 0 && (
        <button type="button" class="btn btn-quiet" data-testid="earlier-lines" onClick={() => setShown(shown + LINES_SHOWN)}>
          Show earlier lines ({hidden})
        </button>
      )}
      {(hidden ? lines.slice(hidden) : lines).map((line) => (
        <div
          key={line.id}
          class={`line line-${line.source}${line.private ? ' line-private' : ''}`}
          data-testid="line"
          data-source={line.source}
          data-line-id={line.id}
          title={line.source === 'system' ? systemMessageMeaning(line.systemMessageId) : undefined}
        >
          {line.source !== 'system' && (
            <div class="line-meta">
              <span class="line-by">{line.by}</span> <span class="line-time">{clock(line.time)}</span>
              {line.private && <span class="line-flag">Only agents see this</span>}
            </div>
          )}
          <div class="line-bubble">
            <LineBody line={line} />
          </div>
          {line.delivery && <LineDelivery chatId={chatId} line={line} onError={onError} />}
        </div>
      ))}
      {visitorTyping && (
        <div class="typing" data-testid="visitor-typing">
          {visitorName} is typing…
        </div>
      )}
      <div ref={end} />
    </div>
  );
}
