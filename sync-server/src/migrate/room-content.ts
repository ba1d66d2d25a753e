import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import * as Y from 'yjs';
import type { Persistence } from '../persistence/persistence.js';

interface StoredRows {
  snapshot: { through_seq: number; data: Uint8Array } | null;
  log: { seq: number; data: Uint8Array }[];
}

/**
 * The stored rows of every room, compared seq by seq and byte for byte: SQLite's
 * `snapshots` and `updates` against PostgreSQL's `doc_snapshots` and `doc_updates`,
 * inside the copy's transaction. Returns one line per room that differs.
 */
export async function checkStoredRows(
  sqlite: Database.Database,
  client: PoolClient,
): Promise<string[]> {
  const rooms = new Set(
    sqlite
      .prepare<[], string>('SELECT room FROM snapshots UNION SELECT room FROM updates')
      .pluck()
      .all(),
  );
  const { rows } = await client.query<{ room: string }>(
    'SELECT room FROM doc_snapshots UNION SELECT room FROM doc_updates',
  );
  for (const { room } of rows) rooms.add(room);
  const snapshot = sqlite.prepare<[string], { through_seq: number; data: Buffer }>(
    'SELECT through_seq, data FROM snapshots WHERE room = ?',
  );
  const log = sqlite.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE room = ? ORDER BY seq',
  );
  const differences: string[] = [];
  for (const room of [...rooms].sort()) {
    const source: StoredRows = { snapshot: snapshot.get(room) ?? null, log: log.all(room) };
    const target: StoredRows = {
      snapshot:
        (
          await client.query<{ through_seq: number; data: Buffer }>(
            'SELECT through_seq, data FROM doc_snapshots WHERE room = $1',
            [room],
          )
        ).rows[0] ?? null,
      log: (
        await client.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM doc_updates WHERE room = $1 ORDER BY seq',
          [room],
        )
      ).rows,
    };
    const problem = rowsDiffer(source, target);
    if (problem) differences.push(`room ${room}: ${problem}`);
  }
  return differences;
}

function rowsDiffer(a: StoredRows, b: StoredRows): string | null {
  if (!a.snapshot !== !b.snapshot)
    return a.snapshot ? 'snapshot missing' : 'snapshot not in SQLite';
  if (a.snapshot && b.snapshot) {
    if (a.snapshot.through_seq !== b.snapshot.through_seq) return 'snapshot through_seq differs';
    if (!bytesEqual(a.snapshot.data, b.snapshot.data)) return 'snapshot bytes differ';
  }
  if (a.log.length !== b.log.length)
    return `${a.log.length} log entries in SQLite, ${b.log.length} in PostgreSQL`;
  for (const [i, entry] of a.log.entries()) {
    const other = b.log[i];
    if (!other || other.seq !== entry.seq) return `log entry ${i + 1} has another seq`;
    if (!bytesEqual(entry.data, other.data)) return `log entry seq ${entry.seq} bytes differ`;
  }
  return null;
}

/**
 * What the relay would load, through each store's own `load`: the same stored
 * updates and last seq, and, for a room in service, the same document (state vector
 * and full state of a Y.Doc built from each). A quarantined room is compared as
 * stored bytes only: its updates may not apply, and the relay does not load it.
 */
export async function checkLoadedRooms(
  source: Persistence,
  target: Persistence,
): Promise<{ rooms: number; differences: string[] }> {
  const sourceRooms = (await source.rooms()).sort();
  const targetRooms = (await target.rooms()).sort();
  const differences: string[] = [];
  if (sourceRooms.join('\n') !== targetRooms.join('\n')) {
    const missing = sourceRooms.filter((room) => !targetRooms.includes(room));
    const extra = targetRooms.filter((room) => !sourceRooms.includes(room));
    differences.push(
      `stored rooms differ: missing ${missing.join(', ') || 'none'}; extra ${extra.join(', ') || 'none'}`,
    );
  }
  const quarantined = new Set((await source.quarantined()).map((entry) => entry.room));
  for (const room of sourceRooms) {
    const [a, b] = [await source.load(room), await target.load(room)];
    if (a.lastSeq !== b.lastSeq) differences.push(`room ${room}: last seq differs`);
    if (
      a.updates.length !== b.updates.length ||
      a.updates.some((update, i) => !bytesEqual(update, b.updates[i]))
    ) {
      differences.push(`room ${room}: stored updates differ`);
      continue;
    }
    if (quarantined.has(room)) continue;
    const problem = documentsDiffer(a.updates, b.updates);
    if (problem) differences.push(`room ${room}: ${problem}`);
  }
  return { rooms: sourceRooms.length, differences };
}

function documentsDiffer(a: Uint8Array[], b: Uint8Array[]): string | null {
  const [docA, docB] = [build(a), build(b)];
  if (!docA.ok || !docB.ok)
    return docA.ok === docB.ok ? null : 'the updates apply on one side only';
  if (!bytesEqual(Y.encodeStateVector(docA.doc), Y.encodeStateVector(docB.doc)))
    return 'document state vectors differ';
  if (!bytesEqual(Y.encodeStateAsUpdate(docA.doc), Y.encodeStateAsUpdate(docB.doc)))
    return 'document contents differ';
  return null;
}

/** A Y.Doc from stored updates, as the relay loads a room; not ok when they do not apply. */
function build(updates: Uint8Array[]): { ok: true; doc: Y.Doc } | { ok: false } {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return { ok: true, doc };
  } catch {
    return { ok: false };
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
