/**
 * The one-database layout, written directly on IndexedDB: `updates` [part, seq] →
 * update, `meta` [part, key] → value, `summaries` room → row.
 */
import * as Y from 'yjs';
import { benchParts, partUpdates, roomSummary, summaryRooms } from './device-storage-parts.js';
import {
  appDatabaseNames,
  deleteDatabase,
  openDatabase,
  requestDone,
  transactionDone,
} from './device-storage-idb.js';
import type { Layout } from './device-storage-page.js';

const NAME = 'ws:~workspace';
let opened: Promise<IDBDatabase> | null = null;

const db = () =>
  (opened ??= openDatabase(NAME, (db) => {
    db.createObjectStore('updates');
    db.createObjectStore('meta');
    db.createObjectStore('summaries', { keyPath: 'room' });
  }));

const partRange = (part: string) => IDBKeyRange.bound([part, 0], [part, Infinity]);

async function loadPart(part: string, doc: Y.Doc): Promise<number> {
  const transaction = (await db()).transaction(['updates', 'meta'], 'readonly');
  const updates = transaction.objectStore('updates');
  const [values, keys] = await Promise.all([
    requestDone(updates.getAll(partRange(part))),
    requestDone(updates.getAllKeys(partRange(part))),
    requestDone(transaction.objectStore('meta').get([part, 'pending'])),
  ]);
  Y.transact(doc, () => values.forEach((update: Uint8Array) => Y.applyUpdate(doc, update)), 'idb');
  const last = keys.at(-1) as [string, number] | undefined;
  return last ? last[1] + 1 : 0;
}

async function append(part: string, seq: number, update: Uint8Array): Promise<void> {
  const transaction = (await db()).transaction(['updates'], 'readwrite');
  transaction.objectStore('updates').add(update, [part, seq]);
  await transactionDone(transaction);
}

export const workspaceLayout: Layout = {
  async setup(text, count) {
    const parts = benchParts(count);
    for (const [index, { part }] of parts.entries()) {
      const transaction = (await db()).transaction(['updates', 'meta'], 'readwrite');
      const store = transaction.objectStore('updates');
      partUpdates(text, index).forEach((update, seq) => store.add(update, [part, seq]));
      transaction.objectStore('meta').put(0, [part, 'pending']);
      await transactionDone(transaction);
    }
    const transaction = (await db()).transaction(['summaries'], 'readwrite');
    const store = transaction.objectStore('summaries');
    summaryRooms(parts, count).forEach((room, i) => store.put(roomSummary(room, i)));
    await transactionDone(transaction);
  },
  async openAll(count, held) {
    await db();
    await Promise.all(
      benchParts(count).map(({ part }) => {
        const doc = new Y.Doc();
        held.push(doc);
        return loadPart(part, doc);
      }),
    );
  },
  async readSummaries() {
    const transaction = (await db()).transaction(['summaries'], 'readonly');
    return (await requestDone(transaction.objectStore('summaries').getAll())).length;
  },
  async catchUpPart(part, update) {
    const doc = new Y.Doc();
    const next = await loadPart(part, doc);
    let stored: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (stored = u));
    Y.applyUpdate(doc, update, 'relay');
    if (stored) await append(part, next, stored);
    doc.destroy();
  },
  async wipeRoom(room) {
    const transaction = (await db()).transaction(['updates', 'meta', 'summaries'], 'readwrite');
    for (const name of ['updates', 'meta'] as const) {
      const store = transaction.objectStore(name);
      store.delete(IDBKeyRange.bound([room], [room, []]));
      store.delete(IDBKeyRange.bound([`${room}:`], [`${room};`], false, true));
    }
    transaction.objectStore('summaries').delete(room);
    await transactionDone(transaction);
  },
  async wipeAll() {
    (await db()).close();
    opened = null;
    await Promise.all((await appDatabaseNames()).map(deleteDatabase));
  },
  async readText(part) {
    const doc = new Y.Doc();
    await loadPart(part, doc);
    const text = doc.getText('body').toString();
    doc.destroy();
    return text;
  },
};
