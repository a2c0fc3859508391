/** Copy and Fill for any piece of a chat, and the sentence that confirms what happened (buttons: ./WriteBackButtons.tsx). */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { hostField } from './host-field';
import { chatTools } from './tools';
import type { WriteBackResult } from './write-back';
import type { WriteBackAct } from './write-back-act';

export type { WriteBackAct };

/** How long a confirmation stays; a problem stays until the next action or until dismissed. */
const CONFIRMATION_MS = 5000;

interface Status {
  result: WriteBackResult;
  /** A new number for each action, so the same sentence twice is shown (and announced) twice. */
  seq: number;
}

/** `act` is stable across renders, so memoized lines that receive it do not re-render. */
export function useWriteBack(): { status: Status | null; dismiss: () => void; act: WriteBackAct } {
  const [status, setStatus] = useState<Status | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = useCallback((result: WriteBackResult) => {
    clearTimeout(timer.current);
    setStatus({ result, seq: ++seq.current });
    if (result.ok) timer.current = setTimeout(() => setStatus(null), CONFIRMATION_MS);
  }, []);
  const act = useCallback<WriteBackAct>(
    (action, text, what, button) => {
      // Loaded with the first chat shown, so normally already here (../on-demand.ts).
      void chatTools.load().then((tools) => {
        if (!tools) return show({ ok: false, message: 'Copy and Fill could not be loaded in this tab: reload the page, then try again.' });
        if (action === 'copy') return void tools.copyText(text(), button.getRootNode() as Document | ShadowRoot, what).then(show);
        const result = tools.fillField(hostField, text());
        // Filling a rich-text field takes the focus to it; give it back to the button pressed.
        if (button.isConnected) button.focus({ preventScroll: true });
        show(result);
      });
    },
    [show],
  );
  const dismiss = useCallback(() => {
    clearTimeout(timer.current);
    setStatus(null);
  }, []);
  return { status, dismiss, act };
}

export function WriteBackStatus({ status, dismiss }: { status: Status | null; dismiss: () => void }) {
  return (
    <div class="write-back-status" role="status" data-testid="write-back-status">
      {status && (
        <span key={status.seq} class={status.result.ok ? 'write-back-done' : 'write-back-problem'} data-ok={String(status.result.ok)}>
          {status.result.message}
          {!status.result.ok && (
            <button type="button" class="btn btn-link" aria-label="Dismiss" onClick={dismiss}>
              ×
            </button>
          )}
        </span>
      )}
    </div>
  );
}
