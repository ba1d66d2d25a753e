import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossFeatureImports, findCycles, importGraph } from '../../support/import-graph.js';

const CLIENT_SRC = fileURLToPath(new URL('../../../client/src', import.meta.url));

describe('client import graph', () => {
  const graph = importGraph(CLIENT_SRC);

  it('has no import cycles', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('has no feature importing another feature', () => {
    expect(crossFeatureImports(graph)).toEqual([]);
  });

  it('reads imports, re-exports and type imports, and resolves them to files', () => {
    expect(graph.get('app/App.tsx')).toContain('features/account/LoginPage.tsx');
    expect(graph.get('workspace/chat/index.ts')).toContain('workspace/chat/write-messages.ts');
    expect(graph.get('auth/device-data.ts')).toContain('sync/doc-registry.ts');
  });
});

describe('findCycles', () => {
  const graphOf = (edges: Record<string, string[]>) =>
    new Map(Object.entries(edges).map(([file, to]) => [file, new Set(to)]));

  it('finds each cycle once, as its sorted files, and nothing in an acyclic graph', () => {
    expect(findCycles(graphOf({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(
      findCycles(graphOf({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['e'], e: ['d'], f: ['f'] })),
    ).toEqual([['d', 'e'], ['a', 'b', 'c'], ['f']]);
  });

  it('names imports from one feature into another, not within one or into other layers', () => {
    const graph = graphOf({
      'features/chat/a.ts': ['features/chat/model/b.ts', 'workspace/people.ts'],
      'features/ai/c.ts': ['features/chat/a.ts', 'lib/d.ts'],
      'app/e.tsx': ['features/ai/c.ts'],
    });
    expect(crossFeatureImports(graph)).toEqual(['features/ai/c.ts -> features/chat/a.ts']);
  });
});
