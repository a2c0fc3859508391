/**
 * Options: the two ways in (the sandbox or the agent's LivePerson account), sign-in (password, or
 * API keys for bots), "Why am I not ringing?" checked against the live session, and polling.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Capacity } from '../../messaging/protocol';
import { awaitingFirstView } from '../../messaging/view';
import { accountSettings, livePersonAccount, type AccountSettings } from '../../settings/account';
import { ProtocolChoice } from './ProtocolChoice';
import { DEFAULT_POLL_INTERVAL_MS, LIVEPERSON_MIN_POLL_INTERVAL_MS, pollIntervalSetting } from '../../settings/polling';
import { SANDBOX_BUILD } from '../../settings/build-mode';
import { connectionOf, sandboxAccount, type Connection } from '../../settings/sandbox-choice';
import { lockedAccountFields, SignInForm, withAccountPolicy } from '../popup/SignInForm';
import { followPolicy, LOCKED_NOTE, policy } from '../policy';
import { Sites } from './Sites';
import { CrmSettings } from './CrmSettings';
import { connectView, run, view } from '../store';
import { AlertSettingsForm } from './AlertSettingsForm';
import { ReplyDueForm } from './ReplyDueForm';
import { TranslationSupportNote } from './TranslationSupportNote';
import { CannedResponsesEditor } from './CannedResponsesEditor';
import { ShortcutsEditor } from './ShortcutsEditor';
import '@preact/signals'; // Our pages render with @preact/signals: a component that reads a signal's `.value` redraws when it changes.

/** Switching is one click: the sandbox's account, or the agent's own one back as they left it. */
async function switchConnection(next: Connection): Promise<void> {
  const current = await accountSettings.getValue();
  if (connectionOf(current) === next) return;
  if (next === 'sandbox') {
    await livePersonAccount.setValue(current);
    if (sandboxAccount) await accountSettings.setValue(sandboxAccount);
  } else {
    await accountSettings.setValue(await livePersonAccount.getValue());
  }
}

function ConnectionSwitch({ locked }: { locked: boolean }) {
  const [connection, setConnection] = useState<Connection | null>(null);
  useEffect(() => {
    const apply = (saved: AccountSettings | null) => saved && setConnection(connectionOf(saved));
    void accountSettings.getValue().then(apply);
    return accountSettings.watch(apply);
  }, []);
  const choice = (value: Connection, title: string, detail: string) => (
    <label class="choice">
      <input
        type="radio"
        name="connection"
        value={value}
        data-testid={`use-${value}`}
        checked={connection === value}
        onChange={() => void switchConnection(value)}
      />
      <span>
        <strong>{title}</strong>
        <span class="hint">{detail}</span>
      </span>
    </label>
  );
  return (
    <fieldset class="connection" data-testid="connection" disabled={locked || lockedAccountFields().csdsUrl}>
      <legend>Two ways in</legend>
      {choice(
        'sandbox',
        'Use the sandbox',
        `The local LivePerson emulator \`npm start\` runs: ${sandboxAccount?.csdsUrl}, demo account ${sandboxAccount?.accountId}, user ${sandboxAccount?.username}.`,
      )}
      {choice(
        'liveperson',
        'Use my LivePerson account',
        'Your account on LivePerson: the Domain API at api.liveperson.net finds its data centre.',
      )}
      {locked && <p class="hint">Sign out to switch.</p>}
      {lockedAccountFields().csdsUrl && (
        <p class="hint locked-note" data-testid="locked-connection">
          🔒 {LOCKED_NOTE}: {policy.value.csdsUrl}
        </p>
      )}
    </fieldset>
  );
}

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
    void accountSettings.getValue().then((saved) => setFields((f) => withAccountPolicy({ ...f, csdsUrl: saved.csdsUrl, accountId: saved.accountId })));
  }, []);
  useEffect(() => setFields((f) => withAccountPolicy(f)), [policy.value]);
  const locked = lockedAccountFields();

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
          <span>
            {label}
            {(name === 'csdsUrl' || name === 'accountId') && locked[name] && <span class="locked-note"> · 🔒 {LOCKED_NOTE}</span>}
          </span>
          <input
            name={name}
            type={type as 'text'}
            readOnly={(name === 'csdsUrl' || name === 'accountId') && locked[name]}
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

type Check = { id: string; ok: boolean; label: string; fix: string };

