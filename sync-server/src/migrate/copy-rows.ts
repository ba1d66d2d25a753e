import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { SINGLETONS, type TableCopy } from './tables.js';

/** Parameters per INSERT: well under PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Bytes of documents per INSERT, so a long log is not one giant statement. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Differences named per table; the rest are counted. */
const MAX_NAMED = 20;

type Value = string | number | bigint | Buffer | Uint8Array | null;
type Row = Record<string, Value>;

/** What one table's copy moved. */
export interface Copied {
  rows: number;
  /** Bytes of blob columns (documents). */
  bytes: number;
}

/**
 * Copies every row `copy.source` gives into `copy.target` on `client` (inside the
 * caller's transaction), a chunk per INSERT. Singleton rows made by the schema
 * migration are replaced; generated identity columns take SQLite's value, and their
 * sequence then continues after the highest one.
 */
export async function copyRows(
  sqlite: Database.Database,
  client: PoolClient,
  copy: TableCopy,
): Promise<Copied> {
  if (SINGLETONS.has(copy.target)) await client.query(`DELETE FROM ${copy.target}`);
  const columns = copy.columns;
  const perInsert = Math.floor(MAX_PARAMETERS / columns.length);
  const insert = async (rows: Row[]) => {
    const values = rows.map(
      (_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    );
    await client.query(
      `INSERT INTO ${copy.target} (${columns.join(', ')})` +
        `${copy.identity ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES ${values.join(', ')}`,
      rows.flatMap((row) => columns.map((column) => row[column] ?? null)),
    );
  };
  let chunk: Row[] = [];
  let chunkBytes = 0;
  const copied: Copied = { rows: 0, bytes: 0 };
  for (const row of sqlite.prepare<[], Row>(copy.source).iterate()) {
    const size = blobBytes(row);
    if (chunk.length >= perInsert || (chunk.length > 0 && chunkBytes + size > MAX_BYTES)) {
      await insert(chunk);
      [chunk, chunkBytes] = [[], 0];
    }
    chunk.push(row);
    chunkBytes += size;
    copied.rows++;
    copied.bytes += size;
  }
  if (chunk.length > 0) await insert(chunk);
  if (copy.identity && copied.rows > 0) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), (SELECT max(${copy.identity}) FROM ${copy.target}))`,
      [copy.target, copy.identity],
    );
  }
  return copied;
}

/**
 * Compares the rows of `copy.target` as PostgreSQL now holds them with the SQLite
 * rows, by key; returns one line per difference (missing, extra, or which columns
 * differ), never the values themselves: they include password and session hashes.
 */
export async function checkRows(
  sqlite: Database.Database,
  client: PoolClient,
  copy: TableCopy,
): Promise<string[]> {
  const keyOf = (row: Row) => copy.key.map((column) => String(row[column])).join(', ');
  const source = new Map(
    sqlite
      .prepare<[], Row>(copy.source)
      .all()
      .map((row) => [keyOf(row), row]),
  );
  const { rows } = await client.query<Row>(`SELECT ${copy.columns.join(', ')} FROM ${copy.target}`);
  const target = new Map(rows.map((row) => [keyOf(row), row]));
  const differences: string[] = [];
  for (const [key, row] of source) {
    const stored = target.get(key);
    if (!stored) {
      differences.push(`${copy.target} (${key}): missing in PostgreSQL`);
      continue;
    }
    const changed = copy.columns.filter((column) => !same(row[column], stored[column]));
    if (changed.length > 0)
      differences.push(`${copy.target} (${key}): ${changed.join(', ')} differ`);
  }
  for (const key of target.keys()) {
    if (!source.has(key)) differences.push(`${copy.target} (${key}): not in SQLite`);
  }
  return differences.length > MAX_NAMED
    ? [
        ...differences.slice(0, MAX_NAMED),
        `${copy.target}: and ${differences.length - MAX_NAMED} more differences`,
      ]
    : differences;
}

/** Equal as stored: numbers as numbers, text as text, blobs byte for byte. */
function same(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(b);
  }
  const numeric = (v: Value | undefined): v is number | bigint =>
    typeof v === 'number' || typeof v === 'bigint';
  if (numeric(a) || numeric(b)) return numeric(a) && numeric(b) && BigInt(a) === BigInt(b);
  return (a ?? null) === (b ?? null);
}

function blobBytes(row: Row): number {
  let bytes = 0;
  for (const value of Object.values(row)) if (value instanceof Uint8Array) bytes += value.length;
  return bytes;
}
