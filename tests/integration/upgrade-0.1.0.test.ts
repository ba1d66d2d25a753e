/**
 * The current relay on a DATA_DIR that relay 0.1.0 wrote (tests/fixtures/data-dir-0.1.0,
 * made by make-data-dir-0.1.0.ts, described by its manifest.json): it migrates the
 * files in place and serves every person, group, room, rule, document, file,
 * notification, invite and session as before, in the embedded mode and, after
 * `npm run admin -- migrate-to-postgres`, in the scaled mode. And the ways an
 * upgrade is refused: a file a newer relay migrated, a migration that fails.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryRoom,
  GroupSummary,
  InvitePreview,
  Me,
  RoomAccess,
} from '../../shared/api/schemas.js';
import { IDENTITY_SCHEMA } from '../../sync-server/src/auth/identity/sqlite/schema.js';
import { RELAY_SCHEMA } from '../../sync-server/src/persistence/sqlite-schema.js';
import {
  migrateSqlite,
  type SqliteSchema,
} from '../../sync-server/src/schema/sqlite-migrations.js';
import { RELAY_VERSION } from '../../sync-server/src/version.js';
import { describePart, type FixtureManifest } from '../fixtures/data-dir-content.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startRelayProcessOn, startScaledRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { adminWith } from '../support/admin-cli.js';

const cleanup = cleanupAfterEach();
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(root, 'tests/fixtures/data-dir-0.1.0');
const manifest = JSON.parse(
  readFileSync(join(fixture, 'manifest.json'), 'utf8'),
) as FixtureManifest;

let postgres: PostgresServer;
let redis: RedisServer;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

/** A copy of the fixture, so that every test upgrades its own. */
function copyOfFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'upgrade-')), 'data');
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function relayOn(dataDir: string) {
  const relay = await startRelayProcessOn(dataDir);
  cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
  return relay;
}

function recordedVersions(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version, relay_version FROM schema_migrations').all();
  } finally {
    db.close();
  }
}

/** Everything the manifest lists, as people see it through a relay at `httpUrl`. */
async function expectManifestServed(httpUrl: string, wsUrl: string): Promise<void> {
  const signedIn = new Map<string, ApiClient>();
  for (const person of manifest.people) {
    const api = new ApiClient(httpUrl);
    const me = await api.ok(Me, 'POST', '/auth/login', {
      email: person.email,
      password: person.password,
    });
    expect(me.user).toMatchObject({
      id: person.id,
      email: person.email,
      name: person.name,
      role: person.role,
    });
    expect(me.workspace.name).toBe(manifest.workspace);
    signedIn.set(person.email, api);
  }
  const as = (email: string) => {
    const api = signedIn.get(email);
    if (!api) throw new Error(`${email} not signed in`);
    return api;
  };
  const owner = as(manifest.people[0]?.email ?? '');

  // The session a browser held before the upgrade still signs it in.
  const browser = await new ApiClient(httpUrl).call<Me>('GET', '/me', undefined, {
    cookie: manifest.session.cookie,
  });
  expect(browser.status).toBe(200);
  expect(browser.body.user.email).toBe(manifest.session.email);

  const groups = await owner.ok(GroupSummary.array(), 'GET', '/groups');
  const idOf = new Map(manifest.people.map((p) => [p.email, p.id]));
  expect(groups.map((g) => ({ id: g.id, name: g.name, members: [...g.members].sort() }))).toEqual(
    manifest.groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: g.members.map((email) => idOf.get(email)).sort(),
    })),
  );

  for (const room of manifest.rooms) {
    const found = await owner.ok(DirectoryRoom, 'GET', `/rooms/${room.id}`);
    expect({
      id: found.id,
      kind: found.kind,
      title: found.title,
      parentId: found.parentId,
      trashed: found.trashedAt !== null,
      access: await owner.ok(RoomAccess, 'GET', `/rooms/${room.id}/access`),
    }).toEqual(room);
  }

  for (const person of manifest.people) {
    const api = as(person.email);
    const inbox = await api.call<{ excerpt: string }[]>('GET', '/notifications');
    expect(inbox.body.map((n) => n.excerpt)).toEqual(manifest.notifications[person.email]);
    const directory = await api.call<{ id: string; favourite?: boolean }[]>('GET', '/rooms');
    expect(
      directory.body
        .filter((r) => r.favourite)
        .map((r) => r.id)
        .sort(),
    ).toEqual(manifest.favourites[person.email]);
  }

  for (const file of manifest.files) {
    const response = await fetch(`${httpUrl}${file.url}`, {
      headers: { cookie: owner.sessionCookie ?? '' },
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('base64')).toBe(file.base64);
  }
  expect((await owner.ok(InvitePreview, 'GET', `/invites/${manifest.invite}`)).role).toBe('member');
  const audit = await owner.call<{ action: string }[]>('GET', '/audit');
  expect(audit.body.map((e) => e.action).slice(-manifest.audit.length)).toEqual(manifest.audit);

  // Every document part, exactly (state vector and deletions) and as the app reads it.
  const token = await owner.token();
  for (const [name, part] of Object.entries(manifest.parts)) {
    const client = createTestClient(wsUrl, name, { token });
    try {
      await client.synced();
      expect(describePart(part.room, part.shape, client.doc)).toEqual(part);
    } finally {
      client.destroy();
    }
  }
}

