/**
 * Options → Sites: where the panel runs and how it sits there, per site; import/export as JSON.
 * Enabling a site asks the browser for that site only; turning it off gives the access back.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { exportSiteRules, parseSiteRulesFile } from '../../settings/site-rules';
import { PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, siteRules, type SiteRule } from '../../settings/sites';
import { addSite, hasAccess, removeRule, setRuleEnabled, updateRule, type SiteActionResult } from '../site-actions';
import { download } from './download';
import { ImportJsonButton } from './ImportJsonButton';

function useRules(): SiteRule[] | null {
  const [rules, setRules] = useState<SiteRule[] | null>(null);
  useEffect(() => {
    void siteRules.getValue().then(setRules);
    return siteRules.watch((next) => setRules(next ?? []));
  }, []);
  return rules;
}

/** Which rules have their site's access; asked again when the agent grants or removes one. */
function useAccess(rules: SiteRule[] | null): Record<string, boolean> {
  const [access, setAccess] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (!rules) return;
    const check = () =>
      void Promise.all(rules.map(async (r) => [r.match, await hasAccess(r.match)] as const)).then((pairs) => setAccess(Object.fromEntries(pairs)));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [rules]);
  return access;
}

function status(rule: SiteRule, granted: boolean | undefined): string {
  if (!rule.enabled) return 'Off';
  if (granted === false) return 'Needs access';
  return rule.mode === 'side-panel' ? 'Runs in the side panel' : 'Runs here';
}

function RuleRow({ rule, granted, onResult }: { rule: SiteRule; granted: boolean | undefined; onResult(r: SiteActionResult): void }) {
  const locked = !!rule.locked;
  const patch = (p: Partial<SiteRule>) => void updateRule(rule.match, p);
  const checkbox = (key: 'startCollapsed' | 'autoOpenOnRing' | 'pushPage' | 'frames', label: string) => (
    <label class="site-flag">
      <input type="checkbox" name={key} checked={rule[key]} disabled={locked} onChange={(e) => patch({ [key]: (e.target as HTMLInputElement).checked })} />
      {label}
    </label>
  );
  return (
    <li class="site" data-testid="site-rule" data-match={rule.match}>
      <div class="site-head">
        <label class="site-enabled">
          <input
            type="checkbox"
            name="enabled"
            data-testid="site-enabled"
            checked={rule.enabled}
            disabled={locked}
            onChange={async (e) => onResult(await setRuleEnabled(rule.match, (e.target as HTMLInputElement).checked))}
          />
          <code>{rule.match}</code>
        </label>
        <span class="site-status" data-testid="site-status">
          {status(rule, granted)}
          {locked && ' · set by your administrator'}
        </span>
        {rule.enabled && granted === false && !locked && (
          <button type="button" class="btn" onClick={async () => onResult(await setRuleEnabled(rule.match, true))}>
            Grant access
          </button>
        )}
        {!locked && (
          <button type="button" class="btn" data-testid="site-remove" aria-label={`Remove ${rule.match}`} onClick={() => void removeRule(rule.match)}>
            Remove
          </button>
        )}
      </div>
      <fieldset class="site-layout" disabled={locked}>
        <legend class="sr-only">Layout on {rule.match}</legend>
        <label>
          Where{' '}
          <select name="mode" value={rule.mode} onChange={(e) => patch({ mode: (e.target as HTMLSelectElement).value as SiteRule['mode'] })}>
            <option value="in-page">In the page</option>
            <option value="side-panel">Browser side panel (Chrome)</option>
          </select>
        </label>
        <label>
          Dock{' '}
          <select name="dock" data-testid="site-dock" value={rule.dock} onChange={(e) => patch({ dock: (e.target as HTMLSelectElement).value as SiteRule['dock'] })}>
            <option value="right">Right</option>
            <option value="left">Left</option>
            <option value="floating">Floating</option>
          </select>
        </label>
        <label>
          Width (px){' '}
          <input
            type="number"
            name="width"
            min={PANEL_MIN_WIDTH}
            max={PANEL_MAX_WIDTH}
            step={10}
            value={rule.width}
            onChange={(e) => {
              const width = Math.round(Number((e.target as HTMLInputElement).value));
              if (width >= PANEL_MIN_WIDTH && width <= PANEL_MAX_WIDTH) patch({ width });
            }}
          />
        </label>
        <label>
          z-index{' '}
          <input
            type="number"
            name="zIndex"
            min={0}
            placeholder="default"
            value={rule.zIndex ?? ''}
            onChange={(e) => {
              const raw = (e.target as HTMLInputElement).value;
              patch({ zIndex: raw === '' ? undefined : Math.max(0, Math.min(2147483647, Math.round(Number(raw)))) });
            }}
          />
        </label>
        {checkbox('startCollapsed', 'Start collapsed')}
        {checkbox('autoOpenOnRing', 'Open on ring')}
        {checkbox('pushPage', 'Push the page aside')}
        {checkbox('frames', 'Also inside frames')}
      </fieldset>
    </li>
  );
}

export function Sites() {
  const rules = useRules();
  const access = useAccess(rules);
  const [match, setMatch] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; lines: string[] } | null>(null);
  const onResult = (result: SiteActionResult) => setMessage(result.ok ? null : { kind: 'error', lines: [result.message] });

  const importFile = async (file: File) => {
    const parsed = parseSiteRulesFile(await file.text());
    if (!parsed.ok) return setMessage({ kind: 'error', lines: [`${file.name} was not imported:`, ...parsed.errors] });
    const current = await siteRules.getValue();
    const locked = current.filter((r) => r.locked);
    await siteRules.setValue([...locked, ...parsed.rules.filter((r) => !locked.some((l) => l.match === r.match))]);
    setMessage({ kind: 'status', lines: [`Imported ${parsed.rules.length} site rule${parsed.rules.length === 1 ? '' : 's'}. Sites that still need access say so below.`] });
  };

  return (
    <div class="sites">
      <p class="hint">
        The panel runs only on the sites listed here. Adding one asks your browser for that site alone; turning it off gives the access back.
        A URL pattern (<code>https://*.example.com/app/*</code>) covers several pages; when rules overlap, the most specific one wins.
      </p>
      <form
        class="site-add"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await addSite(match);
          onResult(result);
          if (result.ok) setMatch('');
        }}
      >
        <label class="field">
          <span>Site (origin or URL pattern)</span>
          <input name="site" data-testid="site-input" placeholder="https://crm.example.com" value={match} onInput={(e) => setMatch((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="btn btn-primary" data-testid="site-add">
          Show the panel on this site
        </button>
      </form>
      {message && (
        <div class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={message.kind === 'error' ? 'sites-error' : 'sites-status'}>
          {message.lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
      <h3>Where the panel runs</h3>
      {rules && rules.length === 0 && <p class="hint">Nowhere yet.</p>}
      <ul class="site-list" data-testid="site-list">
        {rules?.map((rule) => <RuleRow key={rule.match} rule={rule} granted={access[rule.match]} onResult={onResult} />)}
      </ul>
      <div class="site-io">
        <button type="button" class="btn" data-testid="sites-export" onClick={async () => download('agent-dock-sites.json', exportSiteRules(await siteRules.getValue()))}>
          Export rules (JSON)
        </button>
        <ImportJsonButton label="Import rules (JSON)" testId="sites-import" onFile={importFile} />
      </div>
    </div>
  );
}
