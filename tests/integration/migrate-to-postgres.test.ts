/**
 * `npm run admin -- migrate-to-postgres` on a real embedded install, made by a real
 * relay process, into a real PostgreSQL; then a relay in the scaled mode on that
 * database serves what the embedded one served, as a person would check it: the old
 * session and token, the same documents, the same access decisions, the file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CreatedInvite,
  DingPermit,
  DingVerification,
  DirectoryRoom,
  GroupSummary,
  Me,
  StoredFile,
} from '../../shared/api/schemas.js';
import { PostgresIdentityStore } from '../../sync-server/src/auth/identity/postgres/postgres-identity-store.js';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { nestedMaps } from '../support/hostile-updates.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startRelayProcess, startScaledRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { SEED_OWNER, seedDatabase } from '../support/workspace-seed.js';
import { adminWith } from '../support/admin-cli.js';

const cleanup = cleanupAfterEach();

let postgres: PostgresServer;
let redis: RedisServer;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

/** The operator command line as the README says to run it, with both stores named. */
function admin(dataDir: string, databaseUrl: string, ...args: string[]) {
  return adminWith({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, ...args);
}

async function rowsIn(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
  } finally {
    await client.end();
  }
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7, 7]);

/** What a person sees of the embedded install, to compare with the scaled relay. */
interface Seen {
  dataDir: string;
  token: string;
  owner: ApiClient;
  member: ApiClient;
  outsider: ApiClient;
  invite: string;
  permit: string;
  fileUrl: string;
  documents: Map<string, { text: string; stateVector: Uint8Array }>;
  memberDirectory: unknown;
  memberInbox: unknown;
  /** What the owner sees of the member's published availability [CAL52]. */
  availability: unknown;
  availabilityPath: string;
  decisions: Record<string, number>;
}

/** A person's answers on a room: the rule decides them. */
async function decisions(people: Record<string, ApiClient>, rooms: string[]) {
  const answers: Record<string, number> = {};
  for (const [who, api] of Object.entries(people))
    for (const room of rooms)
      answers[`${who} ${room}`] = (await api.call('GET', `/rooms/${room}`)).status;
  return answers;
}

/**
 * An embedded install made through a real relay: a group, a member in it and one
 * outside it, rooms with a group rule and a workspace rule, a favourite, a file, a
 * notification, documents (one compacted, with log entries after its snapshot), a
 * quarantined room holding updates that cannot be applied, an unused invite and a
 * DING permit. The relay is stopped at the end, as the README tells operators.
 */
