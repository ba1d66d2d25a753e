/**
 * Runs in Chromium for tests/e2e/device-store.spec.ts (bundled by browser-page.ts):
 * the workspace store, y-indexeddb as the app used it until now, and small helpers
 * that open a store, do one thing and close it again, as a page session would.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { browserDeviceData } from '../../client/src/auth/device-data.js';
import type { DocRegistry } from '../../client/src/sync/doc-registry.js';
import { PartLoadError } from '../../client/src/sync/device-store/part-load-error.js';
import { workspacePartStore } from '../../client/src/sync/local-store/workspace-part-store.js';
import type { MigrationEvent } from '../../client/src/sync/device-store/legacy-migration.js';
import {
  WorkspaceStore,
  type WorkspaceStoreOptions,
} from '../../client/src/sync/device-store/workspace-store.js';

type StoreOptions = Omit<WorkspaceStoreOptions, 'idb'>;

/** Only migrate() looks for y-indexeddb databases, so that each step of a test is deterministic. */
const open = (options: StoreOptions = {}) =>
  new WorkspaceStore({ idb: indexedDB, migration: false, ...options });

async function withStore<T>(options: StoreOptions, use: (store: WorkspaceStore) => Promise<T>) {
  const store = open(options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Each text is one update, typed at the end of the part's `body`. */
function type(doc: Y.Doc, texts: readonly string[]): void {
  const body = doc.getText('body');
  for (const text of texts) body.insert(body.length, text);
}

/** What a part loads as: its text, small values, and the error if some records were unreadable. */
async function readPart(store: WorkspaceStore, part: string) {
  const doc = new Y.Doc();
  const persistence = store.persist(part, doc);
  let error: { name: string; message: string; problems: unknown } | null = null;
  try {
    await persistence.whenSynced;
  } catch (caught) {
    if (!(caught instanceof PartLoadError)) throw caught;
    error = { name: caught.name, message: caught.message, problems: caught.problems };
  }
  const result = {
    text: doc.getText('body').toString(),
    pending: await persistence.get('pending'),
    stateVector: Array.from(Y.encodeStateVector(doc)),
    error,
  };
  await persistence.destroy();
  doc.destroy();
  return result;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });
}

/** A database's object stores read directly, without y-indexeddb or the store. */
async function rawRead(name: string, storeName: string, range?: IDBKeyRange) {
  const db = await request(indexedDB.open(name));
  try {
    const store = db.transaction([storeName], 'readonly').objectStore(storeName);
    const [keys, values] = await Promise.all([
      request(store.getAllKeys(range)),
      request(store.getAll(range)),
    ]);
    return keys.map((key, i) => ({ key, value: plain(values[i]) }));
  } finally {
    db.close();
  }
}

const plain = (value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value);

async function rawPut(name: string, storeName: string, key: IDBValidKey, value: unknown) {
  const db = await request(indexedDB.open(name));
  const transaction = db.transaction([storeName], 'readwrite');
  transaction.objectStore(storeName).put(value, key);
  await new Promise((resolve) => (transaction.oncomplete = resolve));
  db.close();
}

const partRange = (part: string) => IDBKeyRange.bound([part], [part, []]);

