/**
 * The document store on PostgreSQL, shared by several relays [SCALE1]-[SCALE6].
 * Same semantics as SqlitePersistence, but nothing is counted in process memory:
 * another relay may have written since.
 *
 * append() is one transaction (group commit). It first upserts the rooms it writes in
 * doc_rooms, `last_seq = last_seq + n`: that row lock numbers a room's updates in
 * commit order [SCALE2] and is taken in room-name order, so two relays writing the
 * same rooms wait for each other instead of deadlocking. Then the log rows, then,
 * last, the feed counter row and the heads, in one statement.
 *
 * The feed position is a counter row, not a SEQUENCE, because the feed's cursor rule
 * needs positions in commit order [SCALE4]. nextval() is handed out at once and never
 * rolled back: relay A could take P, relay B P+1, B commit first, and a device read
 * head P+1 and move its cursor past P while A's commit is still invisible; when A
 * commits, its rooms have head P, behind the cursor, and that device never fetches
 * them. The row lock makes B wait for A's commit (or rollback) before it gets its
 * position, so whoever sees P+1 committed also sees everything up to P. Updating the
 * row last keeps that workspace-wide lock for one statement and the commit only.
 *
 * Every method resolves only after PostgreSQL answered; append and compact after
 * COMMIT returned, with synchronous_commit on (the server default), so durably. A
 * connection lost during COMMIT leaves the outcome unknown; the caller retries and a
 * Yjs update stored twice is harmless.
 */
import type pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { Head } from '../../../../shared/protocol/mux.js';
import { migrate } from '../../postgres/migrations.js';
import { relayPool, whenReady, type PostgresOptions } from '../../postgres/pool.js';
import { inTransaction } from '../../postgres/transaction.js';
import type {
  Appended,
  AppendEntry,
  FeedState,
  Persistence,
  QuarantineEntry,
  StoredRoom,
  StoredSince,
} from '../persistence.js';
import { DOCUMENTS, documentMigrations } from './schema.js';

