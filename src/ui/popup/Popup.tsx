/** The toolbar popup: sign in, one-click availability, status at a glance. */
import { useComputed } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { Capacity } from '../../messaging/protocol';
import { awaitingFirstView } from '../../messaging/view';
import { followPolicy } from '../policy';
import { useRingCountdown } from '../ring-countdown';
import { connectView, run, view } from '../store';
import { Health } from './Health';
import { SignInForm } from './SignInForm';
import { ThisSite } from './ThisSite';

const STATES = ['Online', 'Away', 'Occupied'] as const;
/** LivePerson Messaging adds Back soon, and carries an away reason (the state's description). */
const MESSAGING_STATES = ['Online', 'Away', 'Back soon', 'Occupied'] as const;

function Status() {
  const v = view.value;
  const [error, setError] = useState<string | null>(null);
  const act = async (result: Promise<{ ok: true } | { ok: false; message: string }>) => {
    const r = await result;
    setError(r.ok ? null : r.message);
  };
  // Rendered with @preact/signals: reading `.value` redraws this part when the view changes.
  const open = useComputed(() => view.value.chats.filter((c) => c.state !== 'ended').length).value;
  const draining = !!v.presence?.draining;
  const messaging = v.auth.protocol === 'messaging';
  const [reason, setReason] = useState('');
  // The account's away reasons (Messaging: LivePerson's Agent Status Reason API); none: the agent types one.
  const [reasons, setReasons] = useState<string[]>([]);
  useEffect(() => {
    if (messaging) void run('getAwayReasons').then((result) => setReasons(result.ok ? result.reasons : []));
  }, [messaging]);
  const awayIn = useRingCountdown();
  // Capacity is read when the popup opens and when availability changes: where the agent decides.
  const [capacity, setCapacity] = useState<Capacity | null>(null);
  useEffect(() => {
    void run('getCapacity').then((result) => setCapacity(result.ok ? result : null));
  }, [v.availability, open]);
  return (
    <div>
      <p class="status" data-testid="auth-status">
        Signed in as <strong>{v.auth.agentName}</strong> · account {v.auth.accountId}
      </p>
      <div class="availability">
        <span class="label">Availability</span>
        <strong class={`state state-${v.availability ?? 'none'}`} data-testid="availability">
          {v.availability ?? 'Unknown'}
        </strong>
      </div>
      {draining && (
        <p class="hint draining" data-testid="draining">
          Finishing {open} chat{open === 1 ? '' : 's'}, then Away
        </p>
      )}
      <div class="buttons" role="group" aria-label="Set availability">
        {(messaging ? MESSAGING_STATES : STATES).map((state) => (
          <button
            key={state}
            type="button"
            class="btn"
            data-testid={`availability-${state}`}
            aria-pressed={v.availability === state && !draining}
            onClick={() => act(run('setAvailability', messaging && reason && (state === 'Away' || state === 'Back soon') ? { state, reason } : { state }))}
          >
            {state}
          </button>
        ))}
      </div>
      {messaging && (
        // The reason goes with Away or Back soon as the state's description (docs/reference/messaging.md §5).
        <label class="field away-reason">
          <span>Away reason (optional)</span>
          {reasons.length > 0 ? (
            <select data-testid="away-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">No reason</option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          ) : (
            <input data-testid="away-reason" maxLength={80} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </label>
      )}
      <button
        type="button"
        class="btn btn-drain"
        data-testid="availability-drain"
        aria-pressed={draining}
        title="No new chats; the open ones go on; Away when the last one ends"
        onClick={() => act(run('finishChatsThenAway'))}
      >
        Finish my chats, then Away
      </button>
      {v.presence?.awayNotice && v.availability === 'Away' && (
        <p class="warning" data-testid="away-notice" role="status">
          {v.presence.awayNotice.reason}
        </p>
      )}
      <dl class="facts">
        <dt>Ringing</dt>
        <dd>
          <span data-testid="ringing-count">{v.ringing.count}</span>
          {awayIn !== undefined && (
            <span class="ring-countdown" data-testid="ring-countdown">
              {awayIn > 0 ? ` · Away in ${awayIn} s` : ' · Away now'}
            </span>
          )}
        </dd>
        <dt>Open chats</dt>
        <dd data-testid="open-chats">{open}</dd>
        {capacity && (
          <>
            <dt>Your free slots</dt>
            <dd data-testid="my-slots">{capacity.mySlots < 0 ? 'unlimited' : capacity.mySlots}</dd>
            <dt>Agents online</dt>
            <dd data-testid="online-agents">{capacity.onlineAgents}</dd>
            <dt>Free slots, all agents</dt>
            <dd>{capacity.accountSlots < 0 ? 'unlimited' : capacity.accountSlots}</dd>
          </>
        )}
        {v.agent && (
          <>
            <dt>Skills</dt>
            <dd data-testid="skills">{v.agent.skills.map((s) => s.name).join(', ') || '—'}</dd>
          </>
        )}
      </dl>
      <Health />
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      <button type="button" class="btn" data-testid="signout" onClick={() => act(run('signOut'))}>
        Sign out
      </button>
    </div>
  );
}

export function Popup() {
  const v = view.value;
  useEffect(connectView, []);
  useEffect(followPolicy, []);
  const connecting = awaitingFirstView(v);
  return (
    <main class="popup" aria-busy={connecting}>
      <h1>Agent Dock</h1>
      {connecting ? (
        <p class="status" data-testid="auth-status" role="status">
          Connecting…
        </p>
      ) : v.auth.status === 'signed-in' ? (
        <Status />
      ) : (
        <SignInForm linkToOptions />
      )}
      <ThisSite />
    </main>
  );
}
