/**
 * The feature folders keep their shape: each `src/features/<id>/` has tests in
 * `test/features/<id>/` and a section in docs/features.md, and imports only downwards (the API's
 * types, settings, its own folder, a few libraries) — never the UI, the background or messaging,
 * and never another feature.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const featureIds = readdirSync(new URL('src/features/', root), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const ALLOWED_IMPORTS = [/^\.\/[a-z-]+$/, /^\.\.\/\.\.\/api\/types$/, /^\.\.\/\.\.\/settings\/(policy|site-match)$/, /^wxt\/utils\/storage$/, /^zod$/, /^fuzzysort$/];

describe('src/features', () => {
  it('has the four features of issue #21', () => {
    expect(featureIds.sort()).toEqual(['canned-responses', 'command-palette', 'reply-due', 'translation']);
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
        expect(ALLOWED_IMPORTS.some((allowed) => allowed.test(specifier!)), `${id}/${file} imports ${specifier}`).toBe(true);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
