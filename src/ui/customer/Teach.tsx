/**
 * Teach mode: the agent clicks a field on the CRM page, picks what goes there, and repeats; Save
 * stores the fields as this site's recipe (the background keys it to the tab's own site). Only
 * the browser's own clicks count (a page cannot teach a field by dispatching one), and clicks in
 * the panel are the panel's.
 */
import { useEffect, useState } from 'preact/hooks';
import { locatorFor } from '../../features/wrap-up/field-locator';
import { RECIPE_VALUES, type FieldLocator, type RecipeField, type RecipeValue } from '../../features/wrap-up/recipe';
import { run } from '../store';
import { refreshCrmSiteSettings } from './site-settings';

const PANEL_HOST = 'agent-dock-panel';

export function Teach({ done }: { done: (message: string) => void }) {
  const [fields, setFields] = useState<RecipeField[]>([]);
  const [picked, setPicked] = useState<{ locator: FieldLocator; label: string } | null>(null);
  const [value, setValue] = useState<RecipeValue>('notes');
  const [problem, setProblem] = useState('');
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!event.isTrusted) return;
      const path = event.composedPath();
      if (path.some((node) => node instanceof Element && node.localName === PANEL_HOST)) return;
      const target = path[0];
      if (!(target instanceof Element)) return;
      const found = locatorFor(target);
      if (found.ok) {
        setPicked({ locator: found.locator, label: found.label });
        setProblem('');
      } else setProblem(found.reason);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);
  const add = () => {
    if (!picked) return;
    setFields([...fields.filter((f) => JSON.stringify(f.locator) !== JSON.stringify(picked.locator)), { value, locator: picked.locator, label: picked.label }]);
    setPicked(null);
  };
  const save = async () => {
    const answer = await run('saveCrmRecipe', { fields });
    if (!answer.ok) {
      setProblem(answer.message);
      return;
    }
    await refreshCrmSiteSettings();
    done(`Saved: Log to CRM fills ${fields.length} field${fields.length === 1 ? '' : 's'} on this site.`);
  };
  return (
    <div class="teach" data-testid="teach">
      <p class="hint" data-testid="teach-hint">
        {picked ? `What goes into “${picked.label}”?` : 'Click a field on the page that the chat’s outcome goes into.'}
      </p>
      {picked && (
        <div class="teach-pick">
          <select data-testid="teach-value" aria-label={`What goes into ${picked.label}`} value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value as RecipeValue)}>
            {(Object.keys(RECIPE_VALUES) as RecipeValue[]).map((key) => (
              <option key={key} value={key}>
                {RECIPE_VALUES[key]}
              </option>
            ))}
          </select>{' '}
          <button type="button" class="btn" data-testid="teach-add" onClick={add}>
            Add
          </button>
        </div>
      )}
      {problem && (
        <p class="warning" role="alert" data-testid="teach-problem">
          {problem}
        </p>
      )}
      <ul data-testid="teach-fields">
        {fields.map((f) => (
          <li key={f.label} data-testid="teach-field">
            {f.label} ← {RECIPE_VALUES[f.value]}
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-primary" data-testid="teach-save" disabled={fields.length === 0} onClick={() => void save()}>
        Save fields
      </button>{' '}
      <button type="button" class="btn btn-quiet" data-testid="teach-cancel" onClick={() => done('')}>
        Cancel
      </button>
    </div>
  );
}
