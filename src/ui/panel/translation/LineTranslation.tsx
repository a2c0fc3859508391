/**
 * Beneath a visitor line in another language: its on-device translation, as text (never HTML: a
 * translation of hostile text is as hostile). The original stays above it and in the transcript.
 * Beneath an agent line sent translated: what the agent wrote.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LineView } from '../../../messaging/view';
import { translateFrom } from '../../../features/translation/languages';
import { useSignalValue } from '../../state/use-signal-value';
import { originalKey, sentOriginals, visitorLanguages } from './outgoing-state';
import { agentLanguage, translationService } from './service';

type Shown = { kind: 'translated'; text: string; from: string } | { kind: 'needs-click'; from: string; message: string } | { kind: 'failed'; message: string };

export function LineTranslation({ chatId, line }: { chatId: string; line: LineView }) {
  if (line.source === 'agent') return <SentOriginal chatId={chatId} line={line} />;
  return <VisitorLineTranslation chatId={chatId} line={line} />;
}

function SentOriginal({ chatId, line }: { chatId: string; line: LineView }) {
  const originals = useSignalValue(sentOriginals);
  const original = originals[originalKey(chatId, line.text)];
  if (original === undefined) return null;
  return (
    <div class="line-translation" data-testid="line-original" dir="auto">
      You wrote: {original}
    </div>
  );
}

function VisitorLineTranslation({ chatId, line }: { chatId: string; line: LineView }) {
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  const translate = async (from: string, signal?: AbortSignal) => {
    const service = translationService();
    if (!service) return;
    const result = await service.translate(line.text, from, agentLanguage(), { signal });
    if (signal?.aborted) return;
    if (result.ok) setShown({ kind: 'translated', text: result.text, from });
    else if (result.reason === 'needs-user-gesture') setShown({ kind: 'needs-click', from, message: result.message });
    else if (result.reason !== 'aborted') setShown({ kind: 'failed', message: result.message });
  };
  useEffect(() => {
    setShown(undefined); // another line (or its text changed): the old translation is not its
    const service = translationService();
    if (!service) return;
    const controller = new AbortController();
    void (async () => {
      const detection = await service.detect(line.text, { signal: controller.signal });
      const from = translateFrom(line.text, detection, agentLanguage());
      if (!from || controller.signal.aborted) return;
      visitorLanguages.value = { ...visitorLanguages.peek(), [chatId]: from };
      await translate(from, controller.signal);
    })();
    return () => controller.abort();
  }, [chatId, line.text]);

  if (!shown) return null;
  if (shown.kind === 'needs-click') {
    return (
      <div class="line-translation">
        <button type="button" class="btn btn-quiet" data-testid="translate-line" title={shown.message} onClick={() => void translate(shown.from)}>
          Translate
        </button>
      </div>
    );
  }
  if (shown.kind === 'failed') return <div class="line-translation" data-testid="line-translation-failed">{shown.message}</div>;
  return (
    <div class="line-translation" data-testid="line-translation" lang={agentLanguage()} dir="auto" title={`Translated on this computer from ${shown.from}`}>
      {shown.text}
    </div>
  );
}
