/**
 * `npm run admin -- backup` and `restore` against real relay processes on real ports,
 * in both modes, while clients keep writing: every update the relay confirmed before
 * the backup started is in the restored install, with its people, sessions, rooms,
 * access rules and files. Then every refusal, and the schedule's rotation.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
import {
  startRelayProcess,
  startScaledRelayProcess,
  type RelayProcess,
} from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';
import { SEED_OWNER, seedDatabase } from '../support/workspace-seed.js';
import { adminWith } from '../support/admin-cli.js';
import { nodeArgs } from '../support/compiled-relay.js';

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

const admin = adminWith;

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

async function embedded(
  env: Record<string, string> = {},
): Promise<Running & { dataDir: string; client: RelayProcess['client'] }> {
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

  it('[BACKUP3] scaled: restored into a new PostgreSQL database, and into an embedded DATA_DIR', async () => {
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

/** An archive of a small embedded install (a relay running, one confirmed edit). */
async function smallArchive(): Promise<string> {
  const relay = await embedded();
  const client = relay.client('notes', { confirm: true });
  cleanup.push(() => client.destroy());
  await client.synced();
  client.doc.getText('t').insert(0, 'backed up');
  await client.allConfirmed();
  const file = join(temp('backups-'), 'small.tar.gz');
  await admin({ DATA_DIR: relay.dataDir }, 'backup', file);
  return file;
}

/** Runs the command expecting exit 1 with one line on stderr; returns that line. */
async function refused(env: Record<string, string>, ...args: string[]): Promise<string> {
  const failure = (await admin(env, ...args).then(
    () => {
      throw new Error(`${args.join(' ')} succeeded`);
    },
    (error: unknown) => error,
  )) as { code: number; stderr: string };
  expect(failure.code).toBe(1);
  expect(failure.stderr.trim().split('\n')).toHaveLength(1);
  return failure.stderr.trim();
}

/** The archive's entries, unpacked with a stock tar, to be altered and packed again. */
async function repack(file: string, change: (dir: string) => void): Promise<string> {
  const dir = temp('unpacked-');
  await run('tar', ['-xzf', file, '-C', dir]);
  change(dir);
  const names = readdirSync(dir).filter((n) => n !== 'manifest.json' && n !== 'files');
  const files = existsSync(join(dir, 'files'))
    ? readdirSync(join(dir, 'files')).map((n) => `files/${n}`)
    : [];
  const out = join(temp('damaged-'), 'damaged.tar.gz');
  await run('tar', ['-czf', out, '-C', dir, 'manifest.json', ...names, ...files]);
  return out;
}

describe('[BACKUP2] uploaded files', () => {
  it('[BACKUP2] a file the live store names but the files directory lost fails the backup, naming it', async () => {
    const relay = await embedded();
    await people(relay);
    const filesDir = join(relay.dataDir, 'files');
    const [lost] = readdirSync(filesDir).filter((name) => /^[0-9a-f]{64}$/.test(name));
    expect(lost).toBeDefined();
    rmSync(join(filesDir, lost ?? ''));
    const file = join(temp('backups-'), 'damaged-files.tar.gz');
    expect(await refused({ DATA_DIR: relay.dataDir }, 'backup', file)).toContain(
      `uploaded file ${lost} (named in the database) is missing`,
    );
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dirname(file))).toEqual([]);
  });
});

