/**
 * Moves today's per-part y-indexeddb databases into the workspace database, losing
 * nothing when interrupted at any point:
 *
 * 1. copy: a batch of databases is read whole, and their updates (byte for byte,
 *    new seqs after whatever the part already has) and `custom` values (where the
 *    part has none yet) are added in one durable transaction, with a CopyRecord
 *    record per database saying which y-indexeddb keys went to which seqs;
 * 2. verify: the copied records are read back and compared with the originals;
 * 3. delete, at a later start than the copy: only a database whose copy was
 *    verified then and that gained nothing since (legacy-database.ts).
 *
 * Why a later start: a tab still running the previous version of the app keeps its
 * rooms' databases open, and y-indexeddb (lib0) closes a connection when another
 * asks for a version change or a deletion; that tab's later edits would then fail
 * to save. The service worker reloads such tabs when this version takes over, so by
 * the next start they are gone. A database such a tab wrote to after the copy is
 * seen in step 3 ('changed') and copied again at the following start.
 *
 * A rerun after an interruption copies only keys past the record's `lastKey`, so
 * nothing is copied twice and nothing written meanwhile by an older tab is missed.
 */
import { requestDone, transactionDone } from './idb-requests.js';
import {
  deleteLegacyIfUnchanged,
  LEGACY_PREFIX,
  listLegacyDatabases,
  readLegacyDatabase,
  type LegacyContent,
} from './legacy-database.js';
import { META, MIGRATIONS, partKeys, UPDATES, type UpdateKey } from './schema.js';

/** What was copied from one y-indexeddb database (the `migrations` store). */
export interface CopyRecord {
  /** The highest y-indexeddb key copied. */
  lastKey: number;
  /** The highest key whose copy was read back and found identical. */
  verifiedKey: number;
  /** [y-indexeddb key, seq in `updates`] copied and not yet verified. */
  unverified: [number, number][];
  /** The database gained updates after its copy was verified: read it again. */
  changed?: true;
}

export type MigrationEvent =
  | { kind: 'found'; count: number }
  /** Written in a transaction that has not committed yet. */
  | { kind: 'copying'; names: readonly string[] }
  | { kind: 'copied'; names: readonly string[] }
  | { kind: 'deleted'; name: string };

/**
 * Why a database was left in place: copied and verified now, to be deleted at the
 * next start; the migration was stopped; it could not be read, or its copy did not
 * read back the same; another connection to it would not close; it gained updates
 * since its copy.
 */
export type KeptReason =
  'next-start' | 'interrupted' | 'unreadable' | 'unverified' | 'busy' | 'changed';

export interface MigrationReport {
  /** Databases of today's layout found on this device. */
  found: number;
  /** Copied and verified (in this run or an earlier one). */
  copied: string[];
  deleted: string[];
  /** Left in place, for the next start. */
  kept: { name: string; reason: KeptReason; detail?: string }[];
}

export interface MigrationOptions {
  /** Stops between steps; a copy transaction not yet committed is aborted. */
  signal?: AbortSignal;
  onProgress?: (event: MigrationEvent) => void;
  /** Databases copied per transaction (default 32). */
  batchSize?: number;
  /**
   * Waited for before each deletion, so that the app's own reads and writes are not
   * held up: with thousands of databases Chromium takes tens of milliseconds to
   * delete one, during which the origin's other IndexedDB work waits. Default 100 ms.
   */
  pause?: () => Promise<void>;
}

const defaultPause = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

/** A database of today's layout whose copy was complete and verified at an earlier start. */
export interface Deletable {
  name: string;
  version: number;
  lastKey: number;
}

const settled = (record: CopyRecord) =>
  record.verifiedKey === record.lastKey && record.unverified.length === 0 && !record.changed;

/** Steps 1 and 2 over every database not yet copied, in batches. */
export class LegacyCopier {
  /** Every batch is done; `deletable` are the databases copied at an earlier start. */
  readonly done: Promise<{ report: MigrationReport; deletable: Deletable[] }>;

  readonly #db: IDBDatabase;
  readonly #idb: IDBFactory;
  readonly #options: MigrationOptions;
  readonly #listed: Promise<void>;
  /** Names still to copy, in order; a part being opened moves its name to the front. */
  readonly #queue: string[] = [];
  readonly #copies = new Map<string, { copied: Promise<void>; settle: () => void }>();
  readonly #report: MigrationReport = { found: 0, copied: [], deleted: [], kept: [] };
  readonly #deletable: Deletable[] = [];