describe('[UPGRADE5] a DATA_DIR written by relay 0.1.0', () => {
  it('is migrated in place, and every person, group, room, rule, document, file and session survives', async () => {
    const dataDir = copyOfFixture();
    const relay = await relayOn(dataDir);
    await expectManifestServed(relay.httpUrl, relay.wsUrl);
    expect(await relay.stop()).toBe(0);
    // Version 1 is adopted (0.1.0 recorded none), every later one applied, by this relay.
    for (const schema of [IDENTITY_SCHEMA, RELAY_SCHEMA])
      expect(recordedVersions(join(dataDir, schema.store))).toEqual(
        schema.migrations.map((m) => ({ version: m.version, relay_version: RELAY_VERSION })),
      );
    // A second start on the migrated directory serves the same.
    const again = await relayOn(dataDir);
    await expectManifestServed(again.httpUrl, again.wsUrl);
    expect(await again.stop()).toBe(0);
  });

  it('moves to PostgreSQL with migrate-to-postgres, and a scaled relay serves all of it', async () => {
    const dataDir = copyOfFixture();
    const url = await postgres.createDatabase();
    const filesDir = mkdtempSync(join(tmpdir(), 'upgrade-files-'));
    const { stdout } = await adminWith(
      { DATA_DIR: dataDir, DATABASE_URL: url },
      'migrate-to-postgres',
      '--files-dir',
      filesDir,
    );
    expect(stdout).toContain('check: every row, every room as stored and as loaded, identical');
    const scaled = await startScaledRelayProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      filesDir,
    });
    cleanup.push(() => (scaled.child.exitCode === null ? scaled.kill() : undefined));
    await expectManifestServed(scaled.httpUrl, scaled.wsUrl);
  });
});

/** `schema` with one more migration, as a later relay would ship it. */
const withNext = (schema: SqliteSchema): SqliteSchema => ({
  ...schema,
  migrations: [
    ...schema.migrations,
    {
      version: schema.migrations.length + 1,
      name: 'a later table',
      up: 'CREATE TABLE later (x INTEGER)',
    },
  ],
});

describe.each([IDENTITY_SCHEMA, RELAY_SCHEMA])('$store on upgrade', (schema) => {
  it('[UPGRADE3] a newer relay’s file: the relay does not start, and names both versions and releases', async () => {
    const dataDir = copyOfFixture();
    const db = new Database(join(dataDir, schema.store));
    migrateSqlite(db, withNext(schema), '9.9.9');
    db.close();
    await expect(startRelayProcessOn(dataDir)).rejects.toThrow(
      `exited with 1 before listening: relay not started: could not open ${dataDir}: ` +
        `the ${schema.store} schema is at version ${schema.migrations.length + 1} (migrated by relay 9.9.9), ` +
        `but this relay (${RELAY_VERSION}) knows only up to version ${schema.migrations.length}`,
    );
    expect(recordedVersions(join(dataDir, schema.store))).toHaveLength(
      schema.migrations.length + 1,
    );
  });
});

it('[UPGRADE2] a migration that fails: the relay does not start, says which, and the file is as it was', async () => {
  const dataDir = copyOfFixture();
  // A relay.sqlite from before the feed whose log the feed migration cannot read.
  const db = new Database(join(dataDir, 'relay.sqlite'));
  db.exec(
    'DROP TABLE heads; DROP TABLE feed_meta; ALTER TABLE updates RENAME COLUMN room TO place',
  );
  const before = db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();
  db.close();
  await expect(startRelayProcessOn(dataDir)).rejects.toThrow(
    'relay not started: could not open ' +
      `${dataDir}: relay.sqlite migration 1 ("${RELAY_SCHEMA.migrations[0]?.name}") failed, ` +
      'the schema stays at version 0: no such column: room',
  );
  const after = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
  expect(after.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all()).toEqual(
    before,
  );
  after.close();
});
