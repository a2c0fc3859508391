/** Recipes: the versioned schema, export and import with one sentence per problem, fleet deployment. */
import { describe, expect, it } from 'vitest';
import { recipeSchema, upgradeRecipe, type Recipe } from '../../../src/features/wrap-up/recipe';
import { exportRecipes, mergeRecipes, parseRecipesFile, recipesFromPolicy, saveTaughtRecipe } from '../../../src/features/wrap-up/recipe-file';

const recipe: Recipe = {
  version: 1,
  site: 'http://127.0.0.1:8091',
  fields: [
    { value: 'notes', label: 'Case notes', locator: { tag: 'textarea', name: 'case_notes', labelText: 'Case notes' } },
    { value: 'disposition', label: 'Disposition', locator: { tag: 'select', name: 'disposition' } },
    { value: 'visitor.email', label: 'E-mail', locator: { tag: 'input', type: 'email', id: 'email' } },
  ],
};

describe('schema', () => {
  it('accepts a taught recipe and refuses what cannot work', () => {
    expect(recipeSchema.parse(recipe)).toEqual(recipe);
    const cases: Array<[unknown, RegExp]> = [
      [{ ...recipe, fields: [] }, /at least one field/],
      [{ ...recipe, fields: [{ ...recipe.fields[0], locator: { tag: 'textarea' } }] }, /needs at least one of id/],
      [{ ...recipe, fields: [recipe.fields[0], { ...recipe.fields[0], value: 'transcript' }] }, /same field as an earlier one/],
      [{ ...recipe, fields: [{ ...recipe.fields[0], value: 'password' }] }, /Invalid option/],
      [{ ...recipe, site: 'crm' }, /not an origin/],
      [{ ...recipe, extra: true }, /Unrecognized key/],
    ];
    for (const [input, message] of cases) {
      const result = recipeSchema.safeParse(input);
      expect(result.success || result.error.issues.map((i) => i.message).join(' | ')).toMatch(message);
    }
  });

  it('refuses a recipe from a newer version, saying so', () => {
    expect(upgradeRecipe({ ...recipe, version: 2 })).toEqual({ ok: false, reason: 'made by a newer Agent Dock (recipe version 2; this one reads version 1)' });
    expect(upgradeRecipe(recipe)).toEqual({ ok: true, recipe });
    expect(upgradeRecipe('x')).toMatchObject({ ok: false });
  });
});

describe('export and import', () => {
  it('round-trips, and drops a lock (it belongs to the policy)', () => {
    const text = exportRecipes([{ ...recipe, locked: true }]);
    expect(JSON.parse(text)).toMatchObject({ format: 'agent-dock-crm-recipes', version: 1, recipes: [{ site: recipe.site }] });
    expect(text).not.toContain('locked');
    expect(parseRecipesFile(text)).toEqual({ ok: true, recipes: [recipe] });
  });

  it('reports every problem on its own line, naming where', () => {
    const file = {
      format: 'agent-dock-crm-recipes',
      version: 1,
      recipes: [
        { ...recipe, fields: [{ ...recipe.fields[0], value: 'password' }, { ...recipe.fields[1], locator: { tag: 'select' } }] },
        recipe,
        { ...recipe, version: 3 },
        recipe,
      ],
    };
    const result = parseRecipesFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(4);
    expect(result.errors[0]).toMatch(/^recipes\[0\]\.fields\[0\]\.value: Invalid option/);
    expect(result.errors[1]).toMatch(/^recipes\[0\]\.fields\[1\]\.locator: A field needs at least one of id/);
    expect(result.errors[2]).toBe('recipes[2]: made by a newer Agent Dock (recipe version 3; this one reads version 1).');
    expect(result.errors[3]).toBe('recipes: the site http://127.0.0.1:8091 has two recipes.');
  });

  it('says what a file that is not a recipe file is', () => {
    expect(parseRecipesFile('{nope')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The file is not JSON/)] });
    expect(parseRecipesFile(JSON.stringify({ format: 'agent-dock-site-rules', version: 1, rules: [] }))).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(['format: not an Agent Dock recipe file (format must be "agent-dock-crm-recipes")']),
    });
  });
});

describe('fleet deployment', () => {
  const fleet = { ...recipe, fields: [recipe.fields[0]!] };
  it('a policy recipe replaces the agent’s for the same site; a locked one cannot be re-taught', () => {
    const deployed = recipesFromPolicy([fleet], { locked: true });
    expect(deployed.ok).toBe(true);
    if (!deployed.ok) return;
    const other = { ...recipe, site: 'https://crm.example.com' };
    const effective = mergeRecipes([recipe, other], deployed.recipes);
    expect(effective).toEqual([{ ...fleet, locked: true }, { ...other, locked: undefined }]);
    expect(saveTaughtRecipe(effective, [recipe, other], recipe)).toEqual({ ok: false, reason: 'Your administrator set the CRM fields for http://127.0.0.1:8091.' });
    expect(saveTaughtRecipe(effective, [recipe, other], { ...other, fields: [recipe.fields[2]!] })).toMatchObject({ ok: true, own: [recipe, { site: other.site, fields: [recipe.fields[2]] }] });
  });

  it('an unlocked policy recipe can be re-taught; a broken policy says why', () => {
    const deployed = recipesFromPolicy([fleet], { locked: false });
    expect(deployed.ok && deployed.recipes[0]!.locked).toBeUndefined();
    if (deployed.ok) expect(saveTaughtRecipe(mergeRecipes([], deployed.recipes), [], recipe).ok).toBe(true);
    expect(recipesFromPolicy({}, { locked: true })).toEqual({ ok: false, errors: ['recipes: the policy must list recipes.'] });
    expect(recipesFromPolicy([{ ...recipe, site: 'x' }], { locked: true })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^recipes\[0\]\.site:/)] });
  });
});
