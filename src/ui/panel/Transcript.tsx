import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LineView } from '../../messaging/view';
import { showBidiControls } from '../bidi';
import { useSanitizedHtml } from '../sanitize';
import { lineText } from '../transcript-text';
import { LineDelivery } from './LineDelivery';
import { systemMessageMeaning } from './system-messages';
import { chatTools } from './tools';
import type { WriteBackAct } from './write-back-act';
import { WriteBackButtons } from './WriteBackButtons';
import { translatable, type LineTranslationPart } from './translation/slots';

/**
 * Lines shown when a chat opens (the newest): a panel's height shows about a dozen, and a tab
 * opening on a long chat must not hold the CRM page for more than a frame or two. Older ones come
 * in steps on request.
 */
export const LINES_SHOWN_AT_FIRST = 25;
export const EARLIER_LINES_STEP = 100;
/**
 * Of those, the ones drawn in the task that opens the chat: about what the panel's height shows.
 * The rest (above, out of sight) follow once the browser has painted: a tab opening on a chat has
 * its composer usable sooner, and its first task stays short.
 */
export const LINES_DRAWN_FIRST = 10;

function HtmlLineBody({ text }: { text: string }) {
  // Sanitized to a small allow-list first: this is the only HTML we ever inject. Until the
  // sanitizer is loaded the line shows as text.
  // Bidi controls made visible before sanitizing: they are not markup, so this changes no tag.
  const html = useSanitizedHtml(showBidiControls(text));
  if (html !== undefined) return <span data-testid="line-text" dir="auto" dangerouslySetInnerHTML={{ __html: html }} />;
  return <span data-testid="line-text" dir="auto">{showBidiControls(text)}</span>;
}

function RichContentLineBody({ line }: { line: LineView }) {
  // Drawn by the chat tools (./tools.ts), which come with the first chat shown; until then, as text.
  const { part: tools } = chatTools.use();
  if (!tools) return <span data-testid="line-text" dir="auto">{showBidiControls(line.text)}</span>;
  return (
    <span data-testid="line-text">
      <tools.RichContent json={line.json} fallback={showBidiControls(line.text)} />
    </span>
  );
}

function LineBody({ line }: { line: LineView }) {
  if (line.textType === 'html') return <HtmlLineBody text={line.text} />;
  if (line.textType === 'rich-content') return <RichContentLineBody line={line} />;
  return <span data-testid="line-text" dir="auto">{showBidiControls(line.text)}</span>;
}

/**
 * Every view push brings new line objects (structured clones): equal content means nothing to
 * redraw. Every field counts, so a field added to LineView later is compared too.
 */
export function sameLine(a: LineView, b: LineView): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof LineView>;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

interface LineProps {
  chatId: string;
  line: LineView;
  act: WriteBackAct;
  onError?: (message: string) => void;
  /** Drawn beneath the line once the chat tools are here (./translation/). */
  translation?: LineTranslationPart;
  /** The visitor has read this line (and the agent's lines before it). */
  read?: boolean;
}

/** One transcript line. It redraws only when its own content changes, never because another line arrived. */
export class TranscriptLine extends Component<LineProps> {
  override shouldComponentUpdate(next: LineProps): boolean {
    const now = this.props;
    return !(
      next.chatId === now.chatId &&
      next.act === now.act &&
      next.onError === now.onError &&
      next.translation === now.translation &&
      next.read === now.read &&
      sameLine(next.line, now.line)
    );
  }

  override render({ chatId, line, act, onError, translation: Translation, read }: LineProps) {
    return (
      <div
        class={`line line-${line.source}${line.private ? ' line-private' : ''}`}
        data-testid="line"
        data-source={line.source}
        data-line-id={line.id}
        title={line.source === 'system' ? systemMessageMeaning(line.systemMessageId) : undefined}
      >
        {line.source !== 'system' && (
          <div class="line-meta">
            <span class="line-by">{line.by}</span> <span class="line-time">{line.clock}</span>
            {line.private && <span class="line-flag">Only agents see this</span>}
            {read && <span class="line-read" data-testid="line-read">Read</span>}
          </div>
        )}
        <div class="line-bubble">
          <LineBody line={line} />
        </div>
        {Translation && translatable(line) && <Translation chatId={chatId} line={line} />}
        <span class="line-actions">
          <WriteBackButtons text={() => lineText(line)} what="this line" act={act} />
        </span>
        {line.delivery && <LineDelivery chatId={chatId} line={line} onError={onError} />}
      </div>
    );
  }
}

export function Transcript({
  chatId,
  lines,
  visitorTyping,
  visitorName,
  readLineId,
  act,
  onError,
}: {
  chatId: string;
  lines: LineView[];
  visitorTyping: boolean;
  readLineId?: string;
  visitorName: string;
  act: WriteBackAct;
  onError?: (message: string) => void;
}) {
  const log = useRef<HTMLDivElement>(null);
  // One subscription for the whole transcript, not one per line.
  const translation = chatTools.use().part?.LineTranslation;
  // Preact runs effects after the browser has painted: the lines held back for the first frame.
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  // The transcript's own scroll, not scrollIntoView: that one may scroll the CRM page as well.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length, painted]);
  // Only the newest lines are drawn (more on request): a long chat opens, and a burst of lines
  // arrives, without a long task on the CRM page; new lines push the oldest drawn ones behind
  // "Show earlier lines".
  const [shown, setShown] = useState(LINES_SHOWN_AT_FIRST);
  const from = Math.max(0, lines.length - shown);
  const drawnFrom = painted ? from : Math.max(from, lines.length - LINES_DRAWN_FIRST);
  return (
    // New lines are read out once, by the panel's LineAnnouncer (every chat, not only this one).
    <div class="transcript" role="log" aria-live="off" aria-label="Transcript" ref={log}>
      {from > 0 && (
        <button type="button" class="btn show-earlier" data-testid="show-earlier" onClick={() => setShown(shown + EARLIER_LINES_STEP)}>
          Show earlier lines ({from} more)
        </button>
      )}
      {lines.slice(drawnFrom).map((line) => (
        <TranscriptLine key={line.id} chatId={chatId} line={line} act={act} onError={onError} translation={translation} read={line.id === readLineId} />
      ))}
      {visitorTyping && (
        <div class="typing" data-testid="visitor-typing">
          {visitorName} is typing…
        </div>
      )}
    </div>
  );
}
