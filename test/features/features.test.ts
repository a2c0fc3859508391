/**
 * The feature folders keep their shape: each `src/features/<id>/` has tests in
 * `test/features/<id>/` and a section in docs/features.md, and imports only downwards (src/api,
 * src/settings, its own folder, libraries): never the background, messaging, the entrypoints, the
 * browser directly, or another feature; and its logic (`.ts`) never the UI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const featureIds = readdirSync(new URL('src/features/', root), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Upwards (background, messaging, entrypoints), sideways (another feature's folder), or to the browser directly. */
const FORBIDDEN_IMPORTS = [/(^|\/)(agent|background|conversation|messaging|entrypoints)(\/|$)/, /^\.\.\/(?!\.\.\/)/, /^(wxt\/browser|webextension-polyfill)$/];
/** Logic modules (`.ts`) stay out of the UI too; a feature's own `panel.tsx` may use it. */
const FORBIDDEN_IN_LOGIC = [/(^|\/)ui(\/|$)/, /^preact/];

describe('src/features', () => {
  it('has the features of issue #21', () => {
    expect(featureIds).toEqual(expect.arrayContaining(['canned-responses', 'command-palette', 'reply-due', 'translation']));
  });

  it.each(featureIds)('%s has tests and a section in docs/features.md', (id) => {
    expect(/^[a-z][a-z0-9-]*$/.test(id)).toBe(true);
    const tests = readdirSync(new URL(`test/features/${id}/`, root)).filter((name) => name.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(0);
    expect(readFileSync(new URL('docs/features.md', root), 'utf8')).toContain(`## ${id} `);
  });

  it.each(featureIds)('%s imports only downwards', (id) => {
    const folder = new URL(`src/features/${id}/`, root);
    let seen = 0;
    for (const file of readdirSync(folder).filter((name) => /\.tsx?$/.test(name))) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      for (const [, specifier] of source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
        const rules = file.endsWith('.tsx') ? FORBIDDEN_IMPORTS : [...FORBIDDEN_IMPORTS, ...FORBIDDEN_IN_LOGIC];
        expect(rules.some((forbidden) => forbidden.test(specifier!)), `${id}/${file} imports ${specifier}`).toBe(false);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
