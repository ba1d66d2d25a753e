import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteIdentityStore } from '../../../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import {
  IDENTITY_TABLES,
  IDENTITY_TABLES_NOT_COPIED,
} from '../../../../sync-server/src/migrate/tables.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('[BACKUP3][BACKUP4] the copy list', () => {
  // A table added by a migration but missing here would be dropped, without a word,
  // by migrate-to-postgres and by every backup of the scaled mode (as the SSO tables were).
  it('names every table of the current identity schema, or says why it is left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-tables-'));
    dirs.push(dir);
    const store = new SqliteIdentityStore(join(dir, 'identity.sqlite'));
    const tables = (
      store.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((row) => row.name);
    await store.close();

    // `meta` (the secret and the epoch) is copied as `meta` and `access_epoch`.
    const copied = new Set(IDENTITY_TABLES.map((copy) => copy.target));
    const missing = tables.filter(
      (name) => !copied.has(name) && !(name in IDENTITY_TABLES_NOT_COPIED),
    );
    expect(tables.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
