import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import type { Persistence } from '../../sync-server/src/persistence/persistence.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { persistenceContract } from './persistence.contract.js';

// Memory stores live as long as the test process, so "reopen" returns the same one.
const memoryStores = new Map<string, Persistence>();
persistenceContract('memory', (id) => {
  let store = memoryStores.get(id);
  if (!store) {
    store = new MemoryPersistence();
    memoryStores.set(id, store);
  }
  return store;
});

const dir = mkdtempSync(join(tmpdir(), 'persist-contract-'));
persistenceContract('sqlite', (id) => new SqlitePersistence({ file: join(dir, `${id}.sqlite`) }));

describe('SqlitePersistence migration', () => {
  it('[SCALE2] a file whose heads have no last seq gets them from the log and the snapshots', async () => {
    const file = join(dir, 'before-last-seq.sqlite');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE updates (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (room, seq)) WITHOUT ROWID;
      CREATE TABLE snapshots (room TEXT PRIMARY KEY, through_seq INTEGER NOT NULL, data BLOB NOT NULL);
      CREATE TABLE quarantine (room TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE heads (room TEXT PRIMARY KEY, head INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX heads_by_head ON heads (head);
      CREATE TABLE feed_meta (id INTEGER PRIMARY KEY CHECK (id = 1), feed_id TEXT NOT NULL,
        position INTEGER NOT NULL);
      INSERT INTO feed_meta VALUES (1, 'old-feed-id', 7);
      INSERT INTO heads VALUES ('doc', 6), ('snap', 7);
    `);
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const insert = old.prepare('INSERT INTO updates VALUES (?, ?, ?)');
    for (const seq of [1, 2, 3]) insert.run('doc', seq, update);
    old.prepare('INSERT INTO snapshots VALUES (?, ?, ?)').run('snap', 5, update);
    old.close();
    const store = new SqlitePersistence({ file });
    const appended = await store.append([
      { room: 'doc', update },
      { room: 'snap', update },
    ]);
    expect(appended.lastSeqs).toEqual(
      new Map([
        ['doc', 4],
        ['snap', 6],
      ]),
    );
    expect(appended.position).toBe(8);
    expect(await store.feed()).toEqual({ feedId: 'old-feed-id', position: 8 });
    await store.close();
  });
});