const deviceStoreTest = {
  async writePart(part: string, texts: string[], options: StoreOptions = {}, pending?: number) {
    await withStore(options, async (store) => {
      const doc = new Y.Doc();
      const persistence = store.persist(part, doc);
      // As the app does: a part with unreadable records is still edited and stored.
      await persistence.whenSynced.catch((error: unknown) => {
        if (!(error instanceof PartLoadError)) throw error;
      });
      type(doc, texts);
      if (pending !== undefined) await persistence.set('pending', pending);
      await persistence.destroy();
      doc.destroy();
    });
  },
  readPart: (part: string, options: StoreOptions = {}) =>
    withStore(options, (store) => readPart(store, part)),
  /** The part's records in the workspace database: [seq, bytes]. */
  records: async (part: string) =>
    (await rawRead('ws:~workspace', 'updates', partRange(part))).map(({ key, value }) => [
      (key as [string, number])[1],
      value,
    ]),
  putRecord: (part: string, seq: number, value: unknown) =>
    rawPut('ws:~workspace', 'updates', [part, seq], value),
  /**
   * Types `count` updates through the store as a room uses it (workspace-part-store.ts);
   * once every whenSaved() resolved, reads how many are stored (from a second connection).
   */
  async typeUntilSaved(part: string, count: number) {
    return withStore({}, async (store) => {
      const doc = new Y.Doc();
      const local = workspacePartStore(store)(part, doc);
      await local.loaded;
      const waits: Promise<void>[] = [];
      for (let i = 0; i < count; i += 1) {
        type(doc, [`${i} `]);
        const saved = local.whenSaved();
        if (saved) waits.push(saved);
      }
      const counted = waits.length;
      await Promise.all(waits);
      const stored = (await rawRead('ws:~workspace', 'updates', partRange(part))).length;
      await local.destroy();
      return { counted, stored };
    });
  },
  /** Two docs (two tabs) on one part, typing in turns, with compaction every `compactAfter`. */
  async twoWriters(part: string, rounds: number, compactAfter: number) {
    await withStore({ compactAfter }, async (store) => {
      const docs = [new Y.Doc(), new Y.Doc()];
      const parts = docs.map((doc) => store.persist(part, doc));
      await Promise.all(parts.map((p) => p.whenSynced));
      for (let i = 0; i < rounds; i += 1) {
        for (const [n, doc] of docs.entries()) type(doc, [`${'ab'[n]}${i};`]);
      }
      await Promise.all(parts.map((p) => p.destroy()));
    });
  },
  async summaries(put: Record<string, unknown>) {
    return withStore({}, async (store) => {
      for (const [room, summary] of Object.entries(put)) await store.putSummary(room, summary);
      return Object.fromEntries(await store.allSummaries());
    });
  },
  deleteRooms: (ids: string[]) => withStore({}, (store) => store.deleteRooms(ids)),
  /** Deletes everything while a part is open; then types into it: nothing may come back. */
  async deleteAllWhileOpen(part: string) {
    return withStore({}, async (store) => {
      const doc = new Y.Doc();
      const persistence = store.persist(part, doc);
      await persistence.whenSynced;
      await store.deleteAll();
      type(doc, ['typed after the wipe']);
      await persistence.flushed();
      doc.destroy();
      const fresh = new Y.Doc();
      const other = store.persist('after-wipe', fresh);
      await other.whenSynced;
      type(fresh, ['still usable']);
      await other.destroy();
      return Object.fromEntries(await store.allSummaries());
    });
  },
  /** Writes a part in today's layout, with y-indexeddb itself. */
  async legacyWrite(part: string, texts: string[], pending?: number) {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`ws:${part}`, doc);
    await persistence.whenSynced;
    type(doc, texts);
    if (pending !== undefined) await persistence.set('pending', pending);
    await request(
      persistence.db!.transaction(['updates'], 'readonly').objectStore('updates').count(),
    );
    await persistence.destroy();
    doc.destroy();
  },
  /** Loads a part of today's layout the way the app did (y-indexeddb adds a record). */
  async legacyRead(part: string) {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`ws:${part}`, doc);
    await persistence.whenSynced;
    const result = {
      text: doc.getText('body').toString(),
      pending: (await persistence.get('pending')) as unknown,
      stateVector: Array.from(Y.encodeStateVector(doc)),
    };
    await persistence.destroy();
    doc.destroy();
    return result;
  },
  legacyRaw: (part: string) => rawRead(`ws:${part}`, 'updates'),
  legacyPut: (name: string, store: string, key: IDBValidKey, value: unknown) =>
    rawPut(name, store, key, value),
  /** A database that is not a room part's (the AI vectors), made the way vector-store.ts does. */
  async otherDatabase(name: string) {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('vectors', { keyPath: 'id' });
    const db = await request(req);
    db.close();
  },
  databaseNames: async () =>
    (await indexedDB.databases()).flatMap(({ name }) => (name ? [name] : [])).sort(),
  /**
   * Opens a store, which runs the migration: `interruptAt` aborts it at that step,
   * `typeInHeldAt` makes the held older tab type at that step.
   */
  async migrate(
    steps: { interruptAt?: MigrationKind; typeInHeldAt?: MigrationKind; batchSize?: number } = {},
  ) {
    const controller = new AbortController();
    const onProgress = (event: MigrationEvent) => {
      if (event.kind === steps.interruptAt) controller.abort();
      if (event.kind === steps.typeInHeldAt && held) {
        type(held.doc, [`late`]);
      }
    };
    const migration = {
      signal: controller.signal,
      onProgress,
      batchSize: steps.batchSize ?? 32,
      pause: () => Promise.resolve(),
    };
    return withStore({ migration }, async (store) => {
      const report = await store.migrated;
      return { ...report, copied: report.copied.sort(), deleted: report.deleted.sort() };
    });
  },
  /**
   * Opens a store on many old databases and at once the part `part`: how many
   * batches were copied when it had loaded, out of how many.
   */
  async openDuringMigration(part: string, batchSize: number) {
    let batches = 0;
    const onProgress = (event: MigrationEvent) => {
      if (event.kind === 'copied') batches += 1;
    };
    return withStore({ migration: { onProgress, batchSize } }, async (store) => {
      const doc = new Y.Doc();
      const persistence = store.persist(part, doc);
      await persistence.whenSynced;
      const copiedBefore = batches;
      const text = doc.getText('body').toString();
      await persistence.destroy();
      await store.ready;
      return { copiedBefore, batches, text };
    });
  },
  /** An older tab: y-indexeddb keeps `ws:<part>` open until `release` is called. */
  async holdLegacy(part: string) {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`ws:${part}`, doc);
    await persistence.whenSynced;
    held = { doc, persistence };
  },
  async typeInHeld(texts: string[]) {
    if (!held) throw new Error('nothing held');
    type(held.doc, texts);
    const db = held.persistence.db!;
    await request(db.transaction(['updates'], 'readonly').objectStore('updates').count());
  },
  async releaseHeld() {
    await held?.persistence.destroy();
    held?.doc.destroy();
    held = null;
  },
  /** Revocation and deactivation through the app's own DeviceData, with the store plugged in. */
  async deviceData(action: 'forgetRooms' | 'forgetAll', roomIds: string[] = []) {
    return withStore({}, async (store) => {
      const registry = { evict() {}, evictAll() {}, resumeStopped() {} };
      const device = browserDeviceData(registry as unknown as DocRegistry, indexedDB, store);
      if (action === 'forgetRooms') await device.forgetRooms(roomIds);
      else await device.forgetAll();
      return Object.fromEntries(await store.allSummaries());
    });
  },
};

let held: { doc: Y.Doc; persistence: IndexeddbPersistence } | null = null;
type MigrationKind = MigrationEvent['kind'];

export type DeviceStoreTest = typeof deviceStoreTest;
(globalThis as unknown as { deviceStoreTest: DeviceStoreTest }).deviceStoreTest = deviceStoreTest;