describe('[BACKUP5][BACKUP6] restore refuses, and restores nothing', () => {
  it('[BACKUP5] refuses a DATA_DIR that holds anything, and leaves it as it was', async () => {
    const file = await smallArchive();
    const target = temp('occupied-');
    writeFileSync(join(target, 'notes.txt'), 'mine');
    expect(await refused({ DATA_DIR: target }, 'restore', file)).toMatch(
      /^error: DATA_DIR .* is not empty \(it holds notes.txt\)/,
    );
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('[BACKUP6] refuses a truncated archive, a checksum mismatch, an unknown format and a file that is no archive', async () => {
    const file = await smallArchive();
    const bytes = readFileSync(file);
    const truncated = join(temp('damaged-'), 'cut.tar.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const mismatch = await repack(file, (dir) => {
      const db = readFileSync(join(dir, 'relay.sqlite'));
      db[db.length - 1] = (db[db.length - 1] ?? 0) ^ 0xff;
      writeFileSync(join(dir, 'relay.sqlite'), db);
    });
    const future = await repack(file, (dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as object;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 99 }));
    });
    const text = join(temp('damaged-'), 'notes.txt');
    writeFileSync(text, 'not an archive at all\n'.repeat(100));
    const cases: [string, RegExp][] = [
      [truncated, /cut short/],
      [mismatch, /relay\.sqlite does not match its checksum/],
      [future, /format version 99, and this relay reads only version 1/],
      [text, /not a (gzip file|tar archive|backup archive)/],
    ];
    for (const [archive, reason] of cases) {
      const parent = temp('target-');
      const line = await refused({ DATA_DIR: join(parent, 'data') }, 'restore', archive);
      expect(line).toMatch(/^error: cannot restore /);
      expect(line).toMatch(reason);
      expect(line).toMatch(/nothing was restored$/);
      // Not the target, nor the temporary directory beside it.
      expect(readdirSync(parent)).toEqual([]);
    }
  });

  it('[BACKUP6] backup and restore without FILE say how to call them', async () => {
    const dataDir = temp('data-');
    expect(await refused({ DATA_DIR: dataDir }, 'backup')).toBe(
      'error: usage: npm run admin -- backup FILE',
    );
    expect(await refused({ DATA_DIR: dataDir }, 'restore')).toBe(
      'error: usage: npm run admin -- restore FILE',
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

/** Starts a relay that is expected not to start; resolves with its exit code and stderr. */
async function failedStart(env: Record<string, string>) {
  const child = execFile(process.execPath, nodeArgs('sync-server/src/main.ts'), {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  cleanup.push(() => (child.exitCode === null ? child.kill('SIGKILL') : undefined));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr };
}

/** The archive names seen in `dir` over time, and whether the schedule kept at most `keep`. */
function archivesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^backup-.*\.tar\.gz$/.test(name));
}

describe('[BACKUP7][BACKUP8][BACKUP9] scheduled backups', () => {
  it('[BACKUP8] a relay does not start when BACKUP_DIR cannot take a file', async () => {
    const blocker = join(temp('backup-parent-'), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const { code, stderr } = await failedStart({
      DATA_DIR: temp('data-'),
      BACKUP_DIR: join(blocker, 'backups'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `relay not started: BACKUP_DIR ${join(blocker, 'backups')} is not writable (ENOTDIR)`,
    );
  });

  it('[BACKUP7][BACKUP9] embedded: backups appear, the newest BACKUP_KEEP are kept, other files are not touched', async () => {
    const dir = temp('scheduled-');
    writeFileSync(join(dir, 'operator-notes.txt'), 'keep me');
    const relay = await embedded({
      BACKUP_DIR: dir,
      BACKUP_INTERVAL_HOURS: '0.0005',
      BACKUP_KEEP: '2',
    });
    await relay.openRoom('notes');
    const seen = new Set<string>();
    await waitFor(
      () => {
        const now = archivesIn(dir);
        now.forEach((name) => seen.add(name));
        return seen.size >= 4 && now.length === 2;
      },
      { timeout: 90_000, interval: 100, what: 'four scheduled backups, two kept' },
    );
    expect(existsSync(join(dir, 'operator-notes.txt'))).toBe(true);
    const newest = archivesIn(dir).sort().at(-1) ?? '';
    const restored = join(temp('restored-'), 'data');
    await admin({ DATA_DIR: restored }, 'restore', join(dir, newest));
    expect(readdirSync(restored).sort()).toEqual(['identity.sqlite', 'relay.sqlite']);
    await relay.kill();
  });

  it('[BACKUP7] scaled: of two relays sharing BACKUP_DIR, one takes each scheduled backup', async () => {
    const url = await postgres.createDatabase();
    const files = temp('files-');
    const dir = temp('scheduled-');
    const hours = 0.001;
    const env = { BACKUP_DIR: dir, BACKUP_INTERVAL_HOURS: String(hours), BACKUP_KEEP: '10' };
    await scaled(url, files, env);
    await scaled(url, files, env);
    await waitFor(() => archivesIn(dir).length >= 3, {
      timeout: 90_000,
      interval: 100,
      what: 'three scheduled backups',
    });
    const slots = archivesIn(dir).map((name) => {
      const iso = name
        .slice('backup-'.length, -'.tar.gz'.length)
        .replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/, 'T$1:$2:$3.$4Z');
      return Math.floor(Date.parse(iso) / (hours * 3_600_000));
    });
    expect(new Set(slots).size).toBe(slots.length);
  });
});
