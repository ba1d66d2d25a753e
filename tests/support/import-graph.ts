/**
 * The client's import graph, read with the TypeScript compiler's import scanner (no
 * type-checking, so it is quick), and the two checks the client's layering rests on:
 * no import cycles, and no feature importing another feature (STYLE.md, "Dependencies
 * flow one way"; eslint.config.js checks the other layer edges as you type).
 *
 * Files are named by their path relative to the root given, with forward slashes.
 * Type-only imports count: a cycle of types is still two modules that cannot be
 * understood, moved or tested apart.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** File -> the files of the same tree it imports. */
export type ImportGraph = ReadonlyMap<string, ReadonlySet<string>>;

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./a.js` -> `./a.ts`, `./a.tsx` or `./a/index.ts`, as the bundler resolves it. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const bare = resolve(dirname(from), specifier.replace(/\?.*$/, '')).replace(/\.js$/, '');
  const candidates = [bare, `${bare}.ts`, `${bare}.tsx`, join(bare, 'index.ts')];
  return candidates.find((path) => SOURCE.test(path) && existsSync(path)) ?? null;
}

/** Every .ts/.tsx file under `root` with the files under `root` it imports or re-exports. */
export function importGraph(root: string): ImportGraph {
  const name = (path: string) => relative(root, path).split(sep).join('/');
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const target = resolveImport(file, fileName);
      return target !== null && !relative(root, target).startsWith('..') ? [name(target)] : [];
    });
    graph.set(name(file), new Set(targets));
  }
  return graph;
}

/**
 * The import cycles, each as the files of one strongly connected component (Tarjan),
 * sorted, plus files that import themselves. Empty when the graph is acyclic.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.has(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/** `features/chat/x.ts` -> `chat`; anything outside features/ -> null. */
export function featureOf(file: string): string | null {
  const [top, feature] = file.split('/');
  return top === 'features' && feature !== undefined ? feature : null;
}

/** Imports from one feature into another, as `from -> to` lines, sorted. */
export function crossFeatureImports(graph: ImportGraph): string[] {
  const lines: string[] = [];
  for (const [from, targets] of graph) {
    const feature = featureOf(from);
    if (feature === null) continue;
    for (const to of targets) {
      const other = featureOf(to);
      if (other !== null && other !== feature) lines.push(`${from} -> ${to}`);
    }
  }
  return lines.sort();
}
