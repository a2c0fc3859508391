/**
 * Recipes in and out: the export file an agent carries to another profile, reading it back with
 * one sentence per problem (naming where), and a fleet policy's recipes merged over the agent's
 * own (a policy recipe replaces the agent's for the same site; locked ones cannot be re-taught).
 */
import { z } from 'zod';
import { recipeSchema, upgradeRecipe, type Recipe } from './recipe';

export const RECIPES_FORMAT = 'agent-dock-crm-recipes';
export const MAX_RECIPES = 200;

type Parsed = { ok: true; recipes: Recipe[] } | { ok: false; errors: string[] };

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Each recipe checked on its own, so one file reports every broken recipe, each problem on its line. */
function readRecipes(list: unknown[], where: string): Parsed {
  const errors: string[] = [];
  const recipes: Recipe[] = [];
  list.forEach((raw, i) => {
    const at = `${where}[${i}]`;
    const upgraded = upgradeRecipe(raw);
    if (!upgraded.ok) {
      errors.push(`${at}: ${upgraded.reason}.`);
      return;
    }
    const parsed = recipeSchema.safeParse(upgraded.recipe);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${at}${issue.path.length ? `.${pathText(issue.path)}`.replace('.[', '[') : ''}: ${issue.message}`);
      return;
    }
    recipes.push(parsed.data);
  });
  const seen = new Set<string>();
  for (const recipe of recipes) {
    if (seen.has(recipe.site)) errors.push(`${where}: the site ${recipe.site} has two recipes.`);
    seen.add(recipe.site);
  }
  return errors.length ? { ok: false, errors: errors.slice(0, 50) } : { ok: true, recipes };
}

export function exportRecipes(recipes: readonly Recipe[]): string {
  // A lock belongs to the policy that set it, not to the file.
  const plain = recipes.map(({ locked: _locked, ...recipe }) => recipe);
  return `${JSON.stringify({ format: RECIPES_FORMAT, version: 1, recipes: plain }, null, 2)}\n`;
}

export function parseRecipesFile(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON (${error instanceof Error ? error.message : String(error)}).`] };
  }
  const envelope = z.object({ format: z.literal(RECIPES_FORMAT), version: z.literal(1), recipes: z.array(z.unknown()).max(MAX_RECIPES) }).strict().safeParse(json);
  if (!envelope.success) {
    return { ok: false, errors: envelope.error.issues.map((i) => `${pathText(i.path) || 'file'}: ${i.path[0] === 'format' ? `not an Agent Dock recipe file (format must be "${RECIPES_FORMAT}")` : i.message}`) };
  }
  const read = readRecipes(envelope.data.recipes, 'recipes');
  return read.ok ? { ok: true, recipes: read.recipes.map(({ locked: _locked, ...r }) => r) } : read;
}

/** An administrator's recipes (managed storage), checked the same way, locked when the policy says so. */
export function recipesFromPolicy(input: unknown, options: { locked: boolean }): Parsed {
  if (!Array.isArray(input)) return { ok: false, errors: ['recipes: the policy must list recipes.'] };
  const read = readRecipes(input.slice(0, MAX_RECIPES), 'recipes');
  return read.ok ? { ok: true, recipes: read.recipes.map((r) => ({ ...r, locked: options.locked || undefined })) } : read;
}

export function mergeRecipes(own: readonly Recipe[], policy: readonly Recipe[]): Recipe[] {
  const bySite = new Map<string, Recipe>(own.map((r) => [r.site, { ...r, locked: undefined }]));
  for (const recipe of policy) bySite.set(recipe.site, recipe);
  return [...bySite.values()];
}

/** Stores a (re-)taught recipe among the agent's own, unless the fleet locked that site's. */
export function saveTaughtRecipe(effective: readonly Recipe[], own: readonly Recipe[], recipe: Recipe): { ok: true; own: Recipe[] } | { ok: false; reason: string } {
  if (effective.some((r) => r.site === recipe.site && r.locked)) return { ok: false, reason: `Your administrator set the CRM fields for ${recipe.site}.` };
  return { ok: true, own: [...own.filter((r) => r.site !== recipe.site), { ...recipe, locked: undefined }] };
}
