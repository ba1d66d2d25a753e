/**
 * The feed of room heads (PROTOCOL.md, "Workspace connection"): how long a commit
 * takes to reach 1,000 connected readers as feed notices, what an idle version 2
 * connection costs the relay in memory, and what directory notices cost after an
 * access change.
 *
 *   node --import tsx bench/feed.ts
 *
 * The relay runs in this process (createApp on SQLite files, as main.ts wires it),
 * so its fan-out can be timed from inside; the readers run in a child process
 * (bench/lib/feed-readers.ts), each a distinct person, each saying hello.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { createApp } from '../sync-server/src/app.js';
import { directoryDigest } from '../sync-server/src/auth/directory-digest.js';
import { newId } from '../sync-server/src/auth/identity/identity-store.js';
import { SqliteIdentityStore } from '../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { directoryOf } from '../sync-server/src/auth/room-directory.js';
import { systemClock } from '../sync-server/src/clock.js';
import { ConfigSchema } from '../sync-server/src/config.js';
import { silentLogger } from '../sync-server/src/logger.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { openMuxSocket } from '../tests/support/mux-socket.js';
import { waitFor } from '../tests/support/wait-for.js';
import { repoRoot } from './lib/server-process.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 2000);
const WRITES = Number(process.env.BENCH_WRITES ?? 40);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const row = (...cells: string[]) => console.log(`| ${cells.join(' | ')} |`);

const dir = mkdtempSync(join(tmpdir(), 'bench-feed-'));
const identity = new SqliteIdentityStore(join(dir, 'identity.sqlite'));
const persistence = new SqlitePersistence({ file: join(dir, 'relay.sqlite') });
const app = createApp({
  persistence,
  identity,
  clock: systemClock,
  log: silentLogger,
  config: ConfigSchema.parse({}),
});
const accounts = app.access.accounts;
const owner = await accounts.setup(
  {
    workspaceName: 'Bench',
    email: 'owner@bench.example',
    name: 'Owner',
    password: 'a long password',
  },
  'cli',
);
// PEOPLE members; ROOMS rooms, nine in ten read by the whole workspace, the tenth private to one person.
const people: string[] = [];
await identity.transaction(async (tx) => {
  for (let i = 0; i < PEOPLE; i++) {
    const id = newId();
    people.push(id);
    await tx.people.insert({
      id,
      email: `p${i}@bench.example`,
      name: `Person ${i}`,
      password_hash: 'x',
      role: 'member',
      created_at: Date.now(),
    });
  }
  for (let i = 0; i < ROOMS; i++) {
    await tx.rooms.insert({
      id: `r${i}`,
      kind: 'doc',
      title: `Room ${i}`,
      owner_id: owner.id,
      workspace_level: i % 10 === 0 ? 'none' : 'read',
      created_at: Date.now(),
    });
    if (i % 10 === 0)
      await tx.rooms.setGrants(`r${i}`, [], [[people[i % PEOPLE] as string, 'read']]);
  }
  await tx.workspace.bumpEpoch();
});
await app.access.guard.recheck();

const directory = app.access.directory;
console.log(
  `### Feed of room heads (${PEOPLE} people, one version 2 socket each; ${ROOMS} rooms)\n`,
);
row('what', 'figure', 'detail');
row('---', '---', '---');
{
  const started = performance.now();
  const snapshot = await directory.snapshot();
  const snapshotMs = performance.now() - started;
  const { subjects, users } = app.access.guard.snapshot;
  for (const id of people)
    directoryDigest(directoryOf(users.get(id)!, subjects.get(id), snapshot, new Set()));
  const each = (performance.now() - started - snapshotMs) / PEOPLE;
  row(
    `one directory digest (${Math.round(ROOMS * 0.9)} readable rooms)`,
    ms(each),
    `rooms and rules read once: ${ms(snapshotMs)}`,
  );
}

const server = await new Promise<Server>((resolve) => {
  const s = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
    resolve(s),
  ) as Server;
});
app.attach(server);
const wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sync`;
const tokenFile = join(dir, 'tokens');
const tokens = await Promise.all(
  people.map(async (id) => (await accounts.mintToken(id, null, 3600_000)).token),
);
writeFileSync(tokenFile, tokens.join('\n'));

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'bench/lib/feed-readers.ts', tokenFile, wsUrl],
  {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const ask = async (command: string): Promise<string> => {
  if (command) child.stdin.write(`${command}\n`);
  return String((await lines.next()).value);
};
await ask(''); // ready
await new Promise((resolve) => setTimeout(resolve, 1000));
global.gc?.();
const grown = (process.memoryUsage().rss - rssBefore) / 1024;
row(
  `${PEOPLE} idle version 2 connections (hello'd)`,
  `relay RSS +${(grown / 1024).toFixed(1)} MiB`,
  `${(grown / PEOPLE).toFixed(1)} KiB a connection`,
);

// Fan-out: from the commit listener (after storage and confirm) to the end of the
// turn that sent the notices, and to each reader's receipt.
const committedAt = new Map<number, number>();
const fanout: number[] = [];
app.relay.onCommit(({ position }) => {
  const start = performance.now();
  committedAt.set(position, performance.timeOrigin + start);
  setImmediate(() => fanout.push(performance.now() - start));
});
const writer = await openMuxSocket(
  `${wsUrl}?v=2&token=${(await accounts.mintToken(owner.id, null)).token}`,
);
const room = writer.sync('r1');
await room.synced();
for (let i = 0; i < WRITES; i++) {
  room.doc.getText('t').insert(0, 'x');
  await room.allConfirmed();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await new Promise((resolve) => setTimeout(resolve, 500));
const times = JSON.parse(await ask('times')) as Record<string, number[]>;
const latency: number[] = [];
for (const [cursor, received] of Object.entries(times)) {
  const at = committedAt.get(Number(cursor));
  if (at !== undefined) for (const t of received) latency.push(t - at);
}
latency.sort((a, b) => a - b);
fanout.sort((a, b) => a - b);
row(
  `relay fan-out of one notice to ${PEOPLE} readers (${WRITES} commits)`,
  `p50 ${ms(percentile(fanout, 50))}`,
  `p99 ${ms(percentile(fanout, 99))}`,
);
row(
  `commit → notice received, ${latency.length} receipts`,
  `p50 ${ms(percentile(latency, 50))}`,
  `p99 ${ms(percentile(latency, 99))}`,
);

// Directory notices after access changes, with everyone connected.
const ownerRow = (await identity.people.byId(owner.id))!;
const timeDirectory = async (what: string, expected: number, change: () => Promise<unknown>) => {
  await ask('directory');
  const started = performance.now();
  await change();
  let got = 0;
  await waitFor(async () => (got += Number(await ask('directory'))) >= expected, {
    timeout: 120_000,
    interval: 20,
  });
  row(what, `${got} directory frames`, ms(performance.now() - started));
};
await timeDirectory('grant one person a private room', 1, () =>
  directory.setAccess(ownerRow, 'r20', {
    workspace: 'none',
    groups: [],
    users: [{ id: people[1] as string, level: 'read' }],
  }),
);
await timeDirectory('rename a room everyone reads', PEOPLE, () =>
  directory.update(ownerRow, 'r1', { title: 'Renamed' }),
);
// Its one reader already had it: everyone else's directory changes.
await timeDirectory('open a private room to the whole workspace', PEOPLE - 1, () =>
  directory.setAccess(ownerRow, 'r30', { workspace: 'read', groups: [], users: [] }),
);

await ask('exit').catch(() => '');
writer.close();
server.close();
server.closeAllConnections();
app.access.stop();
process.exit(0);
