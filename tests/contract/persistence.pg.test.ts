import { afterAll, beforeAll, beforeEach } from 'vitest';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { persistenceContract } from './persistence.contract.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

// Each case opens its store by id, synchronously, and reopens it by the same id: the
// first open of an id in a case takes the fresh database made for that case.
let fresh: string | null = null;
beforeEach(async () => {
  fresh = await server.createDatabase();
});
const databases = new Map<string, string>();
persistenceContract('postgres', (id) => {
  let url = databases.get(id);
  if (!url) {
    if (!fresh) throw new Error(`no fresh database left for store "${id}" in this case`);
    url = fresh;
    fresh = null;
    databases.set(id, url);
  }
  return new PostgresPersistence({ connectionString: url });
});
