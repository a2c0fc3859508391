/** The agent's own recipes and dispositions in storage: versioned, re-checked when read. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Recipe } from '../../../src/features/wrap-up/recipe';
import { ownRecipesItem, readOwnDispositions, readOwnRecipes, saveOwnDispositions, saveOwnRecipes } from '../../../src/features/wrap-up/stored';

const recipe: Recipe = { version: 1, site: 'https://crm.example.com', fields: [{ value: 'notes', label: 'Notes', locator: { tag: 'textarea', name: 'notes' } }] };

beforeEach(() => fakeBrowser.reset());

describe('stored wrap-up settings', () => {
  it('round-trips recipes without locks', async () => {
    expect(await readOwnRecipes()).toEqual({ values: [], problems: [] });
    await saveOwnRecipes([{ ...recipe, locked: true }]);
    const stored = await fakeBrowser.storage.local.get('crmRecipes');
    expect(stored.crmRecipes).toEqual([recipe]);
    expect(await readOwnRecipes()).toEqual({ values: [{ ...recipe, locked: undefined }], problems: [] });
  });

  it('keeps good entries and reports bad ones, one by one', async () => {
    await ownRecipesItem.setValue([recipe, { ...recipe, version: 9 }, 'junk', { ...recipe, fields: [] }]);
    const read = await readOwnRecipes();
    expect(read.values).toHaveLength(1);
    expect(read.problems).toEqual([
      'Stored recipe 2 was left out: made by a newer Agent Dock (recipe version 9; this one reads version 1).',
      'Stored recipe 3 was left out: a recipe must be an object.',
      'Stored recipe 4 was left out: A recipe fills at least one field.',
    ]);
  });

  it('round-trips disposition lists', async () => {
    await saveOwnDispositions([{ dispositions: ['Resolved'], locked: true }]);
    expect(await readOwnDispositions()).toEqual({ values: [{ dispositions: ['Resolved'], locked: undefined }], problems: [] });
  });
});