async function embeddedInstall(): Promise<Seen> {
  const relay = await startRelayProcess({ COMPACT_ENTRIES: '8' });
  cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
  const owner = new ApiClient(relay.httpUrl);
  await owner.ok(Me, 'POST', '/auth/login', {
    email: SEED_OWNER.email,
    password: SEED_OWNER.password,
  });
  const design = await owner.ok(GroupSummary, 'POST', '/groups', { name: 'Design' });
  const joinAs = async (email: string, groups: string[]) => {
    const invite = await owner.ok(CreatedInvite, 'POST', '/invites', { role: 'member', groups });
    const api = new ApiClient(relay.httpUrl);
    const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
      name: email,
      email,
      password: 'a long enough password',
    });
    return { api, id: me.user.id };
  };
  const member = await joinAs('member@test.example', [design.id]);
  const outsider = await joinAs('outsider@test.example', []);
  const room = (id: string, access: object) =>
    owner.ok(DirectoryRoom, 'POST', '/rooms', { id, kind: 'doc', title: id, access });
  await room('design-doc', {
    workspace: 'none',
    groups: [{ id: design.id, level: 'write' }],
    users: [],
  });
  await room('open-doc', { workspace: 'read', groups: [], users: [] });
  await member.api.call('PUT', '/rooms/design-doc/favourite', { favourite: true });
  const uploaded = await fetch(`${relay.httpUrl}/api/rooms/design-doc/files`, {
    method: 'POST',
    headers: {
      'content-type': 'image/png',
      'x-file-name': 'plan.png',
      cookie: owner.sessionCookie ?? '',
    },
    body: new Blob([PNG]),
  });
  expect(uploaded.status).toBe(201);
  const file = StoredFile.parse(await uploaded.json());
  await owner.call('POST', '/rooms/design-doc/notify', {
    kind: 'mention',
    userIds: [member.id],
    excerpt: '@member look at the plan',
  });
  await member.api.call('PUT', '/calendar/busy', {
    timeZone: 'Europe/Berlin',
    busy: [{ start: 1_900_000_000_000, end: 1_900_003_600_000 }],
  });
  const availabilityPath = `/calendar/availability?people=${member.id}&from=1899990000000&to=1900090000000`;
  const invite = (await owner.ok(CreatedInvite, 'POST', '/invites', { role: 'member' })).token;
  const { permit } = await member.api.ok(DingPermit, 'POST', '/rooms/design-doc/ding', {
    messageId: 'm1',
    recipients: [(await owner.ok(Me, 'GET', '/me')).user.id],
  });

  const documents = new Map<string, { text: string; stateVector: Uint8Array }>();
  for (const [name, edits] of [
    ['design-doc', 20],
    ['open-doc', 3],
  ] as const) {
    const client = relay.client(name, { confirm: true });
    await client.synced();
    for (let i = 0; i < edits; i++) {
      client.doc.getText('t').insert(client.doc.getText('t').length, `${name} edit ${i}. `);
      await client.allConfirmed();
    }
    documents.set(name, {
      text: client.doc.getText('t').toString(),
      stateVector: Y.encodeStateVector(client.doc),
    });
    client.destroy();
  }
  const seen = {
    dataDir: relay.dataDir,
    token: relay.token,
    owner,
    member: member.api,
    outsider: outsider.api,
    invite,
    permit,
    fileUrl: file.url,
    documents,
    memberDirectory: (await member.api.call('GET', '/rooms')).body,
    memberInbox: (await member.api.call('GET', '/notifications')).body,
    availability: (await owner.call('GET', availabilityPath)).body,
    availabilityPath,
    decisions: await decisions({ member: member.api, outsider: outsider.api }, [
      'design-doc',
      'open-doc',
    ]),
  };
  expect(await relay.stop()).toBe(0);

  // The relay compacted every room as it stopped. Edits of a relay that was killed
  // would be log entries after the snapshot: add one such edit to design-doc.
  const store = new SqlitePersistence({ file: join(relay.dataDir, 'relay.sqlite') });
  const doc = new Y.Doc();
  for (const update of (await store.load('design-doc')).updates) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, 'written just before a crash.');
  await store.append([{ room: 'design-doc', update: Y.encodeStateAsUpdate(doc, before) }]);
  documents.set('design-doc', {
    text: doc.getText('t').toString(),
    stateVector: Y.encodeStateVector(doc),
  });
  // A room whose stored updates cannot be applied, quarantined as the relay does [ISO3].
  const { build, deleteOuter } = nestedMaps(4000);
  await store.append([build, deleteOuter].map((update) => ({ room: 'poisoned', update })));
  await store.quarantine({
    room: 'poisoned',
    reason: 'Maximum call stack size exceeded',
    at: Date.now(),
  });
  await store.close();
  const relayDb = new Database(join(relay.dataDir, 'relay.sqlite'), { readonly: true });
  expect(
    relayDb
      .prepare(
        `SELECT count(*) FROM snapshots s WHERE room = 'design-doc'
          AND EXISTS (SELECT 1 FROM updates u WHERE u.room = s.room AND u.seq > s.through_seq)`,
      )
      .pluck()
      .get(),
  ).toBe(1);
  relayDb.close();
  return seen;
}

