/**
 * Alert settings: ring sound (on/off, volume, "Test ring"), desktop notifications, and going Away
 * when the computer is idle or locked (with the idle threshold). Each change is saved at once;
 * a setting the administrator locked shows its value, disabled, marked as locked.
 */
import { useEffect, useState } from 'preact/hooks';
import { alertPreferences, effectiveAlertSettings, MAX_IDLE_SECONDS, MIN_IDLE_SECONDS, type AlertKey, type AlertSettings } from '../../settings/alerts';
import { isLocked } from '../../settings/policy';
import { LOCKED_NOTE, policy } from '../policy';
import { run } from '../store';
import '@preact/signals'; // Our pages render with @preact/signals: a component that reads a signal's `.value` redraws when it changes.

export function AlertSettingsForm() {
  const [preferences, setPreferences] = useState<Partial<AlertSettings>>({});
  const [testResult, setTestResult] = useState<string | null>(null);
  useEffect(() => {
    void alertPreferences.getValue().then(setPreferences);
    return alertPreferences.watch((next) => setPreferences(next ?? {}));
  }, []);
  const settings = effectiveAlertSettings(preferences, policy.value);
  const locked = (key: AlertKey) => isLocked(policy.value, `alerts.${key}`);
  const save = (key: AlertKey, value: AlertSettings[AlertKey]) => {
    if (locked(key)) return;
    void alertPreferences.setValue({ ...preferences, [key]: value });
  };
  const lockNote = (key: AlertKey) =>
    locked(key) && (
      <span class="locked-note" data-testid={`locked-alerts-${key}`}>
        {' '}
        · 🔒 {LOCKED_NOTE}
      </span>
    );
  const checkbox = (key: 'sound' | 'notifications' | 'awayWhenIdle', label: string) => (
    <label class="check">
      <input
        type="checkbox"
        name={key}
        data-testid={`alerts-${key}`}
        checked={settings[key]}
        disabled={locked(key)}
        onChange={(e) => save(key, (e.target as HTMLInputElement).checked)}
      />{' '}
      {label}
      {lockNote(key)}
    </label>
  );
  const testRing = async () => {
    const result = await run('testRing');
    setTestResult(result.ok ? 'Playing the ring once.' : result.message);
  };
  return (
    <form data-testid="alert-settings" onSubmit={(e) => e.preventDefault()}>
      {checkbox('sound', 'Ring sound while a chat rings (plays even when no CRM tab is in front)')}
      <label class="field">
        <span>
          Ring volume: {Math.round(settings.volume * 100)}%{lockNote('volume')}
        </span>
        <input
          type="range"
          name="volume"
          data-testid="alerts-volume"
          min={0}
          max={100}
          step={5}
          value={Math.round(settings.volume * 100)}
          disabled={locked('volume')}
          onChange={(e) => save('volume', Number((e.target as HTMLInputElement).value) / 100)}
        />
      </label>
      <button type="button" class="btn" data-testid="test-ring" onClick={testRing}>
        Test ring
      </button>{' '}
      {testResult && <span role="status">{testResult}</span>}
      {checkbox('notifications', 'Desktop notification on every ring (with Accept), and when Agent Dock sets you Away')}
      {checkbox('awayWhenIdle', 'Set me Away when my computer is idle or locked')}
      <label class="field">
        <span>
          Idle after (seconds, {MIN_IDLE_SECONDS}–{MAX_IDLE_SECONDS}){lockNote('idleSeconds')}
        </span>
        <input
          type="number"
          name="idleSeconds"
          data-testid="alerts-idleSeconds"
          min={MIN_IDLE_SECONDS}
          max={MAX_IDLE_SECONDS}
          step={15}
          value={settings.idleSeconds}
          disabled={locked('idleSeconds')}
          onChange={(e) => {
            const value = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(value)) save('idleSeconds', Math.min(MAX_IDLE_SECONDS, Math.max(MIN_IDLE_SECONDS, Math.round(value))));
          }}
        />
      </label>
      <p class="hint">
        Agent Dock also sets you Away when the last CRM tab with its panel closes, and when it loses contact with LivePerson for good —
        never Online and deaf — and tells you why. Keyboard shortcuts (toggle Online/Away, accept, bring the panel forward) can be changed
        in the browser's extension shortcut settings.
      </p>
    </form>
  );
}
