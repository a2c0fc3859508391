/**
 * The code's shape, kept by a test (docs/architecture.md): no import cycle anywhere in src/ and
 * entrypoints/ (type-only imports count: a cycle of types is still a knot to read), arrows between
 * folders point one way down the layers, and no file in src/ grows past 400 lines.
 *
 * The import graph is read from the sources: every `import … from`, `export … from` and
 * `import('…')` with a relative specifier, resolved as the bundler does (.ts, .tsx, /index).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return undefined;
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]!);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every strongly connected component with more than one module (or a module importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'entrypoints'))];
const graph = importGraph(files);
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => [relative(ROOT, from), relative(ROOT, to)] as const));

/**
 * Folders a folder must not import from: the layers point one way (docs/architecture.md).
 * src/messaging is the typed protocol only; src/api is the REST client and knows nothing above it.
 */
const FORBIDDEN: Record<string, string[]> = {
  'src/messaging/': ['src/agent/', 'src/ui/', 'src/conversation/', 'src/background/', 'entrypoints/'],
  'src/api/': ['src/agent/', 'src/ui/', 'src/conversation/', 'src/messaging/', 'src/settings/', 'src/background/', 'entrypoints/'],
  'src/ui/': ['src/agent/', 'src/conversation/', 'src/api/client', 'src/api/http', 'src/background/', 'entrypoints/'],
  'src/agent/': ['src/ui/', 'entrypoints/'],
  'src/conversation/': ['src/ui/', 'entrypoints/'],
};

/** LivePerson's timing rules: constants with no imports, shared by the background and the UIs on purpose. */
const SHARED_ANYWHERE = new Set(['src/agent/timing.ts']);

describe('architecture', () => {
  it('reads a real import graph', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(edges).toContainEqual(['src/agent/runtime.ts', 'src/agent/poller.ts']);
  });

  it('has no import cycle in src/ or entrypoints/', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const a = join(ROOT, 'a.ts');
    const b = join(ROOT, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('points every arrow down the layers', () => {
    const wrong = edges.filter(([from, to]) => Object.entries(FORBIDDEN).some(([folder, banned]) => from.startsWith(folder) && banned.some((b) => to.startsWith(b)) && !SHARED_ANYWHERE.has(to)));
    expect(wrong).toEqual([]);
  });

  it('lets the background core reach LivePerson only through the conversation-service seam', () => {
    // The seam names the neutral types; the state keeps the login's API keys; the façade builds the
    // default service from a REST client. Nothing else in src/agent/ knows the REST client.
    const throughSeam = new Set(['src/agent/conversation-service.ts', 'src/agent/state.ts', 'src/agent/runtime.ts']);
    const direct = edges.filter(([from, to]) => from.startsWith('src/agent/') && !throughSeam.has(from) && (to.startsWith('src/api/') || to.startsWith('src/conversation/')));
    expect(direct).toEqual([]);
  });

  it(`keeps every file in src/ within ${MAX_LINES} lines`, () => {
    const long = files
      .filter((f) => relative(ROOT, f).startsWith('src/'))
      .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
