/**
 * The popup's session health: signed in, agent session alive, last successful poll, next login
 * refresh; when something is wrong, one sentence and the one button that fixes it.
 */
import { useComputed } from '@preact/signals';
import { useState } from 'preact/hooks';
import { run, view } from '../store';

const time = (at?: number) => (at ? new Date(at).toLocaleTimeString() : '—');

export function Health() {
  // The health part alone: a new line in a chat does not redraw it.
  const v = { auth: useComputed(() => view.value.auth).value, health: useComputed(() => view.value.health).value };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = v.health.problem;
  const restart = async () => {
    setBusy(true);
    const result = await run('restartSession');
    setBusy(false);
    setError(result.ok ? null : result.message);
  };
  return (
    <>
      <dl class="facts" data-testid="session-health">
        <dt>Signed in</dt>
        <dd data-testid="health-signed-in">{v.auth.status === 'signed-in' ? 'Yes' : 'No'}</dd>
        <dt>Agent session</dt>
        <dd data-testid="health-session">{problem ? 'Not answering' : v.health.lastPollAt ? 'Alive' : 'Starting'}</dd>
        <dt>Last poll</dt>
        <dd data-testid="health-last-poll">{time(v.health.lastPollAt)}</dd>
        <dt>Next login refresh</dt>
        <dd data-testid="health-next-refresh">{time(v.health.nextLoginRefreshAt)}</dd>
      </dl>
      <p class={problem ? 'warning health' : 'health'} data-testid="health" role="status">
        {problem ?? (v.health.lastPollAt ? 'Session healthy.' : 'Waiting for the first poll…')}{' '}
        <a href="/options.html#not-ringing" target="_blank" data-testid="not-ringing-link">
          Why am I not ringing?
        </a>
      </p>
      {problem && (
        <button type="button" class="btn btn-fix" data-testid="health-fix" disabled={busy} onClick={restart}>
          {busy ? 'Restarting…' : 'Restart the session'}
        </button>
      )}
      {error && (
        <p class="error" role="alert" data-testid="health-fix-error">
          {error}
        </p>
      )}
    </>
  );
}