/** Rows per INSERT: 3 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

export class PostgresPersistence implements Persistence {
  private readonly pool: Pool;
  /** Settles when the schema is migrated; every call waits for it. */
  private readonly ready: Promise<unknown>;
  private closing: Promise<void> | null = null;

  /** Opens the store and waits for its schema, so a bad database fails the start. */
  static open(options: PostgresOptions): Promise<PostgresPersistence> {
    const store = new PostgresPersistence(options);
    return whenReady(store, store.ready);
  }

  constructor(options: PostgresOptions) {
    this.pool = relayPool(options, { application_name: 'relay' });
    this.ready = migrate(this.pool, DOCUMENTS, documentMigrations).then(() =>
      this.refuseLostCommits(),
    );
    // Reported to whoever calls first, not as an unhandled rejection.
    this.ready.catch(() => {});
  }

  /**
   * With synchronous_commit off, COMMIT returns before the commit is on disk and a
   * server crash loses it after the relay confirmed it [SCALE1]: refuse to start.
   */
  private async refuseLostCommits(): Promise<void> {
    const { rows } = await this.pool.query<{ synchronous_commit: string }>(
      'SHOW synchronous_commit',
    );
    const setting = rows[0]?.synchronous_commit;
    if (setting === 'off') {
      throw new Error(
        'PostgreSQL has synchronous_commit = off for this database or user: confirmed updates ' +
          'could be lost in a server crash; set it to on (ALTER DATABASE ... SET synchronous_commit = on)',
      );
    }
  }

  async load(room: string): Promise<StoredRoom> {
    const { snapshot, entries, lastSeq } = await this.readSince(room, 0);
    const updates = entries.map((entry) => entry.update);
    if (snapshot) updates.unshift(snapshot);
    return { updates, lastSeq, logLength: entries.length };
  }

  /**
   * Every log entry of `room` after `afterSeq`, or the snapshot and the entries after
   * it when the snapshot covers afterSeq + 1. One statement: one consistent view.
   */
  async readSince(room: string, afterSeq: number): Promise<StoredSince> {
    const { rows } = await this.query<{ kind: number; seq: string; data: Buffer | null }>(
      `SELECT 0 AS kind, through_seq AS seq, data FROM doc_snapshots
        WHERE room = $1 AND through_seq > $2
       UNION ALL
       SELECT 1, seq, data FROM doc_updates WHERE room = $1 AND seq > $2
       UNION ALL
       SELECT 2, last_seq, NULL FROM doc_rooms WHERE room = $1
       ORDER BY kind, seq`,
      [room, afterSeq],
    );
    let snapshot: Uint8Array | null = null;
    let after = afterSeq;
    let lastSeq = 0;
    const entries: StoredSince['entries'] = [];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.kind === 0 && row.data) {
        snapshot = asUint8Array(row.data);
        after = seq;
      } else if (row.kind === 1 && row.data && seq > after) {
        entries.push({ seq, update: asUint8Array(row.data) });
      } else if (row.kind === 2) {
        lastSeq = seq;
      }
    }
    return { snapshot, entries, lastSeq };
  }

  async append(entries: readonly AppendEntry[]): Promise<Appended> {
    const lastSeqs = new Map<string, number>();
    if (entries.length === 0) return { lastSeqs, position: (await this.feed()).position };
    const counts = new Map<string, number>();
    for (const { room } of entries) counts.set(room, (counts.get(room) ?? 0) + 1);
    const rooms = [...counts.keys()];
    const position = await this.transaction(async (client) => {
      const numbered = await client.query<{ room: string; last_seq: string }>(
        `INSERT INTO doc_rooms AS r (room, last_seq, head)
         SELECT room, n, 0 FROM unnest($1::text[], $2::bigint[]) AS t(room, n)
          ORDER BY room COLLATE "C"
         ON CONFLICT (room) DO UPDATE SET last_seq = r.last_seq + excluded.last_seq
         RETURNING room, last_seq`,
        [rooms, rooms.map((room) => counts.get(room))],
      );
      const nextSeq = new Map<string, number>();
      for (const row of numbered.rows) {
        nextSeq.set(row.room, Number(row.last_seq) - (counts.get(row.room) ?? 0) + 1);
      }
      const rows = entries.map(({ room, update }) => {
        const seq = nextSeq.get(room) ?? NaN;
        nextSeq.set(room, seq + 1);
        lastSeqs.set(room, seq);
        return [room, seq, update] as const;
      });
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        await client.query(
          `INSERT INTO doc_updates (room, seq, data) VALUES ${chunk
            .map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`)
            .join(', ')}`,
          chunk.flat(),
        );
      }
      const fed = await client.query<{ position: string }>(
        `WITH feed AS (
           UPDATE doc_feed SET position = position + 1 WHERE id = 1 RETURNING position
         )
         UPDATE doc_rooms SET head = feed.position FROM feed
          WHERE room = ANY($1::text[]) RETURNING feed.position`,
        [rooms],
      );
      return Number(fed.rows[0]?.position);
    });
    return { lastSeqs, position };
  }

  async feed(): Promise<FeedState> {
    const { rows } = await this.query<{ feed_id: string; position: string }>(
      'SELECT feed_id, position FROM doc_feed WHERE id = 1',
    );
    const row = rows[0];
    if (!row) throw new Error('doc_feed row missing: the database was altered by hand');
    return { feedId: row.feed_id, position: Number(row.position) };
  }

  async headsSince(position: number): Promise<Head[]> {
    const { rows } = await this.query<{ room: string; head: string }>(
      'SELECT room, head FROM doc_rooms WHERE head > $1 ORDER BY head, room',
      [position],
    );
    return rows.map(asHead);
  }

  async headsOf(roomIds: readonly string[]): Promise<Head[]> {
    if (roomIds.length === 0) return [];
    // The id itself, then the range `id:` up to `id;` (';' follows ':'), so no
    // pattern built from a client's string ever runs.
    const { rows } = await this.query<{ room: string; head: string }>(
      `SELECT room, head FROM doc_rooms WHERE room = ANY($1::text[]) AND head > 0
       UNION ALL
       SELECT r.room, r.head FROM unnest($2::text[], $3::text[]) AS b(low, high)
         JOIN doc_rooms r ON r.room >= b.low AND r.room < b.high
        WHERE r.head > 0`,
      [roomIds, roomIds.map((id) => `${id}:`), roomIds.map((id) => `${id};`)],
    );
    return rows.map(asHead);
  }

  /**
   * Stores the snapshot unless one through the same or a later seq is stored, and
   * deletes only log entries up to throughSeq [SCALE6]: a compaction that lost a race
   * to a newer one changes nothing, and an entry after throughSeq is never deleted.
   */
  async compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) {
      throw new Error(`compact: throughSeq must be a whole number >= 0, got ${throughSeq}`);
    }
    await this.transaction(async (client) => {
      // Sequence numbers never go back behind a snapshot, as with SQLite.
      await client.query(
        `INSERT INTO doc_rooms AS r (room, last_seq, head) VALUES ($1, $2, 0)
         ON CONFLICT (room) DO UPDATE SET last_seq = greatest(r.last_seq, excluded.last_seq)`,
        [room, throughSeq],
      );
      const stored = await client.query(
        `INSERT INTO doc_snapshots AS s (room, through_seq, data) VALUES ($1, $2, $3)
         ON CONFLICT (room) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
          WHERE s.through_seq < excluded.through_seq
         RETURNING 1`,
        [room, throughSeq, snapshot],
      );
      if (stored.rowCount === 0) return;
      await client.query('DELETE FROM doc_updates WHERE room = $1 AND seq <= $2', [
        room,
        throughSeq,
      ]);
    });
  }

  async storedBytes(): Promise<number> {
    const { rows } = await this.query<{ bytes: string }>(
      `SELECT ((SELECT coalesce(sum(octet_length(data)), 0) FROM doc_snapshots)
             + (SELECT coalesce(sum(octet_length(data)), 0) FROM doc_updates))::text AS bytes`,
    );
    return Number(rows[0]?.bytes ?? 0);
  }

  /**
   * Nothing to do from here: deleted rows stay as dead tuples until (auto)vacuum, and
   * their bytes in free page space until overwritten (README, "Retention").
   */
  scrub(): Promise<boolean> {
    return Promise.resolve(true);
  }

  async rooms(): Promise<string[]> {
    const { rows } = await this.query<{ room: string }>('SELECT room FROM doc_rooms ORDER BY room');
    return rows.map((row) => row.room);
  }

  async quarantine(entry: QuarantineEntry): Promise<void> {
    await this.query(
      `INSERT INTO doc_quarantine (room, reason, at) VALUES ($1, $2, $3)
       ON CONFLICT (room) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
      [entry.room, entry.reason, entry.at],
    );
  }

  async quarantineOf(room: string): Promise<QuarantineEntry | null> {
    const { rows } = await this.query<QuarantineRow>(
      'SELECT room, reason, at FROM doc_quarantine WHERE room = $1',
      [room],
    );
    return rows[0] ? asQuarantineEntry(rows[0]) : null;
  }

  async quarantined(): Promise<QuarantineEntry[]> {
    const { rows } = await this.query<QuarantineRow>(
      'SELECT room, reason, at FROM doc_quarantine ORDER BY at, room',
    );
    return rows.map(asQuarantineEntry);
  }

  async release(room: string): Promise<void> {
    await this.query('DELETE FROM doc_quarantine WHERE room = $1', [room]);
  }

  close(): Promise<void> {
    this.closing ??= this.ready.then(
      () => this.pool.end(),
      () => this.pool.end(),
    );
    return this.closing;
  }

  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    await this.ready;
    return this.pool.query<R>(text, values);
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    return inTransaction(this.pool, work);
  }
}

interface QuarantineRow {
  room: string;
  reason: string;
  at: string;
}

function asQuarantineEntry(row: QuarantineRow): QuarantineEntry {
  return { room: row.room, reason: row.reason, at: Number(row.at) };
}

function asHead(row: { room: string; head: string }): Head {
  return { room: row.room, head: Number(row.head) };
}

/** A view over the Buffer pg returns, like SqlitePersistence: no copy per row. */
function asUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
