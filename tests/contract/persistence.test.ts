import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
