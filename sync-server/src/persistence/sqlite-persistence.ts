import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Head } from '../../../shared/protocol/mux.js';
import type {
  Appended,
  AppendEntry,
  FeedState,
  Persistence,
  QuarantineEntry,
  StoredRoom,
  StoredSince,
} from './persistence.js';
import { migrateSqlite } from '../schema/sqlite-migrations.js';
import { RELAY_SCHEMA } from './sqlite-schema.js';

export interface SqliteOptions {
  /** Path of the database file; ':memory:' for a private in-memory database. */
  file: string;
  /** 'full' fsyncs every commit (survives power loss); 'normal' survives process crashes. */
  synchronous?: 'full' | 'normal';
  /** Upper bound on database pages, to exercise "disk full" in tests. */
  maxPageCount?: number;
}

/**
 * SQLite in WAL mode. Each room's log is clustered by (room, seq), so loading a
 * room is one range scan. append() writes a whole group commit in one
 * transaction: a crash leaves either all of its entries or none, and the feed
 * position and the heads of the rooms it wrote go in the same transaction [FEED5].
 * `heads` is indexed by head (a device catching up asks "what changed after my
 * cursor") and keyed by room (a device new to a room asks for its parts); it also
 * keeps each room's last seq, so that an append reads the next seq with one key
 * lookup inside its write transaction. Nothing of the data is cached in this
 * object: other connections (the operator command line, other relays in tests)
 * write the same file. The schema is versioned (sqlite-schema.ts): opening migrates
 * it, or throws when the file is newer than this code [UPGRADE3].
 */
export class SqlitePersistence implements Persistence {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly appendAll;
  private readonly feedId: string;

