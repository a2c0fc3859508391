/**
 * "Write in my language": once a visitor line was found in another language, the agent may write
 * in theirs, press Preview, read exactly what the visitor will receive, and Send sends that text
 * (../translation/outgoing-state.ts holds it back until then, and again after any edit).
 */
import { useState } from 'preact/hooks';
import { previewOutgoing } from '../../../features/translation/outgoing';
import { useSignalValue } from '../../state/use-signal-value';
import { outgoingPreviews, translateMode, visitorLanguages } from './outgoing-state';
import { agentLanguage, translationService } from './service';

export function ComposerTranslation({ chatId, draft }: { chatId: string; draft: string }) {
  const languages = useSignalValue(visitorLanguages);
  const modes = useSignalValue(translateMode);
  const previews = useSignalValue(outgoingPreviews);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const visitor = languages[chatId];
  const service = translationService();
  if (!visitor || !service) return null;
  const on = modes[chatId] === true;
  const preview = previews[chatId];
  const current = preview && preview.original === draft.trim();

  const makePreview = async () => {
    setBusy(true);
    setProblem(undefined);
    const result = await previewOutgoing(service, draft.trim(), { agent: agentLanguage(), visitor });
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    if (!result.preview) return setProblem('The visitor reads your language: nothing to translate.');
    outgoingPreviews.value = { ...outgoingPreviews.peek(), [chatId]: result.preview };
  };

  return (
    <div class="composer-translation" data-testid="composer-translation">
      <label class="private-toggle">
        <input
          type="checkbox"
          data-testid="translate-outgoing"
          checked={on}
          onChange={(e) => (translateMode.value = { ...translateMode.peek(), [chatId]: (e.target as HTMLInputElement).checked })}
        />{' '}
        Write in my language, send in “{visitor}”
      </label>
      {on && (
        <>
          <button type="button" class="btn btn-quiet" data-testid="translation-preview-button" disabled={busy || !draft.trim()} onClick={() => void makePreview()}>
            {busy ? 'Translating…' : 'Preview'}
          </button>
          {preview && (
            <div class="translate-preview" data-testid="translation-preview" data-current={current ? 'true' : 'false'} lang={preview.to} dir="auto">
              {current ? 'Send will send: ' : 'Changed since this preview (preview again): '}
              <span data-testid="translation-preview-text">{preview.translated}</span>
            </div>
          )}
          {problem && (
            <div class="warning" role="status" data-testid="translation-problem">
              {problem}
            </div>
          )}
        </>
      )}
    </div>
  );
}
