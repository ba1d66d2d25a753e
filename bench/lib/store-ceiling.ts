import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { repoRoot } from './server-process.js';

const run = promisify(execFile);

export interface AppendCeiling {
  commitsPerSecond: number;
  entriesPerSecond: number;
}

/** `processes` children appending groups of `group` entries at once into PostgreSQL. */
export async function postgresAppendCeiling(
  url: string,
  group: number,
  processes: number,
  ms: number,
): Promise<AppendCeiling> {
  // Start together once every child has connected and migrated (spawn + tsx ≈ 1–2 s).
  const startAt = Date.now() + 3_000;
  const outputs = await Promise.all(
    Array.from({ length: processes }, (_, worker) =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/lib/pg-append-worker.ts',
          url,
          String(group),
          String(startAt),
          String(ms),
          String(worker),
        ],
        { cwd: repoRoot },
      ),
    ),
  );
  let commitsPerSecond = 0;
  let entriesPerSecond = 0;
  for (const { stdout } of outputs) {
    const r = JSON.parse(stdout) as { commits: number; entries: number; seconds: number };
    commitsPerSecond += r.commits / r.seconds;
    entriesPerSecond += r.entries / r.seconds;
  }
  return { commitsPerSecond, entriesPerSecond };
}

/**
 * XADD on one connection, a blocking XREAD on another picking it up, as the bus does
 * between relays, with `window` entries in flight: round trips per second and the
 * latency of each.
 */
export async function redisRoundTrips(
  url: string,
  window: number,
  ms: number,
): Promise<{ perSecond: number; latenciesMs: number[] }> {
  const options = { protocol: 2 as const };
  const writer = new Redis(url, options);
  const reader = new Redis(url, options);
  const key = `ceiling:${process.pid}:${window}`;
  const payload = Buffer.alloc(40, 7);
  const sentAt = new Map<string, number>();
  const latenciesMs: number[] = [];
  let seq = 0;
  let running = true;
  const add = async () => {
    const n = String(++seq);
    sentAt.set(n, performance.now());
    await writer.call('XADD', key, 'MAXLEN', '~', 10_000, '*', 'n', n, 'u', payload);
  };
  // The key is new: reading from the start misses nothing, however late XREAD starts.
  let lastId = '0-0';
  const t0 = performance.now();
  let received = 0;
  const reading = (async () => {
    while (running) {
      const reply = (await reader.call(
        'XREAD',
        'COUNT',
        1000,
        'BLOCK',
        100,
        'STREAMS',
        key,
        lastId,
      )) as [string, [string, string[]][]][] | null;
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          lastId = id;
          const at = sentAt.get(fields[1] ?? '');
          if (at !== undefined) latenciesMs.push(performance.now() - at);
          received++;
          if (running) void add();
        }
      }
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let i = 0; i < window; i++) void add();
  await new Promise((resolve) => setTimeout(resolve, ms));
  running = false;
  const seconds = (performance.now() - t0 - 50) / 1000;
  await reading;
  writer.disconnect();
  reader.disconnect();
  return { perSecond: received / seconds, latenciesMs };
}
