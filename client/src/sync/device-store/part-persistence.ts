import * as Y from 'yjs';
import { requestDone, transactionDone } from './idb-requests.js';
import { describeValue, PartLoadError, type PartProblem } from './part-load-error.js';
import { META, partKeys, UPDATES, type UpdateKey } from './schema.js';

/** What a part needs from the store that made it. */
export interface PartHost {
  /** The open database, once the migration has copied what today's layout held of `part`. */
  database(part: string): Promise<IDBDatabase>;
  /** Stored updates of a part before they are merged into one. */
  readonly compactAfter: number;
  /** A write or a compaction failed (quota, closed database): nothing was half done. */
  reportError(part: string, error: unknown): void;
  /** The part stopped listening to its doc. */
  detach(part: PartPersistence): void;
}

/** A key of the part's small values (y-indexeddb's `custom` store). */
export type MetaKey = string | number;

/**
 * One room part's copy on the device, bound to a Y.Doc, with y-indexeddb's
 * guarantees: the stored updates are loaded into the doc (origin: this object),
 * every later update of the doc is appended in a read-write transaction opened in
 * the doc's `update` listener, and once a part holds `compactAfter` updates they
 * are replaced by one (the doc's state) in a single transaction.
 */
export class PartPersistence {
  readonly part: string;
  readonly doc: Y.Doc;
  /**
   * Resolves once the stored copy is in the doc. Rejects with a PartLoadError when
   * some records could not be read (the doc holds all the others), or with the
   * database's error when the store cannot be opened.
   */
  readonly whenSynced: Promise<this>;
  synced = false;
  /**
   * The database once the part is loaded. A read-only transaction over `updates`
   * opened after an update completes only after that update's write has committed.
   */
  db: IDBDatabase | null = null;

  readonly #host: PartHost;
  /** Updates of the doc before it was loaded: written right after the load. */
  readonly #early: Uint8Array[] = [];
  readonly #writes = new Set<Promise<unknown>>();
  #stored = 0;
  #compacting = false;
  #unreadable = false;
  #destroyed = false;
  #wiped = false;