describe('migrate-to-postgres moves an embedded install into PostgreSQL', () => {
  it('the scaled relay then serves the same sessions, tokens, documents, rules, files and quarantine', async () => {
    const seen = await embeddedInstall();
    const url = await postgres.createDatabase();
    const filesDir = mkdtempSync(join(tmpdir(), 'shared-files-'));
    const { stdout } = await admin(
      seen.dataDir,
      url,
      'migrate-to-postgres',
      '--files-dir',
      filesDir,
    );
    expect(stdout).toMatch(/moved workspace "Test" into PostgreSQL/);
    expect(stdout).toMatch(/3 people, 1 groups, 1 group memberships/);
    expect(stdout).toMatch(/3 rooms \(1 quarantined, kept quarantined\)/);
    expect(stdout).toMatch(/files: 1 copied, 0 already there/);
    expect(stdout).toContain('check: every row, every room as stored and as loaded, identical');

    const scaled = await startScaledRelayProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      filesDir,
    });
    cleanup.push(() => (scaled.child.exitCode === null ? scaled.kill() : undefined));
    const on = (from: ApiClient) => {
      const moved = new ApiClient(scaled.httpUrl);
      moved.copyCookie(from, 'ws_session');
      return moved;
    };
    const [owner, member, outsider] = [on(seen.owner), on(seen.member), on(seen.outsider)];

    // The old session cookies and the old access token.
    expect((await owner.call('GET', '/me')).status).toBe(200);
    expect((await new ApiClient(scaled.httpUrl, seen.token).call('GET', '/me')).status).toBe(200);
    // The rules decide as before; the directory (rooms, rules, favourite) and inbox are the same.
    expect(await decisions({ member, outsider }, ['design-doc', 'open-doc'])).toEqual(
      seen.decisions,
    );
    expect((await member.call('GET', '/rooms')).body).toEqual(seen.memberDirectory);
    expect((await member.call('GET', '/notifications')).body).toEqual(seen.memberInbox);
    expect(seen.availability).toMatchObject({ people: [{ state: 'shared', busy: [{}] }] });
    expect((await owner.call('GET', seen.availabilityPath)).body).toEqual(seen.availability);
    // An invite link and a DING permit made before the move (same secret, same hashes).
    expect(
      (await new ApiClient(scaled.httpUrl).call('GET', `/invites/${seen.invite}`)).status,
    ).toBe(200);
    const verified = await owner.ok(DingVerification, 'POST', '/rooms/design-doc/ding/verify', {
      permit: seen.permit,
    });
    expect(verified).toMatchObject({ valid: true, messageId: 'm1' });
    // The file downloads, byte for byte.
    const download = await fetch(`${scaled.httpUrl}${seen.fileUrl}`, {
      headers: { cookie: member.sessionCookie ?? '' },
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
    expect(readFileSync(join(filesDir, seen.fileUrl.split('/').at(-1) ?? ''))).toEqual(
      Buffer.from(PNG),
    );

    // Each document, in a fresh client, is what the embedded relay's client held.
    for (const [room, expected] of seen.documents) {
      const client = createTestClient(scaled.wsUrl, room, { token: seen.token });
      cleanup.push(() => client.destroy());
      await client.synced();
      expect(client.doc.getText('t').toString()).toBe(expected.text);
      expect(Y.encodeStateVector(client.doc)).toEqual(expected.stateVector);
    }
    // The quarantined room stays quarantined, its stored updates as they were.
    const { stdout: quarantined } = await admin(seen.dataDir, url, 'rooms');
    expect(quarantined).toMatch(/^poisoned\t.*Maximum call stack size exceeded/m);
  });
});

