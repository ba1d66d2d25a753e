/**
 * Access snapshot: what one relay reads from the identity store each time access
 * may have changed (auth/access-snapshot.ts: every person, subject, room, rule and
 * favourite, in one transaction), and how much memory it holds, for workspaces of
 * growing size, on SQLite and on PostgreSQL in the same run. Every relay holds one
 * and rereads it on every access change, so this bounds how large a workspace the
 * current design serves (README, "Capacity model").
 *
 *   node --expose-gc --import tsx bench/access-snapshot.ts
 *   BENCH_SNAPSHOT_SIZES=1000x10000,10000x100000 …   # people x rooms
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { readAccessSnapshot } from '../sync-server/src/auth/access-snapshot.js';
import type { IdentityStore } from '../sync-server/src/auth/identity/identity-store.js';
import { PostgresIdentityStore } from '../sync-server/src/auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from '../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { startPostgres } from '../tests/support/postgres-server.js';
import { fmt, markdownTable, mib, ms, progress } from './lib/report.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GROUPS = 50;
const sizes = (process.env.BENCH_SNAPSHOT_SIZES ?? '1000x10000,10000x100000')
  .split(',')
  .map((s) => {
    const [people, rooms] = s.split('x').map(Number);
    return { people: people ?? 0, rooms: rooms ?? 0 };
  });

/** Rows of a workspace: people in groups, rooms open to the workspace or granted to a group. */
function rows(people: number, rooms: number) {
  const now = Date.now();
  const users = Array.from({ length: people }, (_, i) => ({
    id: `u${i}`,
    email: `p${i}@bench.example`,
    name: `Person ${i}`,
    role: i === 0 ? 'owner' : 'member',
  }));
  const groups = Array.from({ length: GROUPS }, (_, i) => ({ id: `g${i}`, name: `Group ${i}` }));
  const members = users.map((u, i) => ({ group: `g${i % GROUPS}`, user: u.id }));
  const roomRows = Array.from({ length: rooms }, (_, i) => ({
    id: `r${i}`,
    owner: `u${i % people}`,
    level: i % 3 === 0 ? 'none' : 'write',
  }));
  const grants = roomRows
    .filter((_, i) => i % 3 === 0)
    .map((r, i) => ({ room: r.id, group: `g${i % GROUPS}` }));
  return { now, users, groups, members, rooms: roomRows, grants };
}

async function seedSqlite(file: string, data: ReturnType<typeof rows>): Promise<void> {
  await new SqliteIdentityStore(file).close(); // creates the schema
  const db = new Database(file);
  db.transaction(() => {
    db.prepare('INSERT INTO workspace (id, name, created_at) VALUES (1, ?, ?)').run(
      'Bench',
      data.now,
    );
    const user = db.prepare(
      "INSERT INTO users (id, email, name, password_hash, role, active, created_at) VALUES (?, ?, ?, 'x', ?, 1, ?)",
    );
    for (const u of data.users) user.run(u.id, u.email, u.name, u.role, data.now);
    const group = db.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)');
    for (const g of data.groups) group.run(g.id, g.name, data.now);
    const member = db.prepare('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)');
    for (const m of data.members) member.run(m.group, m.user);
    const room = db.prepare(
      "INSERT INTO rooms (id, kind, title, owner_id, workspace_level, created_at) VALUES (?, 'doc', ?, ?, ?, ?)",
    );
    for (const r of data.rooms) room.run(r.id, `Room ${r.id}`, r.owner, r.level, data.now);
    const grant = db.prepare(
      "INSERT INTO room_grants (room_id, subject_type, subject_id, level) VALUES (?, 'group', ?, 'write')",
    );
    for (const g of data.grants) grant.run(g.room, g.group);
  })();
  db.close();
}