  constructor(host: PartHost, part: string, doc: Y.Doc) {
    this.#host = host;
    this.part = part;
    this.doc = doc;
    if (doc.store.clients.size > 0) this.#early.push(Y.encodeStateAsUpdate(doc));
    doc.on('update', this.#onUpdate);
    doc.on('destroy', this.#onDocDestroy);
    this.whenSynced = this.#load();
    this.whenSynced.catch(() => {}); // callers see the failure through whenSynced itself
  }

  /** A small value stored with the part (for example the count of unconfirmed edits). */
  async get(key: MetaKey): Promise<unknown> {
    const db = await this.#host.database(this.part);
    return requestDone(db.transaction([META], 'readonly').objectStore(META).get([this.part, key]));
  }

  async set(key: MetaKey, value: unknown): Promise<void> {
    const db = await this.#host.database(this.part);
    if (this.#wiped) return;
    const transaction = db.transaction([META], 'readwrite');
    transaction.objectStore(META).put(value, [this.part, key]);
    await transactionDone(transaction);
  }

  async del(key: MetaKey): Promise<void> {
    const db = await this.#host.database(this.part);
    const transaction = db.transaction([META], 'readwrite');
    transaction.objectStore(META).delete([this.part, key]);
    await transactionDone(transaction);
  }

  /** Resolves when every write started so far has committed or failed. */
  async flushed(): Promise<void> {
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }

  /** Stops listening to the doc; resolves once every write of this part has finished. */
  readonly destroy = async (): Promise<void> => {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.doc.off('update', this.#onUpdate);
    this.doc.off('destroy', this.#onDocDestroy);
    this.#host.detach(this);
    await this.whenSynced.catch(() => {});
    await this.flushed();
  };

  /** The room was wiped from the device: never write this part again. */
  wipe(): void {
    this.#wiped = true;
    this.#early.length = 0;
    void this.destroy();
  }

  readonly #onDocDestroy = (): void => void this.destroy();

  readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.#wiped) return;
    if (this.db) this.#append(this.db, [update]);
    else this.#early.push(update);
  };

  async #load(): Promise<this> {
    const db = await this.#host.database(this.part);
    let problems: PartProblem[] = [];
    if (!this.#destroyed) {
      const { keys, values } = await readPart(db.transaction([UPDATES], 'readonly'), this.part);
      problems = applyStored(this.doc, keys, values, this);
      this.#stored = values.length;
      this.#unreadable = problems.length > 0;
      this.db = db;
      this.synced = true;
    }
    // Edits made before the load (or before a destroy that came first) are not lost.
    if (this.#early.length > 0 && !this.#wiped) this.#append(db, this.#early.splice(0));
    if (problems.length > 0) throw new PartLoadError(this.part, problems);
    this.#compactIfDue();
    return this;
  }

  #append(db: IDBDatabase, updates: Uint8Array[]): void {
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([UPDATES], 'readwrite');
    } catch (error) {
      this.#host.reportError(this.part, error);
      return;
    }
    const store = transaction.objectStore(UPDATES);
    // The next seq is read in the same transaction: two tabs writing one part never collide.
    const last = store.openKeyCursor(partKeys(this.part), 'prev');
    last.onsuccess = () => {
      let seq = nextSeq(last.result?.key);
      for (const update of updates) store.add(update, [this.part, seq++]);
    };
    this.#stored += updates.length;
    this.#track(transactionDone(transaction).then(() => this.#compactIfDue()));
  }

  #compactIfDue(): void {
    if (this.#stored < this.#host.compactAfter || this.#compacting) return;
    if (this.#unreadable || this.#wiped || !this.db) return;
    this.#compacting = true;
    const before = this.#stored;
    this.#track(
      this.#compact(this.db)
        .then((done) => {
          if (done) this.#stored -= before - 1;
        })
        .finally(() => (this.#compacting = false)),
    );
  }

  /** Replaces the part's updates with the doc's state; false if a record is unreadable. */
  async #compact(db: IDBDatabase): Promise<boolean> {
    const transaction = db.transaction([UPDATES], 'readwrite');
    const store = transaction.objectStore(UPDATES);
    const { keys, values } = await readPart(transaction, this.part);
    // Another tab may have stored updates this doc has not seen: take them in first.
    if (applyStored(this.doc, keys, values, this).length > 0) {
      this.#unreadable = true;
      transaction.abort();
      return false;
    }
    const last = keys.at(-1)?.[1] ?? -1;
    store.delete(IDBKeyRange.bound([this.part, -Infinity], [this.part, last]));
    store.add(Y.encodeStateAsUpdate(this.doc), [this.part, last + 1]);
    await transactionDone(transaction);
    return true;
  }

  #track(write: Promise<unknown>): void {
    const settled = write.catch((error: unknown) => this.#host.reportError(this.part, error));
    this.#writes.add(settled);
    void settled.finally(() => this.#writes.delete(settled));
  }
}

function nextSeq(key: IDBValidKey | undefined): number {
  const seq = (key as UpdateKey | undefined)?.[1];
  return typeof seq === 'number' ? seq + 1 : 0;
}

/** The part's records, keys and values read in the same transaction. */
async function readPart(
  transaction: IDBTransaction,
  part: string,
): Promise<{ keys: UpdateKey[]; values: unknown[] }> {
  const store = transaction.objectStore(UPDATES);
  const [keys, values] = await Promise.all([
    requestDone(store.getAllKeys(partKeys(part))),
    requestDone(store.getAll(partKeys(part))),
  ]);
  return { keys: keys as UpdateKey[], values };
}

/** Applies every readable record in one Yjs transaction; the others are reported. */
function applyStored(doc: Y.Doc, keys: UpdateKey[], values: unknown[], origin: unknown) {
  const problems: PartProblem[] = [];
  Y.transact(
    doc,
    () => {
      values.forEach((value, index) => {
        const seq = keys[index]?.[1] ?? -1;
        if (!(value instanceof Uint8Array)) {
          problems.push({ kind: 'not-bytes', seq, found: describeValue(value) });
          return;
        }
        try {
          Y.applyUpdate(doc, value, origin);
        } catch (error) {
          problems.push({ kind: 'undecodable', seq, message: String(error) });
        }
      });
    },
    origin,
    false,
  );
  return problems;
}