describe('migrate-to-postgres refuses what it must not do', () => {
  it('refuses a target that already holds a workspace, and leaves it as it was', async () => {
    const relay = await startRelayProcess({});
    await relay.stop();
    const url = await postgres.createDatabase();
    const other = await seedDatabase(url);
    await other.close();
    await expect(admin(relay.dataDir, url, 'migrate-to-postgres')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already holds the workspace "Test"') as unknown,
    });
    expect(await rowsIn(url, 'SELECT count(*) AS n FROM users')).toBe(1);
  });

  it('refuses while a relay runs on DATA_DIR, and copies nothing', async () => {
    const relay = await startRelayProcess({});
    cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
    const url = await postgres.createDatabase();
    await expect(admin(relay.dataDir, url, 'migrate-to-postgres')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`a relay is running on DATA_DIR ${relay.dataDir}`) as unknown,
    });
    expect(await rowsIn(url, 'SELECT count(*) AS n FROM users')).toBe(0);
  });

  /** An embedded install whose `notes` doc holds `text`, its relay stopped, and an empty target database. */
  async function stoppedInstall(text: string) {
    const relay = await startRelayProcess({});
    const client = relay.client('notes', { confirm: true });
    await client.synced();
    client.doc.getText('t').insert(0, text);
    await client.allConfirmed();
    client.destroy();
    await relay.stop();
    const url = await postgres.createDatabase();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    cleanup.push(() => db.end());
    return { relay, url, db };
  }

  it('a run that fails part-way leaves the target empty, and the next run completes', async () => {
    // The schema exists (as after a first attempt), and the document store refuses
    // rows: the identity rows are already written in the transaction when the copy fails.
    const { relay, url, db } = await stoppedInstall('kept across a failed move');
    await (await PostgresPersistence.open({ connectionString: url })).close();
    await db.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'the disk filled up'; END $$`);
    await db.query('CREATE TRIGGER refuse BEFORE INSERT ON doc_rooms EXECUTE FUNCTION refuse()');

    await expect(admin(relay.dataDir, url, 'migrate-to-postgres')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the disk filled up') as unknown,
    });
    expect(await rowsIn(url, 'SELECT count(*) AS n FROM users')).toBe(0);
    expect(await rowsIn(url, 'SELECT count(*) AS n FROM workspace')).toBe(0);

    await db.query('DROP TRIGGER refuse ON doc_rooms');
    const { stdout } = await admin(relay.dataDir, url, 'migrate-to-postgres');
    expect(stdout).toContain(
      `files: not copied (0 uploaded files, in ${join(relay.dataDir, 'files')})`,
    );
    const scaled = await startScaledRelayProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      filesDir: join(relay.dataDir, 'files'),
    });
    cleanup.push(() => (scaled.child.exitCode === null ? scaled.kill() : undefined));
    const reader = createTestClient(scaled.wsUrl, 'notes', { token: relay.token });
    cleanup.push(() => reader.destroy());
    await reader.synced();
    expect(reader.doc.getText('t').toString()).toBe('kept across a failed move');
  });

  it('a copy that does not read back the same is rolled back, naming each difference', async () => {
    const { relay, url, db } = await stoppedInstall('the original');
    await (await PostgresPersistence.open({ connectionString: url })).close();
    await (await PostgresIdentityStore.open({ connectionString: url })).close();
    // A target that changes what it is given: a name, and a snapshot's bytes.
    await db.query(`CREATE FUNCTION garble() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF TG_TABLE_NAME = 'users' THEN NEW.name := NEW.name || '!'; END IF;
        IF TG_TABLE_NAME = 'doc_snapshots' THEN NEW.data := NEW.data || '\\x00'::bytea; END IF;
        RETURN NEW; END $$`);
    for (const table of ['users', 'doc_snapshots'])
      await db.query(
        `CREATE TRIGGER garble BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION garble()`,
      );

    const failed = admin(relay.dataDir, url, 'migrate-to-postgres');
    await expect(failed).rejects.toMatchObject({ code: 1 });
    const { stderr } = (await failed.catch((error: unknown) => error)) as { stderr: string };
    expect(stderr).toContain('rolled back');
    expect(stderr).toMatch(/users \(\S+\): name differ/);
    expect(stderr).toContain('room notes: snapshot bytes differ');
    expect(stderr).not.toContain(SEED_OWNER.name);
    expect(await rowsIn(url, 'SELECT count(*) AS n FROM users')).toBe(0);
  });
});
