/** Options: the account (including bots' API-key sign-in) and how often to poll. */
import { useEffect, useState } from 'preact/hooks';
import { accountSettings } from '../../settings/account';
import { DEFAULT_POLL_INTERVAL_MS, LIVEPERSON_MIN_POLL_INTERVAL_MS, pollIntervalSetting } from '../../settings/polling';
import { connectView, run, view } from '../store';

const BOT_FIELDS = [
  ['csdsUrl', 'LivePerson domain (CSDS URL)', 'url'],
  ['accountId', 'Account', 'text'],
  ['username', 'Bot user name', 'text'],
  ['appKey', 'App key', 'text'],
  ['secret', 'Secret', 'password'],
  ['accessToken', 'Access token', 'text'],
  ['accessTokenSecret', 'Access token secret', 'password'],
] as const;

type BotFields = Record<(typeof BOT_FIELDS)[number][0], string>;

function BotSignIn() {
  const [fields, setFields] = useState<BotFields>({ csdsUrl: 'https://api.liveperson.net', accountId: '', username: '', appKey: '', secret: '', accessToken: '', accessTokenSecret: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void accountSettings.getValue().then((saved) => setFields((f) => ({ ...f, csdsUrl: saved.csdsUrl, accountId: saved.accountId })));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await run('signInWithApiKey', fields);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <form data-testid="bot-form" onSubmit={submit}>
      <p class="hint">
        For bots acting as agents: LivePerson API keys (Application Login). Every request is then signed with the keys; no password is used.
        The keys stay in the browser's memory for this session only.
      </p>
      {BOT_FIELDS.map(([name, label, type]) => (
        <label key={name} class="field">
          <span>{label}</span>
          <input
            name={name}
            type={type as 'text'}
            required
            autocomplete="off"
            value={fields[name]}
            onInput={(e) => setFields((f) => ({ ...f, [name]: (e.target as HTMLInputElement).value }))}
          />
        </label>
      ))}
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary" data-testid="bot-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in as a bot'}
      </button>
    </form>
  );
}

function PollInterval() {
  const [value, setValue] = useState(DEFAULT_POLL_INTERVAL_MS);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void pollIntervalSetting.getValue().then(setValue);
  }, []);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        await pollIntervalSetting.setValue(value);
        setSaved(true);
      }}
    >
      <label class="field">
        <span>Poll interval (ms)</span>
        <input name="pollIntervalMs" type="number" min={100} step={100} value={value} onInput={(e) => setValue(Number((e.target as HTMLInputElement).value))} />
      </label>
      <p class="hint">LivePerson asks for no less than {LIVEPERSON_MIN_POLL_INTERVAL_MS} ms; shorter values apply only to a local sandbox.</p>
      <button type="submit" class="btn" data-testid="poll-save">Save</button> {saved && <span role="status">Saved.</span>}
    </form>
  );
}

export function Options() {
  useEffect(connectView, []);
  const v = view.value;
  return (
    <main class="options">
      <h1>Agent Dock options</h1>
      <section>
        <h2>Account</h2>
        <p data-testid="options-status">
          {v.auth.status === 'signed-in'
            ? `Signed in as ${v.auth.agentName}${v.auth.kind === 'bot' ? ' (bot, API key)' : ''} · account ${v.auth.accountId}`
            : 'Signed out. Agents sign in from the toolbar button; bots below.'}
        </p>
        {v.auth.status === 'signed-in' ? (
          <button type="button" class="btn" onClick={() => void run('signOut')}>
            Sign out
          </button>
        ) : (
          <BotSignIn />
        )}
      </section>
      <section>
        <h2>Polling</h2>
        <PollInterval />
      </section>
    </main>
  );
}
