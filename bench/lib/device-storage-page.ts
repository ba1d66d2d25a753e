/**
 * Runs in Chromium (bundled by bench/device-storage.ts): the same operations on two
 * layouts of the device's room data.
 *
 * - `per-part`: today's layout, y-indexeddb with one database `ws:<part>` per part,
 *   plus one database `ws:~summaries` for the sidebar's per-room summaries.
 * - `workspace`: one database for the workspace with stores keyed by part, through
 *   the app's WorkspaceStore (client/src/sync/device-store).
 *
 * Every operation returns its wall time in the page (performance.now()).
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  benchParts,
  partUpdates,
  relayUpdate,
  roomSummary,
  summaryRooms,
} from './device-storage-parts.js';
import {
  appDatabaseNames,
  deleteDatabase,
  openDatabase,
  requestDone,
  transactionDone,
} from './device-storage-idb.js';
import { migrationStart, workspaceLayout } from './device-storage-workspace.js';

export type LayoutName = 'per-part' | 'workspace';

export interface Layout {
  /** Writes every part and the summaries; returns the time the parts took, in ms. */
  setup(text: string, count: number): Promise<number>;
  /** Naive warm start: every part loaded into its own Y.Doc (kept in `held`). */
  openAll(count: number, held: Y.Doc[]): Promise<void>;
  /** The sidebar's rows in one read. */
  readSummaries(): Promise<number>;
  /** Background catch-up of one part: open its copy, apply the relay's update, write, close. */
  catchUpPart(part: string, update: Uint8Array): Promise<void>;
  /** Revocation: every part of one room and its summary. */
  wipeRoom(room: string): Promise<void>;
  /** Deactivation: everything. */
  wipeAll(): Promise<void>;
  /** The part's text as stored (to check that a catch-up landed). */
  readText(part: string): Promise<string>;
}

export const SUMMARIES_DB = 'ws:~summaries';

const openSummaries = () =>
  openDatabase(SUMMARIES_DB, (db) => db.createObjectStore('summaries', { keyPath: 'room' }));

/** Resolves once every write y-indexeddb has started on this persistence has committed. */
function written(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return Promise.resolve();
  return transactionDone(db.transaction(['updates'], 'readonly'));
}

async function loadPart(part: string, doc: Y.Doc): Promise<IndexeddbPersistence> {
  const persistence = new IndexeddbPersistence(`ws:${part}`, doc);
  await persistence.whenSynced;
  await persistence.get('pending');
  return persistence;
}

const perPartLayout: Layout = {
  async setup(text, count) {
    const parts = benchParts(count);
    const started = performance.now();
    for (const [index, { part }] of parts.entries()) {
      const doc = new Y.Doc();
      const persistence = await loadPart(part, doc);
      for (const update of partUpdates(text, index)) Y.applyUpdate(doc, update);
      await persistence.set('pending', 0);
      await written(persistence);
      await persistence.destroy();
      doc.destroy();
    }
    const partsMs = performance.now() - started;
    const db = await openSummaries();
    const transaction = db.transaction(['summaries'], 'readwrite');
    const store = transaction.objectStore('summaries');
    summaryRooms(parts, count).forEach((room, i) => store.put(roomSummary(room, i)));
    await transactionDone(transaction);
    db.close();
    return partsMs;
  },
  async openAll(count, held) {
    const persistences = await Promise.all(
      benchParts(count).map(({ part }) => {
        const doc = new Y.Doc();
        held.push(doc);
        return loadPart(part, doc);
      }),
    );
    await Promise.all(persistences.map((persistence) => persistence.destroy()));
  },
  async readSummaries() {
    const db = await openSummaries();
    const rows = await requestDone(
      db.transaction(['summaries'], 'readonly').objectStore('summaries').getAll(),
    );
    db.close();
    return rows.length;
  },
  async catchUpPart(part, update) {
    const doc = new Y.Doc();
    const persistence = await loadPart(part, doc);
    Y.applyUpdate(doc, update, 'relay');
    await written(persistence);
    await persistence.destroy();
    doc.destroy();
  },
  async wipeRoom(room) {
    const names = await appDatabaseNames();
    const mine = names.filter((name) => name === `ws:${room}` || name.startsWith(`ws:${room}:`));
    await Promise.all(mine.map(deleteDatabase));
    const db = await openSummaries();
    const transaction = db.transaction(['summaries'], 'readwrite');
    transaction.objectStore('summaries').delete(room);
    await transactionDone(transaction);
    db.close();
  },
  async wipeAll() {
    await Promise.all((await appDatabaseNames()).map(deleteDatabase));
  },
  async readText(part) {
    const doc = new Y.Doc();
    const persistence = await loadPart(part, doc);
    const text = doc.getText('body').toString();
    await persistence.destroy();
    doc.destroy();
    return text;
  },
};

const layouts: Record<LayoutName, Layout> = {
  'per-part': perPartLayout,
  workspace: workspaceLayout,
};

const held: Y.Doc[] = [];

const timed = async <T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
};

/** What the benchmark driver calls through page.evaluate. */
const deviceBench = {
  setup: (layout: LayoutName, text: string, count: number) => layouts[layout].setup(text, count),
  listDatabases: () => timed(async () => (await indexedDB.databases()).length),
  readSummaries: (layout: LayoutName) => timed(() => layouts[layout].readSummaries()),
  openAll: (layout: LayoutName, count: number) => timed(() => layouts[layout].openAll(count, held)),
  releaseAll: () => {
    for (const doc of held.splice(0)) doc.destroy();
  },
  /** Parts one after the other, or `concurrency` at a time. */
  catchUp: (layout: LayoutName, text: string, parts: string[], concurrency: number) =>
    timed(async () => {
      const queue = parts.map((part, index) => ({ part, update: relayUpdate(text, index) }));
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await layouts[layout].catchUpPart(next.part, next.update);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }),
  wipeRoom: (layout: LayoutName, room: string) => timed(() => layouts[layout].wipeRoom(room)),
  wipeAll: (layout: LayoutName) => timed(() => layouts[layout].wipeAll()),
  readText: (layout: LayoutName, part: string) => layouts[layout].readText(part),
  migrationStart,
};

export type DeviceBench = typeof deviceBench;
(globalThis as unknown as { deviceBench: DeviceBench }).deviceBench = deviceBench;
