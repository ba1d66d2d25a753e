/**
 * `npm run admin -- backup` and `restore` against real relay processes on real ports,
 * in both modes, while clients keep writing: every update the relay confirmed before
 * the backup started is in the restored install, with its people, sessions, rooms,
 * access rules and files. Then every refusal, and the schedule's rotation.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatedInvite,
  DirectoryRoom,
  GroupSummary,
  Me,
  StoredFile,
} from '../../shared/api/schemas.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { EditLedger, muxWriter, stockWriter, type Writer } from '../support/edit-ledger.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startRelayProcess, startScaledRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';
import { SEED_OWNER, seedDatabase } from '../support/workspace-seed.js';

const cleanup = cleanupAfterEach();
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let postgres: PostgresServer;
let redis: RedisServer;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

/** The operator command line as the README says to run it. */
function admin(env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', join(root, 'sync-server/src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const ROOMS = ['notes-a', 'notes-b'];

/** A running relay of either mode, as the test drives it. */
interface Running {
  httpUrl: string;
  wsUrl: string;
  token: string;
  openRoom(room: string): Promise<void>;
  kill(): Promise<void>;
}

/** What a person set up before the backup: to find again after the restore. */
async function people(relay: Running) {
  const owner = new ApiClient(relay.httpUrl);
  await owner.ok(Me, 'POST', '/auth/login', {
    email: SEED_OWNER.email,
    password: SEED_OWNER.password,
  });
  const design = await owner.ok(GroupSummary, 'POST', '/groups', { name: 'Design' });
  const joinAs = async (email: string, groups: string[]) => {
    const invite = await owner.ok(CreatedInvite, 'POST', '/invites', { role: 'member', groups });
    const api = new ApiClient(relay.httpUrl);
    await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
      name: email,
      email,
      password: 'a long enough password',
    });
    return api;
  };
  const member = await joinAs('member@test.example', [design.id]);
  const outsider = await joinAs('outsider@test.example', []);
  await owner.ok(DirectoryRoom, 'POST', '/rooms', {
    id: 'design-doc',
    kind: 'doc',
    title: 'Design',
    access: { workspace: 'none', groups: [{ id: design.id, level: 'write' }], users: [] },
  });
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
  return { owner, member, outsider, fileUrl: file.url };
}

/**
 * Clients write continuously in ROOMS; once some edits are confirmed, the edits
 * confirmed so far are recorded and `backup` runs while writing goes on.
 */
