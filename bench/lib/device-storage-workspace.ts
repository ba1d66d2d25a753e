/**
 * The one-database layout as the app uses it: client/src/sync/device-store's
 * WorkspaceStore, one per page (that is, per browser launch), opened with the
 * migration's look for old databases as at every start.
 */
import * as Y from 'yjs';
import { browserDeviceData } from '../../client/src/auth/device-data.js';
import type { DocRegistry } from '../../client/src/sync/doc-registry.js';
import type { PartPersistence } from '../../client/src/sync/device-store/part-persistence.js';
import type { MigrationEvent } from '../../client/src/sync/device-store/legacy-migration.js';
import { WorkspaceStore } from '../../client/src/sync/device-store/workspace-store.js';
import { benchParts, partUpdates, roomSummary, summaryRooms } from './device-storage-parts.js';
import type { Layout } from './device-storage-page.js';

let current: WorkspaceStore | null = null;
const store = () => (current ??= new WorkspaceStore({ idb: indexedDB }));

async function load(part: string, doc: Y.Doc): Promise<PartPersistence> {
  const persistence = store().persist(part, doc);
  await persistence.whenSynced;
  await persistence.get('pending');
  return persistence;
}

export const workspaceLayout: Layout = {
  async setup(text, count) {
    const parts = benchParts(count);
    const started = performance.now();
    for (const [index, { part }] of parts.entries()) {
      const doc = new Y.Doc();
      const persistence = await load(part, doc);
      for (const update of partUpdates(text, index)) Y.applyUpdate(doc, update);
      await persistence.set('pending', 0);
      await persistence.destroy();
      doc.destroy();
    }
    const partsMs = performance.now() - started;
    for (const [i, room] of summaryRooms(parts, count).entries()) {
      await store().putSummary(room, roomSummary(room, i));
    }
    return partsMs;
  },
  async openAll(count, held) {
    const persistences = await Promise.all(
      benchParts(count).map(({ part }) => {
        const doc = new Y.Doc();
        held.push(doc);
        return load(part, doc);
      }),
    );
    await Promise.all(persistences.map((persistence) => persistence.destroy()));
  },
  async readSummaries() {
    return (await store().allSummaries()).size;
  },
  async catchUpPart(part, update) {
    const doc = new Y.Doc();
    const persistence = await load(part, doc);
    Y.applyUpdate(doc, update, 'relay');
    await persistence.destroy();
    doc.destroy();
  },
  async wipeRoom(room) {
    await store().deleteRooms([room]);
  },
  async wipeAll() {
    const registry = { evictAll() {} } as unknown as DocRegistry;
    await browserDeviceData(registry, indexedDB, store()).forgetAll();
  },
  async readText(part) {
    const doc = new Y.Doc();
    const persistence = await load(part, doc);
    const text = doc.getText('body').toString();
    await persistence.destroy();
    doc.destroy();
    return text;
  },
};

/**
 * A start on a device still in today's layout: one part opened at once (it jumps
 * the migration's queue) until it is loaded; until the store is ready (every
 * database not yet copied is copied and verified); then loading `parts` one by one
 * while the databases copied at an earlier start are deleted in the background
 * (not waited for: how many went by then gives the rate).
 */
export async function migrationStart(parts: string[]) {
  const started = performance.now();
  let deleted = 0;
  const onProgress = (event: MigrationEvent) => {
    if (event.kind === 'deleted') deleted += 1;
  };
  const opened = new WorkspaceStore({ idb: indexedDB, migration: { onProgress } });
  current = opened;
  const firstDoc = new Y.Doc();
  const firstPart = await load(parts.at(-1)!, firstDoc);
  const first = performance.now() - started;
  await firstPart.destroy();
  firstDoc.destroy();
  await opened.ready;
  const ready = performance.now() - started;
  const loading = performance.now();
  for (const part of parts) {
    const doc = new Y.Doc();
    await (await load(part, doc)).destroy();
    doc.destroy();
  }
  const loadParts = performance.now() - loading;
  const report = await Promise.race([opened.migrated, Promise.resolve(null)]);
  return {
    first,
    ready,
    loadParts,
    elapsed: performance.now() - started,
    over: report !== null,
    deleted,
  };
}
