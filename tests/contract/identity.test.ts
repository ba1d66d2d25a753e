import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { identityContract } from './identity.contract.js';
import { approvalsContract } from './approvals.contract.js';
import { calendarInvitesContract } from './calendar-invites.contract.js';
import { availabilityContract } from './availability.contract.js';
import { orgContract } from './org.contract.js';
import { calendarFeedsContract } from './calendar-feeds.contract.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'identity-contract-')), 'identity.sqlite');

identityContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));
identityContract('SQLite :memory:', () => Promise.resolve(new SqliteIdentityStore(':memory:')));
orgContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));
approvalsContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));
calendarInvitesContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));
availabilityContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));
calendarFeedsContract('SQLite file', () => Promise.resolve(new SqliteIdentityStore(tempFile())));

describe('SqliteIdentityStore', () => {
  it('opens a file made before rooms had parents and a trash, and keeps its rows', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(`
      CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        password_hash TEXT NOT NULL, role TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL);
      CREATE TABLE rooms (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES users (id), workspace_level TEXT NOT NULL,
        created_at INTEGER NOT NULL);
      INSERT INTO users VALUES ('a', 'a@x.test', 'A', 'h', 'owner', 1, 1);
      INSERT INTO rooms VALUES ('r1', 'doc', 'Old', 'a', 'write', 2);`);
    old.close();
    const store = new SqliteIdentityStore(file);
    expect(await store.rooms.get('r1')).toEqual({
      id: 'r1',
      kind: 'doc',
      title: 'Old',
      owner_id: 'a',
      workspace_level: 'write',
      created_at: 2,
      parent_id: null,
      trashed_at: null,
    });
    await store.rooms.update('r1', { trashed_at: 9 });
    expect((await store.rooms.get('r1'))?.trashed_at).toBe(9);
    await store.close();
  });

  it('a change another process commits to the same file is seen, epoch included', async () => {
    const file = tempFile();
    const relay = new SqliteIdentityStore(file);
    const cli = new SqliteIdentityStore(file);
    await cli.transaction(async (tx) => {
      await tx.workspace.create('Acme', 1);
      await tx.workspace.bumpEpoch();
    });
    expect(await relay.workspace.get()).toEqual({ name: 'Acme' });
    expect(await relay.workspace.epoch()).toBe(1);
    expect(await cli.workspace.secret()).toBe(await relay.workspace.secret());
    await cli.close();
    await relay.close();
  });
});
