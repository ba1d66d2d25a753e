import type Database from 'better-sqlite3';

/** The bookkeeping table of the migration runner, not part of any store's shape. */
export const VERSIONS_TABLE = 'schema_migrations';

/**
 * A database's tables, columns and indexes, one line each, keyed by name. Read from
 * SQLite's own catalogue (PRAGMA table_info, not the CREATE text), so a column that
 * an old relay added with ALTER TABLE matches the same column in a CREATE TABLE.
 */
export function shapeOf(db: Database.Database): Map<string, string> {
  const shape = new Map<string, string>();
  const entries = db
    .prepare<[string], { type: string; name: string; tbl_name: string }>(
      `SELECT type, name, tbl_name FROM sqlite_master
       WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' AND tbl_name <> ?
       ORDER BY type DESC, name`,
    )
    .all(VERSIONS_TABLE);
  for (const entry of entries) {
    if (entry.type === 'table') {
      const columns = db
        .prepare<
          [string],
          { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }
        >('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid')
        .all(entry.name)
        .map(
          (c) =>
            `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}` +
            `${c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`}${c.pk ? ` PK${c.pk}` : ''}`,
        );
      shape.set(`table ${entry.name}`, columns.join(', '));
    } else {
      const columns = db
        .prepare<[string], { name: string | null }>(
          'SELECT name FROM pragma_index_info(?) ORDER BY seqno',
        )
        .all(entry.name)
        .map((c) => c.name);
      shape.set(`index ${entry.name}`, `on ${entry.tbl_name} (${columns.join(', ')})`);
    }
  }
  return shape;
}

/** What differs between two shapes, as an operator can read it; empty when they match. */
export function shapeDifferences(
  found: ReadonlyMap<string, string>,
  expected: ReadonlyMap<string, string>,
): string[] {
  const differences: string[] = [];
  for (const [name, definition] of expected) {
    const actual = found.get(name);
    if (actual === undefined) differences.push(`${name} is missing`);
    else if (actual !== definition)
      differences.push(`${name} is (${actual}), expected (${definition})`);
  }
  for (const name of found.keys())
    if (!expected.has(name)) differences.push(`${name} is not expected`);
  return differences;
}

/** Whether the file holds any table of its own, i.e. is not a new, empty file. */
export function hasTables(db: Database.Database): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?`,
      )
      .get(VERSIONS_TABLE) !== undefined
  );
}
