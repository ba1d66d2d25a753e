/**
 * The feed of room heads (PROTOCOL.md, "Workspace connection"): how long a commit
 * takes to reach 1,000 connected readers as feed notices, what an idle version 2
 * connection costs the relay in memory, and what recomputing directory digests
 * costs per access change.
 *
 *   node --import tsx bench/feed.ts
 *
 * The relay runs as its own process (sync-server/src/main.ts); the readers are
 * `ws` sockets in this process, each a distinct person, each saying hello.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Accounts } from '../sync-server/src/auth/accounts.js';
import { directoryDigest } from '../sync-server/src/auth/directory-digest.js';
import { IdentityStore, newId } from '../sync-server/src/auth/identity-store.js';
import { RoomDirectory } from '../sync-server/src/auth/room-directory.js';
import { systemClock } from '../sync-server/src/clock.js';
import { openMuxSocket, type MuxTestSocket } from '../tests/support/mux-socket.js';
import { openRawSocket } from '../tests/support/raw-socket.js';
import { startRelayProcess } from '../tests/support/relay-process.js';
import { seedWorkspace } from '../tests/support/workspace-seed.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 2000);
const WRITES = Number(process.env.BENCH_WRITES ?? 40);
/** `v1`: measure idle `/sync/:room` sockets instead, the baseline of a bare connection. */
const BASELINE = process.env.BENCH_BASELINE === 'v1';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** PEOPLE members and ROOMS rooms the whole workspace reads; operator tokens for each person. */
async function populate(dataDir: string): Promise<{ owner: string; tokens: string[] }> {
  const seeded = await seedWorkspace(dataDir);
  const store = new IdentityStore(join(dataDir, 'identity.sqlite'));
  const accounts = new Accounts({ store, clock: systemClock, changed: () => {} });
  const ids: string[] = [];
  store.tx(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const id = newId();
      ids.push(id);
      store.insertUser({
        id,
        email: `p${i}@bench.example`,
        name: `Person ${i}`,
        password_hash: 'x',
        role: 'member',
        created_at: Date.now(),
      });
    }
    for (let i = 0; i < ROOMS; i++) {
      store.insertRoom({
        id: `r${i}`,
        kind: 'doc',
        title: `Room ${i}`,
        owner_id: seeded.ownerId,
        workspace_level: i % 10 === 0 ? 'none' : 'read',
        created_at: Date.now(),
      });
      if (i % 10 === 0) store.setGrants(`r${i}`, [], [[ids[i % PEOPLE] as string, 'read']]);
    }
  });
  const tokens = await Promise.all(
    ids.map(async (id) => (await accounts.mintToken(id, null, 3600_000)).token),
  );
  const directory = new RoomDirectory({ store, clock: systemClock, changed: () => {} });
  const started = performance.now();
  const snapshot = directory.snapshot();
  const snapshotMs = performance.now() - started;
  for (const id of ids) directoryDigest(directory.list(store.userById(id)!, snapshot));
  const totalMs = performance.now() - started;
  console.log(
    `| directory digests, ${PEOPLE} people × ${ROOMS} rooms | snapshot ${snapshotMs.toFixed(1)} ms | all ${totalMs.toFixed(0)} ms | ${((totalMs - snapshotMs) / PEOPLE).toFixed(2)} ms a person |`,
  );
  store.close();
  return { owner: seeded.token, tokens };
}

function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Number(line?.[1] ?? 0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-feed-'));
const { owner, tokens } = await populate(dataDir);
const relay = await startRelayProcess({ DATA_DIR: dataDir });
const pid = relay.child.pid ?? 0;
const url = (token: string) => `${relay.wsUrl}?v=2&token=${token}`;
await new Promise((resolve) => setTimeout(resolve, 500));
const before = rssKiB(pid);
if (BASELINE) {
  const raw = [];
  for (let i = 0; i < tokens.length; i += 50)
    raw.push(
      ...(await Promise.all(
        tokens.slice(i, i + 50).map((t) => openRawSocket(`${relay.wsUrl}/r1?token=${t}`)),
      )),
    );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const grown = rssKiB(pid) - before;
  console.log(
    `| ${raw.length} idle version 1 connections (one room) | relay RSS +${(grown / 1024).toFixed(1)} MiB | ${(grown / raw.length).toFixed(1)} KiB a connection |`,
  );
  await relay.kill();
  process.exit(0);
}
const readers: MuxTestSocket[] = [];
for (let i = 0; i < tokens.length; i += 50) {
  const batch = await Promise.all(tokens.slice(i, i + 50).map((t) => openMuxSocket(url(t))));
  for (const socket of batch) socket.send({ kind: 'hello', feedId: '', cursor: 0, directory: '' });
  await Promise.all(batch.map((socket) => socket.next('feed', (f) => f.complete)));
  readers.push(...batch);
}
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = rssKiB(pid);
console.log(
  `| ${readers.length} idle version 2 connections (hello'd) | relay RSS +${((after - before) / 1024).toFixed(1)} MiB | ${((after - before) / readers.length).toFixed(1)} KiB a connection |`,
);

// Notice latency: from the write leaving the writer to each reader's notice, for a
// room every reader may read; this includes the group commit and its fsync.
const received = new Map<number, number[]>();
for (const socket of readers) {
  socket.ws.on('message', () => {
    const frame = socket.frames.at(-1);
    if (frame?.kind !== 'feed' || frame.complete) return;
    const times = received.get(frame.cursor) ?? [];
    times.push(performance.now());
    received.set(frame.cursor, times);
  });
}
const writer = await openMuxSocket(url(owner));
const room = writer.sync('r1');
await room.synced();
const latencies: number[] = [];
for (let i = 0; i < WRITES; i++) {
  const sent = performance.now();
  room.doc.getText('t').insert(0, 'x');
  await room.allConfirmed();
  const cursorTimes = await new Promise<number[]>((resolve) => {
    const check = () => {
      const entry = [...received.entries()].find(([, t]) => t.length >= readers.length);
      if (entry) {
        received.delete(entry[0]);
        resolve(entry[1]);
      } else setTimeout(check, 5);
    };
    check();
  });
  for (const t of cursorTimes) latencies.push(t - sent);
}
latencies.sort((a, b) => a - b);
console.log(
  `| feed notice to ${readers.length} readers (${WRITES} commits) | p50 ${percentile(latencies, 50).toFixed(1)} ms | p99 ${percentile(latencies, 99).toFixed(1)} ms | max ${(latencies.at(-1) ?? 0).toFixed(1)} ms |`,
);
writer.close();
for (const socket of readers) socket.close();
await relay.kill();
process.exit(0);
