/**
 * The agent's own wrap-up settings in storage.local, as versioned WXT items from the first
 * version (a later shape is version 2 with a migration here). What is read back is checked again:
 * storage can hold anything an older or broken build wrote, and one bad entry must not hide the
 * others, so each is kept or reported on its own.
 */
import { storage } from 'wxt/utils/storage';
import { dispositionListSchema, type DispositionList } from './card';
import { recipeSchema, upgradeRecipe, type Recipe } from './recipe';

export const ownRecipesItem = storage.defineItem<unknown[]>('local:crmRecipes', { fallback: [], version: 1 });
export const ownDispositionsItem = storage.defineItem<unknown[]>('local:wrapUpDispositions', { fallback: [], version: 1 });

export interface Checked<T> {
  values: T[];
  /** One sentence per entry left out. */
  problems: string[];
}

function checkRecipe(raw: unknown): Recipe | string {
  const upgraded = upgradeRecipe(raw);
  if (!upgraded.ok) return upgraded.reason;
  const parsed = recipeSchema.safeParse(upgraded.recipe);
  return parsed.success ? { ...parsed.data, locked: undefined } : (parsed.error.issues[0]?.message ?? 'not a recipe');
}

function checkAll<T>(list: unknown, check: (raw: unknown) => T | string, what: string): Checked<T> {
  const values: T[] = [];
  const problems: string[] = [];
  (Array.isArray(list) ? list : []).forEach((raw, i) => {
    const checked = check(raw);
    if (typeof checked === 'string') problems.push(`Stored ${what} ${i + 1} was left out: ${checked.replace(/\.$/, '')}.`);
    else values.push(checked);
  });
  return { values, problems };
}

export async function readOwnRecipes(): Promise<Checked<Recipe>> {
  return checkAll(await ownRecipesItem.getValue(), checkRecipe, 'recipe');
}

export async function saveOwnRecipes(recipes: readonly Recipe[]): Promise<void> {
  // Locks belong to the policy, never to the agent's own copy.
  await ownRecipesItem.setValue(recipes.map(({ locked: _locked, ...recipe }) => recipe));
}

export async function readOwnDispositions(): Promise<Checked<DispositionList>> {
  return checkAll(
    await ownDispositionsItem.getValue(),
    (raw) => {
      const parsed = dispositionListSchema.safeParse(raw);
      return parsed.success ? { ...parsed.data, locked: undefined } : (parsed.error.issues[0]?.message ?? 'not a disposition list');
    },
    'disposition list',
  );
}

export async function saveOwnDispositions(lists: readonly DispositionList[]): Promise<void> {
  await ownDispositionsItem.setValue(lists.map(({ locked: _locked, ...list }) => list));
}
