/**
 * Reply-due thresholds: when a waiting visitor's timer turns amber and red, and whether a chat
 * going red raises a notification; for every site and per site (an origin or URL pattern, the
 * most specific wins). Saved at once; a value the administrator locked shows disabled, marked.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  effectiveReplyDue,
  MAX_THRESHOLD_SECONDS,
  MIN_THRESHOLD_SECONDS,
  replyDuePreferencesItem,
  type ReplyDueSettings,
} from '../../features/reply-due/settings';
import { parseSitePattern } from '../../settings/site-match';
import { LOCKED_NOTE, policy } from '../policy';
import '@preact/signals'; // Our pages render with @preact/signals: a component that reads a signal's `.value` redraws when it changes.

type Seconds = 'amberSeconds' | 'redSeconds';
type Site = NonNullable<ReplyDueSettings['sites']>[number];

const clampSeconds = (value: number) => Math.min(MAX_THRESHOLD_SECONDS, Math.max(MIN_THRESHOLD_SECONDS, Math.round(value)));

export function ReplyDueForm() {
  const [preferences, setPreferences] = useState<ReplyDueSettings>({});
  const [newSite, setNewSite] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void replyDuePreferencesItem.getValue().then(setPreferences);
    return replyDuePreferencesItem.watch((next) => setPreferences(next ?? {}));
  }, []);
  const everywhere = effectiveReplyDue(preferences, policy.value);
  const save = (next: ReplyDueSettings) => void replyDuePreferencesItem.setValue(next);
  const lockNote = (key: Seconds | 'notify') =>
    everywhere.locked[key] && (
      <span class="locked-note" data-testid={`locked-replyDue-${key}`}>
        {' '}
        · 🔒 {LOCKED_NOTE}
      </span>
    );
  const secondsInput = (key: Seconds, value: number, onValue: (n: number) => void, testId: string) => (
    <input
      type="number"
      data-testid={testId}
      min={MIN_THRESHOLD_SECONDS}
      max={MAX_THRESHOLD_SECONDS}
      value={value}
      disabled={everywhere.locked[key]}
      onChange={(e) => {
        const n = Number((e.target as HTMLInputElement).value);
        if (Number.isFinite(n)) onValue(clampSeconds(n));
      }}
    />
  );
  const sites = preferences.sites ?? [];
  const setSite = (index: number, site: Site) => save({ ...preferences, sites: sites.map((s, i) => (i === index ? site : s)) });
  const addSite = () => {
    const parsed = parseSitePattern(newSite.trim());
    if (typeof parsed === 'string') return setProblem(parsed);
    if (sites.some((s) => s.match === newSite.trim())) return setProblem('That site has its own thresholds already.');
    setProblem(null);
    save({ ...preferences, sites: [...sites, { match: newSite.trim(), amberSeconds: everywhere.amberSeconds, redSeconds: everywhere.redSeconds }] });
    setNewSite('');
  };

  return (
    <form data-testid="reply-due-settings" onSubmit={(e) => e.preventDefault()}>
      <p class="hint">
        Each chat tab shows how long the visitor has waited for an answer: amber, then red. The time comes from the lines themselves, so it
        is right after a reload too. Red is never before amber.
      </p>
      <label class="field">
        <span>Amber after (seconds){lockNote('amberSeconds')}</span>
        {secondsInput('amberSeconds', everywhere.amberSeconds, (n) => save({ ...preferences, amberSeconds: n }), 'replyDue-amberSeconds')}
      </label>
      <label class="field">
        <span>Red after (seconds){lockNote('redSeconds')}</span>
        {secondsInput('redSeconds', everywhere.redSeconds, (n) => save({ ...preferences, redSeconds: n }), 'replyDue-redSeconds')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          data-testid="replyDue-notify"
          checked={everywhere.notify}
          disabled={everywhere.locked.notify}
          onChange={(e) => save({ ...preferences, notify: (e.target as HTMLInputElement).checked })}
        />{' '}
        A notification when a chat turns red while I am not looking at the panel (the toolbar badge counts red chats always)
        {lockNote('notify')}
      </label>
      <h3>Per site</h3>
      {sites.length === 0 && <p class="hint">Every site uses the values above.</p>}
      <ul class="plain-list" data-testid="replyDue-sites">
        {sites.map((site, index) => {
          return (
            <li key={site.match} data-testid="replyDue-site">
              <code>{site.match}</code> amber{' '}
              {secondsInput('amberSeconds', site.amberSeconds ?? everywhere.amberSeconds, (n) => setSite(index, { ...site, amberSeconds: n }), 'replyDue-site-amber')} s,
              red {secondsInput('redSeconds', site.redSeconds ?? everywhere.redSeconds, (n) => setSite(index, { ...site, redSeconds: n }), 'replyDue-site-red')} s{' '}
              <button type="button" class="btn btn-quiet" onClick={() => save({ ...preferences, sites: sites.filter((_, i) => i !== index) })}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <label class="field">
        <span>Site (origin or URL pattern, e.g. https://crm.example.com)</span>
        <input type="text" data-testid="replyDue-new-site" value={newSite} onInput={(e) => setNewSite((e.target as HTMLInputElement).value)} />
      </label>
      <button type="button" class="btn" data-testid="replyDue-add-site" onClick={addSite}>
        Add site thresholds
      </button>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
