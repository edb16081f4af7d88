import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout's rule (README "Layout"): imports between the folders of src/ go one way, so a
// folder can be read, tested and moved without the ones above it. A file at the top of src/
// (errors.ts, main.ts, ...) is a node of its own. Files import each other without circles
// either, type-only imports included: a circle means two files that are really one, or a type
// that belongs in a third.

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of one file, resolved to files of src/. */
export function importsOf(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  const pattern =
    /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4];
    if (!spec) continue;
    const to = path.resolve(path.dirname(file), spec);
    // `import { type A, type B }` is as type-only as `import type { A, B }`.
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    const allTypes =
      names !== undefined &&
      names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '));
    edges.push({ from: file, to, typeOnly: m[2] !== undefined || (allTypes && !m[4]) });
  }
  return edges;
}

/** The folder of src/ a file belongs to; a file at the top of src/ is its own node. */
function nodeOf(file: string): string {
  const [first] = path.relative(SRC, file).split(path.sep);
  return first as string;
}

/** One cycle of a directed graph, as its nodes in order, or null when there is none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const next of graph.get(n) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of [...graph.keys()].sort()) {
    if (!state.has(n)) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return null;
}

function graphOf(edges: Edge[], node: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [node(e.from), node(e.to)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  return graph;
}

const files = sourceFiles(SRC);
const edges = files.flatMap((f) => importsOf(f, readFileSync(f, 'utf8')));

describe('the import graph of src/', () => {
  it('reads the imports of every file', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(500);
    const missing = edges.filter((e) => !files.includes(e.to) && !e.to.endsWith('.json'));
    expect(missing.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const cycle = findCycle(graphOf(edges, nodeOf));
    expect(cycle, `folder cycle: ${cycle?.join(' -> ')}`).toBeNull();
  });

  it('has no circle between files, type-only imports included', () => {
    const rel = (f: string) => path.relative(SRC, f);
    const cycle = findCycle(graphOf(edges, rel));
    expect(cycle, `file circle: ${cycle?.join(' -> ')}`).toBeNull();
  });

  it('the records are their own module: nothing in record/ imports run/, baseline/, gate/ or verdict/', () => {
    const record = edges.filter((e) => nodeOf(e.from) === 'record').map((e) => nodeOf(e.to));
    expect(record.filter((n) => ['run', 'baseline', 'gate', 'verdict'].includes(n))).toEqual([]);
  });
});

describe('the cycle check itself', () => {
  it('finds a cycle of three and none in a chain', () => {
    const g = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of pairs) m.set(a, (m.get(a) ?? new Set()).add(b));
      return m;
    };
    expect(
      findCycle(
        g([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        g([
          ['a', 'b'],
          ['b', 'c'],
          ['a', 'c'],
        ]),
      ),
    ).toBeNull();
  });

  it('tells type-only imports apart', () => {
    const f = path.join(SRC, 'x/a.ts');
    const [typed, mixed, inline, value] = importsOf(
      f,
      [
        "import type { A } from './b.ts';",
        "import { type B, c } from './c.ts';",
        "import { type D } from '../d/e.ts';",
        "export { f } from './f.ts';",
      ].join('\n'),
    );
    expect([typed?.typeOnly, mixed?.typeOnly, inline?.typeOnly, value?.typeOnly]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(value?.to).toBe(path.join(SRC, 'x/f.ts'));
  });
});
