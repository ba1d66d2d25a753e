/**
 * Every rule id a test name cites ([PERSIST2], [DING4]...) is defined in a spec:
 * shared/protocol/PROTOCOL.md or a sibling .md (STYLE.md, "Tests").
 *
 * Cited: a `[A-Z]+[0-9]+` id inside the first string argument of an it/test/describe
 * call (with any `.skip`, `.only`, `.serial`... chain) in any .ts file under tests/.
 * It is a regex over the source, not a parse, so it misses names that are built at
 * run time (a variable, a concatenation, an id inside `${...}`), the names of
 * `it.each(table)('name')`, and unnumbered area tags such as [AUTH] or [TASKS].
 *
 * Defined: the id in bold, `**[ID]**`, anywhere in a spec (how PROTOCOL.md,
 * SECURITY.md and their siblings define theirs, in list items and table rows), or
 * as the first thing of a list item (`- [ID] ...`) or of a table row's first cell
 * (`| [ID] ...`). A mention in running text ("as in [AUTH3]") defines nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SPEC_DIR = join(ROOT, 'shared', 'protocol');
const TESTS_DIR = join(ROOT, 'tests');

const ID = /\[([A-Z]+[0-9]+)\]/g;
/** it/test/describe (and chains like test.describe.serial) followed by a string literal. */
const TEST_NAME =
  /(?<![\w.$])(?:it|test|describe)(?:\.\w+)*\s*\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g;
const BOLD_ID = /\*\*\[([A-Z]+[0-9]+)\]\*\*/g;
const LEADING_ID = /^\s*(?:[-*+]|\d+\.|\|)\s*\[([A-Z]+[0-9]+)\]/gm;

/** Rule ids cited in the names of the tests and suites of one source file. */
function citedIds(source: string): string[] {
  const ids: string[] = [];
  for (const match of source.matchAll(TEST_NAME)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    for (const id of name.matchAll(ID)) if (id[1]) ids.push(id[1]);
  }
  return ids;
}

/** Rule ids one spec file defines. */
function definedIds(markdown: string): string[] {
  return [...markdown.matchAll(BOLD_ID), ...markdown.matchAll(LEADING_ID)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

function specs(): Map<string, string[]> {
  const defined = new Map<string, string[]>();
  for (const file of filesUnder(SPEC_DIR, (name) => name.endsWith('.md'))) {
    for (const id of new Set(definedIds(readFileSync(file, 'utf8')))) {
      defined.set(id, [...(defined.get(id) ?? []), relative(ROOT, file)]);
    }
  }
  return defined;
}

function citations(): Map<string, Set<string>> {
  const cited = new Map<string, Set<string>>();
  for (const file of filesUnder(TESTS_DIR, (name) => /\.tsx?$/.test(name))) {
    for (const id of citedIds(readFileSync(file, 'utf8'))) {
      const files = cited.get(id) ?? new Set<string>();
      files.add(relative(ROOT, file));
      cited.set(id, files);
    }
  }
  return cited;
}

describe('rule ids in test names', () => {
  it('reads ids from test and suite names only, and definitions only in their defining forms', () => {
    // Built at run time, so neither this guard nor a grep over tests/ sees made-up ids.
    const [a1, a2, a3, a4, a5, a6, a7] = [1, 2, 3, 4, 5, 6, 7].map((n) => `[AB${n}]`);
    const source = [
      `describe('${a1} suite', () => {`,
      `  it(\`${a2} at most \${max}\`, async () => {});`,
      `  test.describe.serial(\n    "${a3} and ${a4} with \\"quotes\\"", () => {});`,
      `  // ${a5} in a comment; expect('${a6}').toBe('x'); attest('${a7} x')`,
      '});',
    ].join('\n');
    expect(citedIds(source)).toEqual(['AB1', 'AB2', 'AB3', 'AB4']);
    const [d1, d2, d3, d4, d5, d6] = [1, 2, 3, 4, 5, 6].map((n) => `[CD${n}]`);
    const spec = [
      `- **${d1}** a rule in a list`,
      `| **${d2}** a limit in a table | 1 |`,
      `- ${d3} a plain leading id`,
      `| ${d4} | a plain leading cell |`,
      `Running text citing ${d5} and **bold** words.`,
      `- a list item that mentions ${d6} later`,
    ].join('\n');
    expect(definedIds(spec).sort()).toEqual(['CD1', 'CD2', 'CD3', 'CD4']);
  });

  it('every id cited in a test name is defined in shared/protocol/*.md', () => {
    const cited = citations();
    // A regex that silently stopped matching would pass with nothing to check.
    expect(cited.size).toBeGreaterThan(100);
    const defined = specs();
    const undefinedIds = [...cited]
      .filter(([id]) => !defined.has(id))
      .map(([id, files]) => `[${id}] cited by ${[...files].sort().join(', ')}`)
      .sort();
    expect(undefinedIds, 'rule ids cited in test names but defined in no spec').toEqual([]);
  });

  it('no id is defined in two spec files', () => {
    const twice = [...specs()]
      .filter(([, files]) => files.length > 1)
      .map(([id, files]) => `[${id}] in ${files.join(', ')}`);
    expect(twice).toEqual([]);
  });
});