async function seedPostgres(url: string, data: ReturnType<typeof rows>): Promise<void> {
  await (await PostgresIdentityStore.open({ connectionString: url })).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO workspace (id, name, created_at) VALUES (1, $1, $2)', [
      'Bench',
      data.now,
    ]);
    const col = <T>(items: T[], pick: (item: T) => string) => items.map(pick);
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, role, active, created_at)
       SELECT id, email, name, 'x', role, 1, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, email, name, role)`,
      [
        col(data.users, (u) => u.id),
        col(data.users, (u) => u.email),
        col(data.users, (u) => u.name),
        col(data.users, (u) => u.role),
        data.now,
      ],
    );
    await client.query(
      'INSERT INTO groups (id, name, created_at) SELECT id, name, $3 FROM unnest($1::text[], $2::text[]) AS t(id, name)',
      [col(data.groups, (g) => g.id), col(data.groups, (g) => g.name), data.now],
    );
    await client.query(
      'INSERT INTO group_members (group_id, user_id) SELECT * FROM unnest($1::text[], $2::text[])',
      [col(data.members, (m) => m.group), col(data.members, (m) => m.user)],
    );
    await client.query(
      `INSERT INTO rooms (id, kind, title, owner_id, workspace_level, created_at)
       SELECT id, 'doc', 'Room ' || id, owner, level, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, owner, level)`,
      [
        col(data.rooms, (r) => r.id),
        col(data.rooms, (r) => r.owner),
        col(data.rooms, (r) => r.level),
        data.now,
      ],
    );
    await client.query(
      `INSERT INTO room_grants (room_id, subject_type, subject_id, level)
       SELECT room, 'group', grp, 'write' FROM unnest($1::text[], $2::text[]) AS t(room, grp)`,
      [col(data.grants, (g) => g.room), col(data.grants, (g) => g.group)],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median time of a snapshot read, and the heap the snapshot holds. */
async function measure(store: IdentityStore): Promise<{ ms: number; bytes: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  await readAccessSnapshot(store); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await readAccessSnapshot(store);
    times.push(performance.now() - started);
  }
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let i = 0; i < RUNS; i++) kept.push(await readAccessSnapshot(store));
  gc?.();
  const bytes = (process.memoryUsage().heapUsed - before) / kept.length;
  // Still referenced here, so the collection above could not free them.
  if (kept.some((snapshot) => snapshot.rooms.length === 0)) throw new Error('no rooms read');
  return { ms: median(times), bytes: gc ? bytes : NaN };
}

const server = await startPostgres();
const results: string[][] = [];
try {
  for (const size of sizes) {
    progress(`access snapshot: ${size.people} people, ${size.rooms} rooms`);
    const data = rows(size.people, size.rooms);
    const dir = mkdtempSync(join(tmpdir(), 'bench-snapshot-'));
    const file = join(dir, 'identity.sqlite');
    await seedSqlite(file, data);
    const sqlite = new SqliteIdentityStore(file);
    const onSqlite = await measure(sqlite);
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });

    const url = await server.createDatabase();
    await seedPostgres(url, data);
    const postgres = await PostgresIdentityStore.open({ connectionString: url });
    const onPostgres = await measure(postgres);
    await postgres.close();
    results.push([
      `${fmt(size.people)} people, ${fmt(size.rooms)} rooms`,
      ms(onSqlite.ms),
      ms(onPostgres.ms),
      Number.isNaN(onPostgres.bytes) ? 'run with --expose-gc' : mib(onPostgres.bytes),
    ]);
  }
} finally {
  await server.stop();
}

process.stdout.write(
  [
    '### Access snapshot (what every relay rereads on each access change)',
    '',
    `Median of ${RUNS} reads of auth/access-snapshot.ts, one relay's view; ${GROUPS} groups, a third of the rooms granted to a group, the rest open to the workspace.`,
    '',
    markdownTable(['workspace', 'SQLite', 'PostgreSQL', 'heap held'], results),
    '',
  ].join('\n'),
);
