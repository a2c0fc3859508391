/**
 * What a CRM page's panel needs for issue #22 on its own site, and nothing of other sites: the
 * record-lookup template, the wrap-up dispositions and the CRM recipe, each the agent's own with
 * the fleet policy's over it (policy keys `crmRecordTemplates`, `dispositions`, `crmRecipes`, each
 * lockable through `locked`). The background answers a tab with this (src/background/handlers/
 * customer.ts); the options page shows the same merge.
 */
import { isLocked, type ManagedPolicy } from './policy';
import { crmRecordSettingFor, crmRecordSettingsFromPolicy, mergeCrmRecordSettings, type CrmRecordSetting } from '../features/crm-record/settings';
import { readOwnCrmRecordSettings } from '../features/crm-record/stored';
import { dispositionListSchema, dispositionsFor, type DispositionList, type Dispositions } from '../features/wrap-up/card';
import { effectiveRule } from './site-match';
import { mergeRecipes, recipesFromPolicy, saveTaughtRecipe } from '../features/wrap-up/recipe-file';
import { recipeSchema, type Recipe, type RecipeField } from '../features/wrap-up/recipe';
import { readOwnDispositions, readOwnRecipes, saveOwnRecipes } from '../features/wrap-up/stored';

export interface CrmSiteSettings {
  /** The site's key for recipes: the page's origin. */
  site: string;
  template?: string;
  templateLocked: boolean;
  recipe?: Recipe;
  dispositions: Dispositions;
}

export interface FleetCrmSettings {
  templates: CrmRecordSetting[];
  recipes: Recipe[];
  dispositions: DispositionList[];
  /** Sentences about policy entries that were left out. */
  problems: string[];
}

/** The fleet's entries, validated; a bad key is reported and left out, never the whole policy. */
export function fleetCrmSettings(policy: ManagedPolicy): FleetCrmSettings {
  const problems: string[] = [];
  let templates: CrmRecordSetting[] = [];
  let recipes: Recipe[] = [];
  const dispositions: DispositionList[] = [];
  if (policy.crmRecordTemplates) {
    const read = crmRecordSettingsFromPolicy(policy.crmRecordTemplates, { locked: isLocked(policy, 'crmRecordTemplates') });
    if (read.ok) templates = read.settings;
    else problems.push(...read.errors.map((e) => `Policy crmRecordTemplates: ${e}`));
  }
  if (policy.crmRecipes) {
    const read = recipesFromPolicy(policy.crmRecipes, { locked: isLocked(policy, 'crmRecipes') });
    if (read.ok) recipes = read.recipes;
    else problems.push(...read.errors.map((e) => `Policy crmRecipes: ${e}`));
  }
  for (const [i, raw] of (policy.dispositions ?? []).entries()) {
    const parsed = dispositionListSchema.safeParse(raw);
    if (parsed.success) dispositions.push({ ...parsed.data, locked: isLocked(policy, 'dispositions') || undefined });
    else problems.push(`Policy dispositions[${i}]: ${parsed.error.issues[0]?.message ?? 'not a disposition list'}`);
  }
  return { templates, recipes, dispositions, problems };
}

/** The recipe for a page: the most specific site that matches its URL. */
export function recipeFor(recipes: readonly Recipe[], url: string): Recipe | undefined {
  return effectiveRule(
    recipes.map((r) => ({ ...r, match: r.site })),
    url,
  );
}

export async function crmSiteSettings(url: string, policy: ManagedPolicy): Promise<CrmSiteSettings> {
  const fleet = fleetCrmSettings(policy);
  const [templates, recipes, dispositions] = await Promise.all([readOwnCrmRecordSettings(), readOwnRecipes(), readOwnDispositions()]);
  const template = crmRecordSettingFor(mergeCrmRecordSettings(templates.values, fleet.templates), url);
  return {
    site: new URL(url).origin,
    template: template?.template,
    templateLocked: template?.locked === true,
    recipe: recipeFor(mergeRecipes(recipes.values, fleet.recipes), url),
    dispositions: dispositionsFor(url, dispositions.values, fleet.dispositions),
  };
}

/** Teach mode's recipe for the page's own site (its origin), unless the fleet locked it. */
export async function saveRecipeForPage(url: string, policy: ManagedPolicy, fields: RecipeField[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const parsed = recipeSchema.safeParse({ version: 1, site: new URL(url).origin, fields });
  if (!parsed.success) return { ok: false, message: `The recipe was not saved: ${parsed.error.issues[0]?.message ?? 'it is not valid'}` };
  const own = await readOwnRecipes();
  const fleet = fleetCrmSettings(policy);
  const saved = saveTaughtRecipe(mergeRecipes(own.values, fleet.recipes), own.values, parsed.data);
  if (!saved.ok) return { ok: false, message: saved.reason };
  await saveOwnRecipes(saved.own);
  return { ok: true };
}
