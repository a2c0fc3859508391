/**
 * Options → CRM record & wrap-up (#22): per site, the record-lookup template behind Open record;
 * the wrap-up dispositions (per site or for all sites); the CRM recipes Teach made, exported to a
 * file and imported in another profile. The administrator's entries (managed policy keys
 * `crmRecordTemplates`, `dispositions`, `crmRecipes`) replace the agent's for the same site and,
 * when locked, cannot be changed here.
 */
import { useEffect, useState } from 'preact/hooks';
import { setOwnCrmRecordSetting, mergeCrmRecordSettings, type CrmRecordSetting } from '../../features/crm-record/settings';
import { readOwnCrmRecordSettings, saveOwnCrmRecordSettings } from '../../features/crm-record/stored';
import { fleetCrmSettings, type FleetCrmSettings } from '../../settings/crm-site';
import { dispositionListSchema, type DispositionList } from '../../features/wrap-up/card';
import type { Recipe } from '../../features/wrap-up/recipe';
import { exportRecipes, mergeRecipes, parseRecipesFile, saveTaughtRecipe } from '../../features/wrap-up/recipe-file';
import { readOwnDispositions, readOwnRecipes, saveOwnDispositions, saveOwnRecipes } from '../../features/wrap-up/stored';
import { readManagedPolicy } from '../../settings/policy';

interface Loaded {
  templates: CrmRecordSetting[];
  dispositions: DispositionList[];
  recipes: Recipe[];
  fleet: FleetCrmSettings;
  problems: string[];
}

async function load(): Promise<Loaded> {
  const [templates, dispositions, recipes, policy] = await Promise.all([readOwnCrmRecordSettings(), readOwnDispositions(), readOwnRecipes(), readManagedPolicy()]);
  const fleet = fleetCrmSettings(policy);
  return {
    templates: templates.values,
    dispositions: dispositions.values,
    recipes: recipes.values,
    fleet,
    problems: [...templates.problems, ...dispositions.problems, ...recipes.problems, ...fleet.problems],
  };
}

const locked = (entry: { locked?: boolean }) => (entry.locked ? ' (set by your administrator)' : '');

