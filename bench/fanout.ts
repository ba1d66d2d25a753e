/**
 * Fan-out: frames delivered per second of server CPU, and send-to-delivery latency,
 * for three servers in the same run: a raw `ws` forwarder (the floor cost of moving
 * bytes), the y-websocket 1.5.4 reference server (in-memory Y.Doc per room), and our
 * relay (SQLite WAL, synchronous=full, group commit). Each server runs in its own
 * process; the load runs in this one, as a closed loop with a fixed number of
 * updates in flight.
 *
 *   node --import tsx bench/fanout.ts
 *   BENCH_CPU_PROF=/tmp/prof node --import tsx bench/fanout.ts   # profile the relay
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runLoad, type LoadResult } from './lib/load-client.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';
import { type ServerKind, serverLabel, startServer } from './lib/server-process.js';

interface Shape {
  rooms: number;
  perRoom: number;
}

const allShapes: Shape[] = [
  { rooms: 10, perRoom: 10 },
  { rooms: 100, perRoom: 10 },
  { rooms: 1, perRoom: 200 },
];
const allKinds: ServerKind[] = [
  'raw',
  'reference',
  'relay',
  'relay-mux',
  'relay-normal',
  'relay-memory',
  ...(process.env.BENCH_BASE_DIR ? (['relay-base'] as const) : []),
];
// BENCH_SHAPES=100x10,1x200 and BENCH_SERVERS=relay narrow a run (ratios need all three).
const shapes = allShapes.filter((s) =>
  (process.env.BENCH_SHAPES ?? `${s.rooms}x${s.perRoom}`)
    .split(',')
    .includes(`${s.rooms}x${s.perRoom}`),
);
const kinds = allKinds.filter((k) => (process.env.BENCH_SERVERS ?? k).split(',').includes(k));
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 3000);
// The servers take turns round by round, so that noise from the shared machine hits
// all of them alike; ratios are computed per round and the median is reported.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const cpuProfDir = process.env.BENCH_CPU_PROF;

async function measure(kind: ServerKind, shape: Shape): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const server = await startServer(kind, {
    env: { DATA_DIR: dataDir },
    nodeFlags:
      cpuProfDir && kind.startsWith('relay') ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
  });
  try {
    return await runLoad({
      ...shape,
      roomUrl: server.roomUrl,
      handshake: kind !== 'raw',
      mux: server.mux,
      inFlight: IN_FLIGHT,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
      serverCpu: server.cpuSeconds,
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const perCpu = (r: LoadResult) => r.delivered / r.serverCpuSeconds;

const median = (values: number[]): number => percentile(values, 50);
const spread = (values: number[]): string =>
  `${fmt(median(values), 2)}x (${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)})`;

export async function fanout(): Promise<string> {
  const rows: string[][] = [];
  const ratios: string[][] = [];
  const baseRatios: string[][] = [];
  for (const shape of shapes) {
    const name = `${shape.rooms} x ${shape.perRoom}`;
    const results = new Map<ServerKind, LoadResult[]>(kinds.map((k) => [k, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of kinds) {
        progress(`fanout ${name}, round ${round}/${ROUNDS}: ${kind}...`);
        results.get(kind)?.push(await measure(kind, shape));
      }
    }
    for (const kind of kinds) {
      const runs = [...(results.get(kind) ?? [])].sort((a, b) => perCpu(a) - perCpu(b));
      const r = runs[Math.floor(runs.length / 2)];
      if (!r) continue;
      rows.push([
        name,
        serverLabel(kind),
        fmt(r.updates / r.seconds),
        fmt(r.delivered / r.seconds),
        fmt((100 * r.serverCpuSeconds) / r.seconds) + ' %',
        fmt(perCpu(r)),
        ms(percentile(r.latenciesMs, 50)),
        ms(percentile(r.latenciesMs, 99)),
        fmt(r.clientCpuSeconds / r.seconds, 2),
        String(runs.reduce((sum, run) => sum + run.lost, 0)),
      ]);
    }
    const [ours, raw, ref, base] = (['relay', 'raw', 'reference', 'relay-base'] as const).map((k) =>
      results.get(k),
    );
    if (ours?.length && base?.length) {
      const vsBase = ours.map((o, i) => perCpu(o) / perCpu(base[i] as LoadResult));
      baseRatios.push([name, spread(vsBase)]);
    }
    if (!raw?.length || !ref?.length) continue;
    for (const kind of ['relay', 'relay-mux'] as const) {
      const runs = results.get(kind);
      if (!runs?.length) continue;
      const vsRaw = runs.map((o, i) => perCpu(o) / perCpu(raw[i] as LoadResult));
      const vsRef = runs.map((o, i) => perCpu(o) / perCpu(ref[i] as LoadResult));
      ratios.push([
        name,
        kind === 'relay' ? 'per-room sockets (v1)' : 'one workspace socket (v2)',
        `${spread(vsRaw)} ${median(vsRaw) >= 0.7 ? 'met' : 'NOT met'}`,
        `${spread(vsRef)} ${median(vsRef) >= 1.2 ? 'met' : 'NOT met'}`,
      ]);
    }
  }
  return [
    `### Fan-out (closed loop, ${IN_FLIGHT} updates in flight, ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s warm-up, ${ROUNDS} rounds; each server's median round shown)`,
    '',
    markdownTable(
      [
        'rooms x conns',
        'server',
        'updates/s',
        'frames delivered/s',
        'server CPU',
        'frames per server CPU-s',
        'p50',
        'p99',
        'load-client CPU (cores)',
        'lost',
      ],
      rows,
    ),
    '',
    markdownTable(
      [
        'rooms x conns',
        'our clients',
        'ours / raw, median of rounds (range) (target >= 0.7x)',
        'ours / reference, median of rounds (range) (target >= 1.2x)',
      ],
      ratios,
    ),
    ...(baseRatios.length > 0
      ? [
          '',
          markdownTable(
            ['rooms x conns', `ours / ${serverLabel('relay-base')}, frames per server CPU-s`],
            baseRatios,
          ),
        ]
      : []),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await fanout()}\n`);
}