  constructor(options: SqliteOptions) {
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // The operator command line opens the same file beside a running relay.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    // Deleted rows (expired messages, replaced snapshots) are overwritten with zeros
    // rather than left in free pages [RETAIN4]; bench/README.md has what it costs.
    this.db.pragma('secure_delete = ON');
    if (options.maxPageCount) this.db.pragma(`max_page_count = ${options.maxPageCount}`);
    try {
      migrateSqlite(this.db, RELAY_SCHEMA);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.feedId = this.openFeed();
    this.stmt = {
      insert: this.db.prepare('INSERT INTO updates (room, seq, data) VALUES (?, ?, ?)'),
      maxSeq: this.db.prepare<[string, string], { seq: number }>(
        `SELECT max(coalesce((SELECT max(seq) FROM updates WHERE room = ?), 0),
                    coalesce((SELECT through_seq FROM snapshots WHERE room = ?), 0)) AS seq`,
      ),
      log: this.db
        .prepare<[string], Buffer>('SELECT data FROM updates WHERE room = ? ORDER BY seq')
        .pluck(),
      lastSeq: this.db
        .prepare<[string], number>('SELECT last_seq FROM heads WHERE room = ?')
        .pluck(),
      since: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq',
      ),
      logEnd: this.db.prepare<[string], { seq: number | null; n: number }>(
        'SELECT max(seq) AS seq, count(*) AS n FROM updates WHERE room = ?',
      ),
      snapshot: this.db.prepare<[string], { data: Buffer; through_seq: number }>(
        'SELECT data, through_seq FROM snapshots WHERE room = ?',
      ),
      // Fenced [SCALE6]: a snapshot through a later (or the same) seq is kept.
      putSnapshot: this.db.prepare(
        `INSERT INTO snapshots (room, through_seq, data) VALUES (?, ?, ?)
         ON CONFLICT (room) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
         WHERE excluded.through_seq > snapshots.through_seq`,
      ),
      trim: this.db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?'),
      quarantine: this.db.prepare(
        `INSERT INTO quarantine (room, reason, at) VALUES (?, ?, ?)
         ON CONFLICT (room) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
      ),
      quarantineOf: this.db.prepare<[string], QuarantineEntry>(
        'SELECT room, reason, at FROM quarantine WHERE room = ?',
      ),
      quarantined: this.db.prepare<[], QuarantineEntry>(
        'SELECT room, reason, at FROM quarantine ORDER BY at, room',
      ),
      release: this.db.prepare('DELETE FROM quarantine WHERE room = ?'),
      rooms: this.db.prepare<[], { room: string }>(
        'SELECT room FROM snapshots UNION SELECT DISTINCT room FROM updates',
      ),
      putHead: this.db.prepare(
        `INSERT INTO heads (room, head, last_seq) VALUES (?, ?, ?)
         ON CONFLICT (room) DO UPDATE SET head = excluded.head, last_seq = excluded.last_seq`,
      ),
      position: this.db.prepare<[], number>('SELECT position FROM feed_meta WHERE id = 1').pluck(),
      putPosition: this.db.prepare('UPDATE feed_meta SET position = ? WHERE id = 1'),
      headsSince: this.db.prepare<[number], Head>(
        'SELECT room, head FROM heads WHERE head > ? ORDER BY head',
      ),
      // Two range scans of the primary key: the room id itself, then `id:` up to `id;`
      // (';' follows ':'), so no pattern built from a client's string ever runs.
      headsOf: this.db.prepare<[string, string, string], Head>(
        `SELECT room, head FROM heads WHERE room = ?
         UNION ALL SELECT room, head FROM heads WHERE room >= ? AND room < ?`,
      ),
    };
    // Run with .immediate(): the write lock is taken first, so what is read here (the
    // position, each room's last seq) is what this transaction writes after.
    this.appendAll = this.db.transaction((entries: readonly AppendEntry[]): Appended => {
      const lastSeqs = new Map<string, number>();
      const current = this.stmt.position.get() ?? 0;
      if (entries.length === 0) return { lastSeqs, position: current };
      const position = current + 1;
      for (const { room, update } of entries) {
        const seq = (lastSeqs.get(room) ?? this.storedLastSeq(room)) + 1;
        this.stmt.insert.run(room, seq, update);
        lastSeqs.set(room, seq);
      }
      for (const [room, seq] of lastSeqs) this.stmt.putHead.run(room, position, seq);
      this.stmt.putPosition.run(position);
      return { lastSeqs, position };
    });
  }

  /** The room's last seq: its heads row, or (a room only a snapshot holds) the log and snapshot. */
  private storedLastSeq(room: string): number {
    return this.stmt.lastSeq.get(room) ?? this.stmt.maxSeq.get(room, room)?.seq ?? 0;
  }

  /** The feed's id and position, made on first open; position 1 when rooms were stored before the feed. */
  private openFeed(): string {
    return this.db
      .transaction(() => {
        const stored = this.db
          .prepare<[], { count: number }>('SELECT count(*) AS count FROM heads')
          .get();
        this.db
          .prepare('INSERT OR IGNORE INTO feed_meta (id, feed_id, position) VALUES (1, ?, ?)')
          .run(randomBytes(12).toString('base64url'), stored && stored.count > 0 ? 1 : 0);
        const row = this.db
          .prepare<[], { feed_id: string; position: number }>(
            'SELECT feed_id, position FROM feed_meta WHERE id = 1',
          )
          .get();
        if (!row) throw new Error('feed_meta row missing');
        return row.feed_id;
      })
      .immediate();
  }

  load(room: string): Promise<StoredRoom> {
    // One read transaction, so the snapshot, the log and its end agree.
    return Promise.resolve(
      this.db.transaction(() => {
        const snapshot = this.stmt.snapshot.get(room);
        // Views over the Buffers better-sqlite3 returns: no copy per row (a log can hold 260k).
        const updates = this.stmt.log.all(room).map(asUint8Array);
        if (snapshot) updates.unshift(asUint8Array(snapshot.data));
        const end = this.stmt.logEnd.get(room);
        const lastSeq = end?.seq ?? snapshot?.through_seq ?? 0;
        return { updates, lastSeq, logLength: end?.n ?? 0 };
      })(),
    );
  }

  append(entries: readonly AppendEntry[]): Promise<Appended> {
    return this.attempt(() => this.appendAll.immediate(entries));
  }

  feed(): Promise<FeedState> {
    return this.attempt(() => ({ feedId: this.feedId, position: this.stmt.position.get() ?? 0 }));
  }

  readSince(room: string, afterSeq: number): Promise<StoredSince> {
    return this.attempt(() =>
      this.db.transaction((): StoredSince => {
        const snapshot = this.stmt.snapshot.get(room);
        const covered = snapshot !== undefined && snapshot.through_seq > afterSeq;
        const from = covered ? snapshot.through_seq : afterSeq;
        const entries = this.stmt.since
          .all(room, from)
          .map((row) => ({ seq: row.seq, update: asUint8Array(row.data) }));
        return {
          snapshot: covered ? asUint8Array(snapshot.data) : null,
          entries,
          lastSeq: this.storedLastSeq(room),
        };
      })(),
    );
  }

  headsSince(position: number): Promise<Head[]> {
    return this.attempt(() => this.stmt.headsSince.all(position));
  }

  headsOf(roomIds: readonly string[]): Promise<Head[]> {
    return this.attempt(() =>
      this.db.transaction(() =>
        roomIds.flatMap((id) => this.stmt.headsOf.all(id, `${id}:`, `${id};`)),
      )(),
    );
  }

  compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    try {
      this.db.transaction(() => {
        this.stmt.putSnapshot.run(room, throughSeq, snapshot);
        this.stmt.trim.run(room, throughSeq);
      })();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  storedBytes(): Promise<number> {
    return this.attempt(
      () =>
        this.db
          .prepare<[], number>(
            `SELECT (SELECT coalesce(sum(length(data)), 0) FROM snapshots)
                  + (SELECT coalesce(sum(length(data)), 0) FROM updates)`,
          )
          .pluck()
          .get() ?? 0,
    );
  }

  scrub(): Promise<boolean> {
    return this.attempt(() => {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return result?.busy === 0;
    });
  }

  rooms(): Promise<string[]> {
    return Promise.resolve(this.stmt.rooms.all().map((row) => row.room));
  }

  quarantine(entry: QuarantineEntry): Promise<void> {
    return this.attempt(() => void this.stmt.quarantine.run(entry.room, entry.reason, entry.at));
  }

  quarantineOf(room: string): Promise<QuarantineEntry | null> {
    return this.attempt(() => this.stmt.quarantineOf.get(room) ?? null);
  }

  quarantined(): Promise<QuarantineEntry[]> {
    return this.attempt(() => this.stmt.quarantined.all());
  }

  release(room: string): Promise<void> {
    return this.attempt(() => void this.stmt.release.run(room));
  }

  /** Runs a synchronous statement, turning a throw into a rejected promise. */
  private attempt<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    if (!this.db.open) return Promise.resolve();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      // A failed checkpoint (disk full) is harmless: the WAL is replayed on next open.
      this.db.close();
    }
    return Promise.resolve();
  }
}

function asUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
