/**
 * The wrap-up card, shown once a chat has ended and its agent survey is done (or there is none):
 * disposition, notes (with an on-device summary where the browser has Chrome's Summarizer API),
 * Log to CRM through the site's recipe, and Teach to make or remake that recipe. It never holds
 * up ending or closing the chat: it appears after the end, and Close stays where it was.
 */
import { useEffect, useState } from 'preact/hooks';
import { checkWrapUp } from '../../features/wrap-up/card';
import { summarizeForNotes, summarizerIn, summaryOffer, type SummaryOffer } from '../../features/wrap-up/notes-summary';
import type { ChatView } from '../../messaging/view';
import { wrapUpChat } from './chat-facts';
import { summarizerScope } from './summarizer-scope';
import { logToCrm, type LogOutcome } from './log-to-crm';
import { useCrmSiteSettings } from './site-settings';
import { Teach } from './Teach';

const NO_SUMMARIZER = 'No on-device summary: this browser has no built-in Summarizer API (Chrome 138 or later on a supported computer). Nothing is sent to a server for it.';

function Summary({ chat, setNotes }: { chat: ChatView; setNotes: (text: string) => void }) {
  const [offer, setOffer] = useState<SummaryOffer | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    void summaryOffer(summarizerIn(summarizerScope())).then(setOffer);
  }, []);
  if (offer === undefined) return null;
  if (offer === 'none') {
    return (
      <p class="hint" data-testid="summary-unavailable">
        {NO_SUMMARIZER}
      </p>
    );
  }
  const summarize = async () => {
    const api = summarizerIn(summarizerScope());
    if (!api) return;
    setBusy(true);
    const result = await summarizeForNotes(api, wrapUpChat(chat).transcript);
    setBusy(false);
    if (result.ok) setNotes(result.summary);
    else setProblem(result.reason);
  };
  return (
    <p>
      <button type="button" class="btn btn-quiet" data-testid="summarize" disabled={busy} onClick={() => void summarize()}>
        {busy ? 'Summarizing…' : offer === 'needs-download' ? 'Summarize (downloads the on-device model)' : 'Summarize on this device'}
      </button>
      {problem && <span class="warning" data-testid="summary-problem"> {problem}</span>}
    </p>
  );
}

export function WrapUpCard({ chat }: { chat: ChatView }) {
  const settings = useCrmSiteSettings();
  const [disposition, setDisposition] = useState('');
  const [notes, setNotes] = useState('');
  const [teaching, setTeaching] = useState(false);
  const [status, setStatus] = useState('');
  const [outcomes, setOutcomes] = useState<LogOutcome[]>([]);
  if (!settings) return null;
  if (!settings.ok) {
    return (
      <p class="hint" data-testid="wrap-up-unavailable">
        The wrap-up card works in the panel on the CRM page itself. ({settings.message})
      </p>
    );
  }
  const { dispositions, recipe } = settings;
  const log = async () => {
    if (!recipe) return;
    const answers = { disposition: disposition || undefined, notes };
    const problems = checkWrapUp(answers, dispositions);
    if (problems.length) {
      setStatus(problems.join(' '));
      return;
    }
    const done = await logToCrm(document, recipe, wrapUpChat(chat), answers);
    setOutcomes(done);
    const filled = done.filter((o) => o.ok).length;
    setStatus(`Filled ${filled} of ${done.length} CRM fields. Check them, then save the record yourself.`);
  };
  return (
    <section class="wrap-up-card" data-testid="wrap-up-card" aria-label="Wrap-up">
      <h3>Wrap-up</h3>
      {dispositions.choices.length > 0 ? (
        <label>
          Disposition{' '}
          <select data-testid="wrap-up-disposition" value={disposition} onChange={(e) => setDisposition((e.target as HTMLSelectElement).value)}>
            <option value="">Choose…</option>
            {dispositions.choices.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p class="hint" data-testid="wrap-up-no-dispositions">
          No dispositions are set for this site (options page).
        </p>
      )}
      <label class="wrap-up-notes">
        Notes
        <textarea data-testid="wrap-up-notes" value={notes} maxLength={10_000} onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)} />
      </label>
      <Summary chat={chat} setNotes={setNotes} />
      {teaching ? (
        <Teach
          done={(message) => {
            setTeaching(false);
            setStatus(message);
          }}
        />
      ) : (
        <div class="wrap-up-actions">
          <button type="button" class="btn btn-primary" data-testid="log-to-crm" disabled={!recipe} title={recipe ? '' : 'Teach the CRM fields first'} onClick={() => void log()}>
            Log to CRM
          </button>{' '}
          {!recipe?.locked && (
            <button type="button" class="btn btn-quiet" data-testid="teach-start" onClick={() => setTeaching(true)}>
              {recipe ? 'Teach again' : 'Teach CRM fields'}
            </button>
          )}
        </div>
      )}
      {status && (
        <p class="hint" role="status" data-testid="wrap-up-status">
          {status}
        </p>
      )}
      {outcomes.length > 0 && (
        <ul data-testid="log-results">
          {outcomes.map((o) => (
            <li key={o.label} class={o.ok ? '' : 'warning'} data-testid="log-result" data-ok={String(o.ok)}>
              {o.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
