/** The Copy and Fill buttons of a piece of a chat (a line, a visitor fact); ./WriteBack.tsx acts on them. */
import { hostField } from './host-field';
import type { WriteBackAct } from './write-back-act';

/** Copy, and Fill when the panel sits on a CRM page whose fields it can fill. */
export function WriteBackButtons({ text, what, act }: { text: () => string; what: string; act: WriteBackAct }) {
  return (
    <span class="write-back-actions">
      <button
        type="button"
        class="btn-write-back"
        data-testid="copy"
        aria-label={`Copy ${what}`}
        title={`Copy ${what} to the clipboard`}
        onClick={(event) => act('copy', text, what, event.currentTarget)}
      >
        Copy
      </button>
      {hostField.watching && (
        <button
          type="button"
          class="btn-write-back"
          data-testid="fill"
          aria-label={`Fill ${what} into the page field you last clicked`}
          title={`Fill ${what} into the page field you last clicked`}
          onClick={(event) => act('fill', text, what, event.currentTarget)}
        >
          Fill
        </button>
      )}
    </span>
  );
}