export function CrmSettings() {
  const [data, setData] = useState<Loaded | null>(null);
  const [message, setMessage] = useState('');
  const [site, setSite] = useState('');
  const [template, setTemplate] = useState('');
  const [dispositionSite, setDispositionSite] = useState('');
  const [dispositionText, setDispositionText] = useState('');
  const [exported, setExported] = useState('');
  const [importText, setImportText] = useState('');
  const reload = () => void load().then(setData);
  useEffect(reload, []);
  if (!data) return <p aria-busy="true">Loading…</p>;
  const templates = mergeCrmRecordSettings(data.templates, data.fleet.templates);
  const recipes = mergeRecipes(data.recipes, data.fleet.recipes);

  const saveTemplate = async () => {
    const saved = setOwnCrmRecordSetting(templates, data.templates, { match: site.trim(), template: template.trim() });
    if (!saved.ok) return setMessage(saved.errors.join(' '));
    await saveOwnCrmRecordSettings(saved.own);
    setMessage(`Saved the record link for ${site.trim()}.`);
    reload();
  };
  const saveDispositions = async () => {
    const list = dispositionText.split(/[,\n]/).map((d) => d.trim()).filter(Boolean);
    const parsed = dispositionListSchema.safeParse({ ...(dispositionSite.trim() ? { site: dispositionSite.trim() } : {}), dispositions: list });
    if (!parsed.success) return setMessage(`Dispositions not saved: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
    const scope = parsed.data.site ?? '*';
    if (data.fleet.dispositions.some((l) => (l.site ?? '*') === scope && l.locked)) return setMessage('Your administrator set the dispositions there.');
    await saveOwnDispositions([...data.dispositions.filter((l) => (l.site ?? '*') !== scope), parsed.data]);
    setMessage(`Saved ${list.length} dispositions for ${parsed.data.site ?? 'every site'}.`);
    reload();
  };
  const importRecipes = async () => {
    const parsed = parseRecipesFile(importText);
    if (!parsed.ok) return setMessage(`Nothing imported: ${parsed.errors.join(' ')}`);
    let own = data.recipes;
    const refused: string[] = [];
    for (const recipe of parsed.recipes) {
      const saved = saveTaughtRecipe(mergeRecipes(own, data.fleet.recipes), own, recipe);
      if (saved.ok) own = saved.own;
      else refused.push(saved.reason);
    }
    await saveOwnRecipes(own);
    setMessage(`Imported ${parsed.recipes.length - refused.length} recipe(s).${refused.length ? ` ${refused.join(' ')}` : ''}`);
    reload();
  };
  const remove = async (what: 'template' | 'recipe', key: string) => {
    if (what === 'template') await saveOwnCrmRecordSettings(data.templates.filter((t) => t.match !== key));
    else await saveOwnRecipes(data.recipes.filter((r) => r.site !== key));
    reload();
  };

  return (
    <div class="crm-settings" data-testid="crm-settings">
      {data.problems.map((p) => (
        <p class="warning" key={p}>
          {p}
        </p>
      ))}
      <h3>Record links</h3>
      <p class="hint">
        The panel’s <b>Open record</b> button opens this link in the CRM tab, filled from what the chat tells: <code>{'{email}'}</code>, <code>{'{phone}'}</code>,{' '}
        <code>{'{customerId}'}</code>, <code>{'{name}'}</code>, <code>{'{visitorId}'}</code>, <code>{'{prechat:Question}'}</code>, <code>{'{var:name}'}</code>. The link must stay on the
        site’s own address; every value is URL-encoded; a value the chat lacks disables the button and is named.
      </p>
      <ul data-testid="crm-templates">
        {templates.map((t) => (
          <li key={t.match} data-testid="crm-template-entry">
            {t.match}: <code>{t.template}</code>
            {locked(t)}{' '}
            {!t.locked && (
              <button type="button" class="btn btn-quiet" onClick={() => void remove('template', t.match)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <label>
        Site <input data-testid="crm-template-site" placeholder="https://crm.example.com" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <label>
        Record link <input data-testid="crm-template" size={50} placeholder="https://crm.example.com/search?q={email}" value={template} onInput={(e) => setTemplate((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <button type="button" class="btn" data-testid="crm-template-save" onClick={() => void saveTemplate()}>
        Save link
      </button>

      <h3>Wrap-up dispositions</h3>
      <ul data-testid="crm-dispositions">
        {[...data.fleet.dispositions, ...data.dispositions].map((l) => (
          <li key={`${l.site ?? '*'}${l.locked ? '-fleet' : ''}`}>
            {l.site ?? 'Every site'}: {l.dispositions.join(', ')}
            {locked(l)}
          </li>
        ))}
      </ul>
      <label>
        Site (empty: every site) <input data-testid="dispositions-site" value={dispositionSite} onInput={(e) => setDispositionSite((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <label>
        Dispositions, comma-separated{' '}
        <input data-testid="dispositions-list" size={40} value={dispositionText} onInput={(e) => setDispositionText((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <button type="button" class="btn" data-testid="dispositions-save" onClick={() => void saveDispositions()}>
        Save dispositions
      </button>

      <h3>CRM recipes</h3>
      <p class="hint">
        A recipe says which CRM fields <b>Log to CRM</b> fills on a site; the wrap-up card’s <b>Teach</b> makes one. Export them to carry them to another profile or to hand them to
        your administrator (policy key <code>crmRecipes</code>).
      </p>
      <ul data-testid="crm-recipes">
        {recipes.map((r) => (
          <li key={r.site} data-testid="crm-recipe-entry">
            {r.site}: {r.fields.map((f) => f.label).join(', ')}
            {locked(r)}{' '}
            {!r.locked && (
              <button type="button" class="btn btn-quiet" onClick={() => void remove('recipe', r.site)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="btn" data-testid="recipes-export" disabled={data.recipes.length === 0} onClick={() => setExported(exportRecipes(data.recipes))}>
        Export my recipes
      </button>
      {exported && (
        <p>
          <textarea data-testid="recipes-export-text" readOnly rows={6} cols={70} value={exported} />
          <br />
          <a download="agent-dock-crm-recipes.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(exported)}`}>
            Download the file
          </a>
        </p>
      )}
      <p>
        <label>
          Import recipes (paste a file’s content)
          <br />
          <textarea data-testid="recipes-import-text" rows={4} cols={70} value={importText} onInput={(e) => setImportText((e.target as HTMLTextAreaElement).value)} />
        </label>
        <br />
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Import a recipe file"
          onChange={(e) => void (e.target as HTMLInputElement).files?.[0]?.text().then(setImportText)}
        />{' '}
        <button type="button" class="btn" data-testid="recipes-import" onClick={() => void importRecipes()}>
          Import
        </button>
      </p>
      {message && (
        <p role="status" data-testid="crm-settings-status">
          {message}
        </p>
      )}
    </div>
  );
}