/** "Why am I not ringing?": each condition LivePerson needs before it routes a chat, checked live. */
function NotRinging() {
  const v = view.value;
  const signedIn = v.auth.status === 'signed-in';
  const [capacity, setCapacity] = useState<Capacity | null>(null);
  useEffect(() => {
    if (!signedIn) return setCapacity(null);
    void run('getCapacity').then((result) => setCapacity(result.ok ? result : null));
  }, [signedIn, v.availability, v.chats.length]);
  // No verdicts before the background's first view: they would all read "Check".
  if (awaitingFirstView(v)) return <p role="status">Connecting…</p>;
  const skills = v.agent?.skills ?? [];
  const checks: Check[] = [
    { id: 'signed-in', ok: signedIn, label: 'Signed in', fix: 'Sign in above, or from the toolbar button.' },
    {
      id: 'availability',
      ok: v.availability === 'Online',
      label: `Availability: ${v.availability ?? 'unknown'}`,
      fix: 'Only Online agents get new chats. A ring left unanswered for 20 seconds sets you Away: press Online in the popup.',
    },
    {
      id: 'skills',
      ok: skills.length > 0,
      label: `Skills: ${skills.map((s) => s.name).join(', ') || 'none'}`,
      fix: 'Chats are routed by skill: a visitor asking for a skill you lack rings someone else. Ask your LivePerson admin.',
    },
    {
      id: 'slots',
      ok: capacity !== null && capacity.mySlots !== 0,
      label: `Free slots: ${capacity === null ? 'unknown' : capacity.mySlots < 0 ? 'unlimited' : capacity.mySlots}`,
      fix: 'At your maximum of concurrent chats no new chat rings: end or transfer one.',
    },
    {
      id: 'health',
      ok: signedIn && !v.health.problem && v.health.lastPollAt !== undefined,
      label: v.health.problem ?? (v.health.lastPollAt ? `Session healthy, last poll ${new Date(v.health.lastPollAt).toLocaleTimeString()}` : 'No poll yet'),
      fix: 'Agent Dock polls LivePerson for rings; while it cannot, nothing rings. The line above says why; signing in again starts a new session.',
    },
  ];
  return (
    <ul class="checks" data-testid="not-ringing-checks">
      {checks.map((check) => (
        <li key={check.id} class={check.ok ? 'check-ok' : 'check-bad'} data-testid={`check-${check.id}`} data-ok={String(check.ok)}>
          <strong>{check.ok ? 'OK' : 'Check'}</strong> {check.label}
          {!check.ok && <div class="hint">{check.fix}</div>}
        </li>
      ))}
    </ul>
  );
}

/** The account part: it follows the view (signed in or not); the forms below it do not redraw with every poll. */
function AccountSection() {
  const v = view.value;
  const signedIn = v.auth.status === 'signed-in';
  if (awaitingFirstView(v)) {
    return (
      <section aria-labelledby="account-title" aria-busy="true">
        <h2 id="account-title">Account</h2>
        <p data-testid="options-status" role="status">
          Connecting…
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      {/* The store build has no sandbox to switch to. */}
      {SANDBOX_BUILD && <ConnectionSwitch locked={signedIn} />}
      <ProtocolChoice locked={signedIn} />
      <p data-testid="options-status" role="status">
        {signedIn
          ? `Signed in as ${v.auth.agentName}${v.auth.kind === 'bot' ? ' (bot, API key)' : ''} · account ${v.auth.accountId}`
          : 'Signed out.'}
      </p>
      {signedIn ? (
        <button type="button" class="btn" data-testid="options-signout" onClick={() => void run('signOut')}>
          Sign out
        </button>
      ) : (
        <>
          <SignInForm />
          <h3 class="bot">Or sign in as a bot (API keys)</h3>
          <BotSignIn />
        </>
      )}
    </section>
  );
}

export function Options() {
  useEffect(connectView, []);
  useEffect(followPolicy, []);
  // Only the parts that show the view or the policy read them: a poll's view must not redraw a
  // form the agent is typing in (a controlled field would be reset under the cursor).
  return (
    <main class="options">
      <h1>Agent Dock options</h1>
      <AccountSection />
      <section id="not-ringing" aria-labelledby="not-ringing-title">
        <h2 id="not-ringing-title">Why am I not ringing?</h2>
        <NotRinging />
      </section>
      <section aria-labelledby="alerts-title">
        <h2 id="alerts-title">Alerts and presence</h2>
        <AlertSettingsForm />
      </section>

      <section id="sites" aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        <Sites />
      </section>
      <section id="crm" aria-labelledby="crm-title">
        <h2 id="crm-title">CRM record &amp; wrap-up</h2>
        <CrmSettings />
      </section>
      <section id="canned-responses" aria-labelledby="canned-title">
        <h2 id="canned-title">Canned responses</h2>
        <CannedResponsesEditor />
      </section>
      <section id="shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Panel shortcuts</h2>
        <ShortcutsEditor />
      </section>
      <section aria-labelledby="polling-title">
        <h2 id="polling-title">Polling</h2>
        <PollInterval />
      </section>
      <section id="reply-due" aria-labelledby="reply-due-title">
        <h2 id="reply-due-title">Reply-due timers</h2>
        <ReplyDueForm />
      </section>
      <section id="translation" aria-labelledby="translation-title">
        <h2 id="translation-title">On-device translation</h2>
        <TranslationSupportNote />
      </section>
    </main>
  );
}
