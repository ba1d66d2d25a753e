/**
 * Every room part this device keeps, in one IndexedDB database for the workspace
 * (schema.ts), with the per-room summaries the sidebar reads without opening rooms.
 *
 * It replaces y-indexeddb's one database per part: with 3,000 parts in Chromium,
 * wiping the device took 178 s that way against 0.9 s here, revoking one room
 * 1.2 s against 62 ms (figures and how to rerun them: bench/README.md, "Device
 * storage"). When it opens it moves the databases of the old layout in
 * (legacy-migration.ts); a part waits only for its own.
 */
import type * as Y from 'yjs';
import { roomIdOf } from '../../../../shared/protocol/room-id.js';
import { openDatabase, requestDone, transactionDone } from './idb-requests.js';
import {
  deleteLegacyDatabases,
  LegacyCopier,
  type MigrationOptions,
  type MigrationReport,
} from './legacy-migration.js';
import { PartPersistence, type MetaKey, type PartHost } from './part-persistence.js';
import {
  ALL_STORES,
  META,
  MIGRATIONS,
  roomKeys,
  roomNames,
  SCHEMA_VERSION,
  SUMMARIES,
  UPDATES,
  upgradeSchema,
  WORKSPACE_DATABASE,
} from './schema.js';

export interface WorkspaceStoreOptions {
  idb: IDBFactory;
  /** Default `ws:~workspace`. */
  name?: string;
  /** Updates a part keeps before they are merged into one (default 500, as y-indexeddb). */
  compactAfter?: number;
  /** How to move today's per-part databases in; `false` skips looking for them. */
  migration?: MigrationOptions | false;
  /** A write or compaction failed; the part's stored data is as it was before. */
  onError?: (part: string, error: unknown) => void;
}

export class WorkspaceStore {
  readonly name: string;
  /**
   * The database is open and all of today's layout copied in. A part loads as soon as
   * its own old database is copied (it jumps the queue when opened).
   */
  readonly ready: Promise<void>;
  /** The migration is over, the old databases that could be deleted deleted. */
  readonly migrated: Promise<MigrationReport>;

  /** The database, once every old database is copied: wipes wait for this. */
  readonly #db: Promise<IDBDatabase>;
  readonly #opened: Promise<IDBDatabase>;
  readonly #copier: Promise<LegacyCopier | null>;
  readonly #live = new Set<PartPersistence>();
  readonly #host: PartHost;

  constructor({ idb, name, compactAfter = 500, migration = {}, onError }: WorkspaceStoreOptions) {
    this.name = name ?? WORKSPACE_DATABASE;
    const opened = openDatabase(idb, this.name, SCHEMA_VERSION, upgradeSchema).then((db) => {
      // Another tab deleting or upgrading it must not wait for this one.
      db.onversionchange = () => db.close();
      return db;
    });
    this.#opened = opened;
    this.#copier = opened.then((db) =>
      migration === false ? null : new LegacyCopier(db, idb, migration),
    );
    const copied = this.#copier.then(async (copier) =>
      copier
        ? copier.done.catch((error: unknown) => {
            // Without a list of databases (or with a broken one) the parts still load.
            const report = emptyReport();
            report.kept.push({ name: '*', reason: 'unreadable', detail: String(error) });
            return { report, deletable: [] };
          })
        : { report: emptyReport(), deletable: [] },
    );
    this.#db = copied.then(() => opened);
    this.ready = this.#db.then(() => {});
    this.migrated = copied.then(async (result) =>
      migration === false
        ? result.report
        : deleteLegacyDatabases(await opened, idb, result, migration),
    );
    this.ready.catch(() => {}); // each caller sees the failure through its own promise
    this.migrated.catch(() => {});
    this.#host = {
      database: (part) => this.#partReady(part),
      compactAfter,
      reportError: (part, error) => onError?.(part, error),
      detach: (part) => this.#live.delete(part),
    };
  }

  /**
   * Binds a part to a doc, in place of `new IndexeddbPersistence('ws:' + part, doc)`:
   * loads the stored copy into it and stores every later update.
   */
  persist(part: string, doc: Y.Doc): PartPersistence {
    const persistence = new PartPersistence(this.#host, part, doc);
    this.#live.add(persistence);
    return persistence;
  }

  async getMeta(part: string, key: MetaKey): Promise<unknown> {
    const db = await this.#partReady(part);
    return requestDone(db.transaction([META], 'readonly').objectStore(META).get([part, key]));
  }

  async setMeta(part: string, key: MetaKey, value: unknown): Promise<void> {
    await this.#write(this.#partReady(part), [META], (meta) => meta.put(value, [part, key]));
  }

  /** Every room's summary, read in one transaction. */
  async allSummaries(): Promise<Map<string, unknown>> {
    const db = await this.#opened;
    const store = db.transaction([SUMMARIES], 'readonly').objectStore(SUMMARIES);
    const [keys, values] = await Promise.all([
      requestDone(store.getAllKeys()),
      requestDone(store.getAll()),
    ]);
    return new Map(keys.map((key, i) => [String(key), values[i]]));
  }

  async putSummary(roomId: string, summary: unknown): Promise<void> {
    await this.#write(this.#opened, [SUMMARIES], (summaries) => summaries.put(summary, roomId));
  }

  /** Revocation: every part of these rooms (`id` and `id:*`), their values and summaries. */
  async deleteRooms(roomIds: readonly string[]): Promise<void> {
    if (roomIds.length === 0) return;
    const ids = new Set(roomIds);
    for (const part of this.#live) if (ids.has(roomIdOf(part.part))) part.wipe();
    await this.#write(
      this.#db,
      [UPDATES, META, SUMMARIES, MIGRATIONS],
      (updates, meta, summaries, migrations) => {
        for (const id of ids) {
          for (const range of roomKeys(id)) {
            updates.delete(range);
            meta.delete(range);
          }
          summaries.delete(id);
          for (const key of roomNames('ws:', id)) migrations.delete(key);
        }
      },
    );
  }

  /** Deactivation: everything, in one transaction; the database stays open and empty. */
  async deleteAll(): Promise<void> {
    for (const part of this.#live) part.wipe();
    await this.#write(this.#db, ALL_STORES, (...stores) =>
      stores.forEach((store) => store.clear()),
    );
  }

  /** Waits for the open parts' writes, then closes the database. */
  async close(): Promise<void> {
    await Promise.all([...this.#live].map((part) => part.destroy()));
    (await this.#db).close();
  }

  async #partReady(part: string): Promise<IDBDatabase> {
    const db = await this.#opened;
    await (await this.#copier)?.partCopied(part);
    return db;
  }

  /** One read-write transaction over `names`, once `database` is ready for it. */
  async #write(
    database: Promise<IDBDatabase>,
    names: string[],
    write: (...stores: IDBObjectStore[]) => void,
  ): Promise<void> {
    const transaction = (await database).transaction(names, 'readwrite');
    write(...names.map((name) => transaction.objectStore(name)));
    await transactionDone(transaction);
  }
}

const emptyReport = (): MigrationReport => ({ found: 0, copied: [], deleted: [], kept: [] });