  constructor(db: IDBDatabase, idb: IDBFactory, options: MigrationOptions = {}) {
    this.#db = db;
    this.#idb = idb;
    this.#options = options;
    this.#listed = this.#list();
    this.done = this.#listed.then(() => this.#copyAll());
  }

  /**
   * Resolves once the part's y-indexeddb database, if one is waiting to be copied,
   * has been copied or given up: a part opened during the migration need not wait
   * for thousands of others.
   */
  async partCopied(part: string): Promise<void> {
    await this.#listed.catch(() => {});
    const name = `${LEGACY_PREFIX}${part}`;
    const copy = this.#copies.get(name);
    if (!copy) return;
    const queued = this.#queue.indexOf(name);
    if (queued > 0) this.#queue.unshift(...this.#queue.splice(queued, 1));
    await copy.copied;
  }

  async #list(): Promise<void> {
    const listed = await listLegacyDatabases(this.#idb);
    const records = await readRecords(this.#db);
    this.#report.found = listed.length;
    for (const { name, version } of listed) {
      const record = records.get(name);
      if (record && settled(record)) {
        this.#deletable.push({ name, version, lastKey: record.lastKey });
        this.#report.copied.push(name);
        continue;
      }
      let settle = () => {};
      const copied = new Promise<void>((resolve) => (settle = resolve));
      this.#copies.set(name, { copied, settle });
      this.#queue.push(name);
    }
    if (listed.length > 0) this.#options.onProgress?.({ kind: 'found', count: listed.length });
  }

  async #copyAll() {
    const { signal, batchSize = 32 } = this.#options;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, batchSize);
      if (signal?.aborted) {
        batch.forEach((name) => this.#report.kept.push({ name, reason: 'interrupted' }));
      } else {
        await this.#copyBatch(batch);
      }
      for (const name of batch) this.#copies.get(name)?.settle();
    }
    return { report: this.#report, deletable: this.#deletable };
  }

  async #copyBatch(batch: string[]): Promise<void> {
    const report = this.#report;
    const contents: LegacyContent[] = [];
    const read = async (name: string) => {
      try {
        const content = await readLegacyDatabase(this.#idb, name);
        if (content?.custom.some(({ key }) => Array.isArray(key))) throw new Error('array key');
        if (content) contents.push(content);
      } catch (error) {
        report.kept.push({ name, reason: 'unreadable', detail: String(error) });
      }
    };
    await Promise.all(batch.map(read));
    try {
      await copyBatch(this.#db, contents, this.#options);
    } catch (error) {
      const reason = this.#options.signal?.aborted ? 'interrupted' : 'unreadable';
      contents.forEach(({ name }) => report.kept.push({ name, reason, detail: String(error) }));
      return;
    }
    const ok = await verifyBatch(this.#db, contents);
    for (const { name } of contents) {
      report.kept.push({ name, reason: ok.has(name) ? 'next-start' : 'unverified' });
    }
    report.copied.push(...ok);
    this.#options.onProgress?.({ kind: 'copied', names: [...ok] });
  }
}

/** Step 3, one database at a time, in the background (Chromium deletes slowly). */
export async function deleteLegacyDatabases(
  db: IDBDatabase,
  idb: IDBFactory,
  copied: { report: MigrationReport; deletable: Deletable[] },
  { signal, onProgress = () => {}, pause = defaultPause }: MigrationOptions = {},
): Promise<MigrationReport> {
  const { report } = copied;
  for (const deletable of copied.deletable) {
    const { name } = deletable;
    if (!signal?.aborted) await pause();
    if (signal?.aborted) {
      report.kept.push({ name, reason: 'interrupted' });
      continue;
    }
    try {
      // The record goes first: should the deletion not happen, the next start copies
      // the database again (Yjs ignores updates it has), rather than skip keys that a
      // database created again under the same name would reuse.
      const outcome = await deleteLegacyIfUnchanged(idb, deletable, () =>
        updateRecord(db, name, () => undefined),
      );
      if (outcome === 'changed') {
        await updateRecord(db, name, (record) => record && { ...record, changed: true });
      }
      if (outcome === 'deleted' || outcome === 'gone') {
        report.deleted.push(name);
        onProgress({ kind: 'deleted', name });
      } else {
        report.kept.push({ name, reason: outcome });
      }
    } catch (error) {
      report.kept.push({ name, reason: 'unverified', detail: String(error) });
    }
  }
  return report;
}

async function readRecords(db: IDBDatabase): Promise<Map<string, CopyRecord>> {
  const store = db.transaction([MIGRATIONS], 'readonly').objectStore(MIGRATIONS);
  const [keys, values] = await Promise.all([
    requestDone(store.getAllKeys()),
    requestDone(store.getAll()),
  ]);
  return new Map(keys.map((key, i) => [String(key), values[i] as CopyRecord]));
}

/** Replaces (or with `undefined`, deletes) one database's record. */
async function updateRecord(
  db: IDBDatabase,
  name: string,
  change: (record: CopyRecord | undefined) => CopyRecord | undefined,
): Promise<void> {
  const transaction = db.transaction([MIGRATIONS], 'readwrite');
  const store = transaction.objectStore(MIGRATIONS);
  const next = change((await requestDone(store.get(name))) as CopyRecord | undefined);
  if (next) store.put(next, name);
  else store.delete(name);
  await transactionDone(transaction);
}

async function copyBatch(db: IDBDatabase, contents: LegacyContent[], options: MigrationOptions) {
  const transaction = db.transaction([UPDATES, META, MIGRATIONS], 'readwrite', {
    durability: 'strict',
  });
  const done = settledLater(transactionDone(transaction));
  const updates = transaction.objectStore(UPDATES);
  const meta = transaction.objectStore(META);
  const migrations = transaction.objectStore(MIGRATIONS);
  const copyOne = async ({ name, part, updates: entries, custom }: LegacyContent) => {
    const previous = (await requestDone(migrations.get(name))) as CopyRecord | undefined;
    const record: CopyRecord = {
      lastKey: previous?.lastKey ?? -Infinity,
      verifiedKey: previous?.verifiedKey ?? -Infinity,
      unverified: previous?.unverified ?? [],
    };
    const fresh = entries.filter(({ key }) => key > record.lastKey);
    if (previous && !previous.changed && fresh.length === 0) return;
    const last = await requestDone(updates.openKeyCursor(partKeys(part), 'prev'));
    let seq = ((last?.key as UpdateKey | undefined)?.[1] ?? -1) + 1;
    for (const { key, value } of fresh) {
      updates.add(value, [part, seq]);
      record.unverified.push([key, seq]);
      seq += 1;
    }
    record.lastKey = fresh.at(-1)?.key ?? record.lastKey;
    migrations.put(record, name);
    for (const { key, value } of custom) {
      // A value the new store already has for the part is newer than the old one.
      const known = await requestDone(meta.getKey([part, key]));
      if (known === undefined) meta.put(value, [part, key]);
    }
  };
  await Promise.all(contents.map(copyOne));
  options.onProgress?.({ kind: 'copying', names: contents.map(({ name }) => name) });
  if (options.signal?.aborted) transaction.abort();
  await done;
}

/** Reads the copies back; returns the names whose copies are all identical. */
async function verifyBatch(db: IDBDatabase, contents: LegacyContent[]): Promise<Set<string>> {
  const transaction = db.transaction([UPDATES, MIGRATIONS], 'readwrite');
  const done = settledLater(transactionDone(transaction));
  const updates = transaction.objectStore(UPDATES);
  const migrations = transaction.objectStore(MIGRATIONS);
  const ok = new Set<string>();
  const verifyOne = async ({ name, part, updates: entries }: LegacyContent) => {
    const record = (await requestDone(migrations.get(name))) as CopyRecord | undefined;
    if (!record) return;
    const originals = new Map(entries.map(({ key, value }) => [key, value]));
    for (const [key, seq] of record.unverified) {
      // A key y-indexeddb has since merged away lives on in a later key, copied too.
      if (!originals.has(key)) continue;
      const copy: unknown = await requestDone(updates.get([part, seq]));
      if (!sameValue(copy, originals.get(key))) return;
    }
    migrations.put({ ...record, verifiedKey: record.lastKey, unverified: [] }, name);
    ok.add(name);
  };
  await Promise.all(contents.map(verifyOne));
  await done;
  return ok;
}

/** A promise awaited only on success: a failed request rejects first, and the abort it causes must not go unhandled. */
function settledLater(promise: Promise<void>): Promise<void> {
  promise.catch(() => {});
  return promise;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