async function backupUnderLoad(relay: Running, backup: () => Promise<unknown>) {
  for (const room of ROOMS) await relay.openRoom(room);
  const writers: Writer[] = [
    muxWriter(relay.wsUrl, relay.token, ROOMS, 'm'),
    ...ROOMS.map((room, i) => stockWriter(relay.wsUrl, relay.token, room, `s${i}`)),
  ];
  cleanup.push(() => writers.forEach((w) => w.destroy()));
  const ledger = new EditLedger();
  const gen = prng.create(16);
  let writing = true;
  const loop = (async () => {
    while (writing) {
      for (const w of writers) ledger.edit(gen, w, prng.oneOf(gen, [...w.rooms]));
      ledger.sweep();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await waitFor(() => ROOMS.every((room) => (ledger.confirmed.get(room)?.size ?? 0) >= 10), {
    what: 'confirmed edits in every room before the backup',
  });
  ledger.sweep();
  const before = new Map([...ledger.confirmed].map(([room, keys]) => [room, new Set(keys)]));
  const made = ledger.confirmedCount();
  await backup();
  writing = false;
  await loop;
  ledger.sweep();
  // Writing went on during the backup: the test proves a backup under load.
  expect(ledger.confirmedCount()).toBeGreaterThan(made);
  return before;
}

/** Every edit confirmed before the backup, in the restored relay's rooms. */
async function expectConfirmed(relay: Running, before: Map<string, Set<string>>) {
  for (const room of ROOMS) {
    const reader = createTestClient(relay.wsUrl, room, { token: relay.token });
    cleanup.push(() => reader.destroy());
    await reader.synced();
    const log = reader.doc.getMap('log');
    const keys = [...(before.get(room) ?? [])];
    expect(keys.length).toBeGreaterThan(0);
    expect(
      keys.filter((key) => !log.has(key)),
      `confirmed edits of ${room}`,
    ).toEqual([]);
  }
}

/** Sessions, rules and the file, as the people who had them see them on `relay`. */
async function expectPeople(relay: Running, seen: Awaited<ReturnType<typeof people>>) {
  const on = (from: ApiClient) => {
    const api = new ApiClient(relay.httpUrl);
    api.copyCookie(from, 'ws_session');
    return api;
  };
  const [owner, member, outsider] = [on(seen.owner), on(seen.member), on(seen.outsider)];
  expect((await owner.call('GET', '/me')).status).toBe(200);
  expect((await member.call('GET', '/rooms/design-doc')).status).toBe(200);
  expect((await outsider.call('GET', '/rooms/design-doc')).status).toBe(404);
  const download = await fetch(`${relay.httpUrl}${seen.fileUrl}`, {
    headers: { cookie: member.sessionCookie ?? '' },
  });
  expect(download.status).toBe(200);
  expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
}

async function embedded(env: Record<string, string> = {}): Promise<Running & { dataDir: string }> {
  const relay = await startRelayProcess(env);
  cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
  return { ...relay, openRoom: (room) => Promise.resolve(relay.openRoom(room)) };
}

async function scaled(
  url: string,
  filesDir: string,
  env: Record<string, string> = {},
): Promise<Running> {
  const seeded = await seedDatabase(url);
  cleanup.push(() => seeded.close());
  const relay = await startScaledRelayProcess({
    databaseUrl: url,
    redisUrl: redis.url,
    filesDir,
    env,
  });
  cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
  return { ...relay, token: seeded.token, openRoom: (room) => seeded.openRoom(room) };
}

describe('[BACKUP1][BACKUP2][BACKUP4] a backup under load restores every confirmed update', () => {
  it('embedded: restored into a new DATA_DIR, a relay serves the edits, sessions, rules and files', async () => {
    const relay = await embedded();
    const seen = await people(relay);
    const file = join(temp('backups-'), 'now.tar.gz');
    const before = await backupUnderLoad(relay, () =>
      admin({ DATA_DIR: relay.dataDir }, 'backup', file),
    );
    const restored = join(temp('restored-'), 'data');
    const { stdout } = await admin({ DATA_DIR: restored }, 'restore', file);
    expect(stdout).toContain(`into DATA_DIR ${restored}`);
    const back = await embedded({ DATA_DIR: restored });
    await expectConfirmed(back, before);
    await expectPeople(back, seen);
  });

  it('scaled: restored into a new PostgreSQL database, and into an embedded DATA_DIR', async () => {
    const url = await postgres.createDatabase();
    const files = temp('files-');
    const relay = await scaled(url, files);
    const seen = await people(relay);
    const file = join(temp('backups-'), 'now.tar.gz');
    const env = { DATABASE_URL: url, FILES_DIR: files, DATA_DIR: temp('admin-') };
    const before = await backupUnderLoad(relay, () => admin(env, 'backup', file));
    const target = await postgres.createDatabase();
    const filesDir = temp('restored-files-');
    await admin(
      { DATABASE_URL: target, FILES_DIR: filesDir, DATA_DIR: temp('admin-') },
      'restore',
      file,
    );
    const back = await scaled(target, filesDir);
    await expectConfirmed(back, before);
    await expectPeople(back, seen);
    // The same archive serves the embedded mode: one format for both.
    const restored = join(temp('restored-'), 'data');
    await admin({ DATA_DIR: restored }, 'restore', file);
    const single = await embedded({ DATA_DIR: restored });
    await expectConfirmed(single, before);
    await expectPeople(single, seen);
  });
});
