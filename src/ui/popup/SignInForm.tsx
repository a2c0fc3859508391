/** The agent's password sign-in, in the popup and on the options page. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { accountSettings, LIVEPERSON_CSDS_URL, type AccountSettings } from '../../settings/account';
import { accountPolicy } from '../../settings/policy';
import { isAllowedUrl } from '../../api/allow-list';
import { SANDBOX_BUILD } from '../../settings/build-mode';
import { connectionOf, sandboxPassword } from '../../settings/sandbox-choice';
import { LOCKED_NOTE, policy } from '../policy';
import { run, view } from '../store';
import '@preact/signals'; // Our pages render with @preact/signals: a component that reads a signal's `.value` redraws when it changes.

type AccountFields = { csdsUrl: string; accountId: string };

/**
 * The administrator's preset for the account fields: a locked value always, an unlocked one only
 * while the agent has not chosen an account of their own.
 */
export function withAccountPolicy<T extends AccountFields>(fields: T): T {
  const { preset, locked } = accountPolicy(policy.value);
  const untouched = !fields.accountId;
  return {
    ...fields,
    ...(preset.csdsUrl && (locked.csdsUrl || untouched) ? { csdsUrl: preset.csdsUrl } : {}),
    ...(preset.accountId && (locked.accountId || untouched) ? { accountId: preset.accountId } : {}),
  };
}

export function lockedAccountFields(): { csdsUrl: boolean; accountId: boolean } {
  return accountPolicy(policy.value).locked;
}

export function SignInForm({ linkToOptions = false }: { linkToOptions?: boolean }) {
  const [fields, setFields] = useState({ csdsUrl: LIVEPERSON_CSDS_URL, accountId: '', username: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What the agent typed before the saved account was read stays theirs: that read only fills an untouched form.
  const typed = useRef(false);
  // Follows the saved account, so choosing the sandbox or LivePerson on the options page shows here at once.
  useEffect(() => {
    const apply = (saved: AccountSettings | null) => {
      if (!saved) return;
      // The demo password exists only in the sandbox build (../../settings/sandbox-choice.ts).
      const password = connectionOf(saved) === 'sandbox' ? sandboxPassword : '';
      setFields((f) => withAccountPolicy({ ...f, ...saved, password: f.csdsUrl === saved.csdsUrl && f.password ? f.password : password }));
    };
    void accountSettings.getValue().then((saved) => typed.current || apply(saved));
    return accountSettings.watch(apply);
  }, []);
  const reason = view.value.auth.reason;
  const locked = lockedAccountFields();
  // The policy may arrive after the saved account: apply it whenever it changes.
  useEffect(() => setFields((f) => withAccountPolicy(f)), [policy.value]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await run('signIn', fields);
    setBusy(false);
    if (!result.ok) setError(result.message);
    else setFields((f) => ({ ...f, password: '' }));
  };
  const field = (name: keyof typeof fields, label: string, type: 'text' | 'url' | 'password' = 'text', autocomplete = 'off') => {
    const isLocked = (name === 'csdsUrl' || name === 'accountId') && locked[name];
    return (
      <label class="field">
        <span>
          {label}
          {isLocked && (
            <span class="locked-note" data-testid={`locked-${name}`}>
              {' '}
              · 🔒 {LOCKED_NOTE}
            </span>
          )}
        </span>
        <input
          name={name}
          // Preact types inputs per `type` literal; a union of them needs this widening.
          type={type as 'text'}
          required
          readOnly={isLocked}
          data-locked={isLocked ? 'true' : undefined}
          autocomplete={autocomplete}
          value={fields[name]}
          onInput={(e) => {
            typed.current = true;
            setFields((f) => ({ ...f, [name]: (e.target as HTMLInputElement).value }));
          }}
        />
      </label>
    );
  };

  return (
    <form data-testid="signin-form" onSubmit={submit} aria-label="Sign in">
      <p class="status" data-testid="auth-status" role="status">
        {view.value.auth.status === 'signing-in' ? 'Signing in…' : 'Signed out'}
      </p>
      {(error ?? reason) && (
        <p class="error" role="alert" data-testid="error">
          {error ?? reason}
        </p>
      )}
      {field('csdsUrl', 'LivePerson domain (CSDS URL)', 'url')}
      {field('accountId', 'Account')}
      <SignInDestination csdsUrl={fields.csdsUrl} accountId={fields.accountId} />
      {field('username', 'User name', 'text', 'username')}
      {field('password', 'Password', 'password', 'current-password')}
      <button type="submit" class="btn btn-primary" data-testid="signin-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {linkToOptions && (
        <p class="hint">
          <a href="/options.html" target="_blank" data-testid="options-link">
            {SANDBOX_BUILD ? 'Use the sandbox or your LivePerson account' : 'Your LivePerson account'}
          </a>{' '}
          (options), or sign in as a bot.
        </p>
      )}
    </form>
  );
}

/**
 * Where the password goes, shown before it is typed: the host and account the form will use (the
 * saved account, kept where no content script can write it, src/settings/account.ts, or what the
 * agent typed). The background refuses any host that is not LivePerson's (src/api/allow-list.ts)
 * whatever this says; this lets the agent see it first (docs/security.md).
 */
export function SignInDestination({ csdsUrl, accountId }: { csdsUrl: string; accountId: string }) {
  let host: string | undefined;
  try {
    host = new URL(csdsUrl).host;
  } catch {
    host = undefined;
  }
  const allowed = host !== undefined && isAllowedUrl(csdsUrl, { allowLoopback: SANDBOX_BUILD });
  return (
    <p class={allowed ? 'hint' : 'error'} data-testid="signin-destination">
      {allowed
        ? `Your password goes to ${host} (LivePerson)${accountId ? `, account ${accountId}` : ''}.`
        : `${host ?? 'That address'} is not a LivePerson host: Agent Dock will not send your password there.`}
    </p>
  );
}
