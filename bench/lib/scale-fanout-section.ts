import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import type { LoadResult } from './load-client.js';
import { fmt, markdownTable, ms, percentile, progress } from './report.js';
import {
  type FanoutShape,
  type FanoutVariant,
  measureFanout,
  variantLabel,
} from './scale-fanout.js';

const ROUNDS = Number(process.env.SO_ROUNDS ?? 1);
const WARMUP_MS = Number(process.env.SO_WARMUP_MS ?? 1000);
const MEASURE_MS = Number(process.env.SO_MEASURE_MS ?? 2000);
const OBSERVERS = Number(process.env.SO_OBSERVERS ?? 1500);
const shapes: FanoutShape[] = [
  { rooms: 10, perRoom: 10, inFlight: Number(process.env.SO_IN_FLIGHT ?? 64) },
  { rooms: 1, perRoom: OBSERVERS + 1, inFlight: Number(process.env.SO_OBSERVER_IN_FLIGHT ?? 4) },
];
const variants: FanoutVariant[] = [
  { kind: 'raw' },
  { kind: 'embedded' },
  { kind: 'scaled', relays: 1 },
  { kind: 'scaled', relays: 2 },
  { kind: 'scaled', relays: 3 },
];

const perCpu = (r: LoadResult) => r.delivered / r.serverCpuSeconds;
const median = (values: number[]) => percentile(values, 50);
const spread = (values: number[]) =>
  `${fmt(median(values), 2)}x (${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)})`;
/** CPU ms per update delivered to every observer of its room. */
const cpuPerUpdate = (r: LoadResult, observers: number) =>
  (1000 * r.serverCpuSeconds) / (r.delivered / observers);

export async function fanoutSection(stores: {
  postgres: PostgresServer;
  redis: RedisServer;
}): Promise<string> {
  const rows: string[][] = [];
  const ratios: string[][] = [];
  const yRedis: string[][] = [];
  const cpuProfDir = process.env.SO_CPU_PROF;
  for (const shape of shapes) {
    const name = `${shape.rooms} x ${shape.perRoom}`;
    const results = new Map<FanoutVariant, LoadResult[]>(variants.map((v) => [v, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of variants) {
        progress(`scale-out fan-out ${name}, round ${round}/${ROUNDS}: ${variantLabel(variant)}`);
        const result = await measureFanout(variant, shape, stores, {
          warmupMs: WARMUP_MS,
          measureMs: MEASURE_MS,
          ...(cpuProfDir && { cpuProfDir }),
        });
        results.get(variant)?.push(result);
      }
    }
    const embedded = results.get(variants[1] as FanoutVariant) ?? [];
    const raw = results.get(variants[0] as FanoutVariant) ?? [];
    for (const variant of variants) {
      const runs = results.get(variant) ?? [];
      const sorted = [...runs].sort((a, b) => perCpu(a) - perCpu(b));
      const r = sorted[Math.floor(sorted.length / 2)];
      if (!r) continue;
      const lost = runs.reduce((sum, run) => sum + run.lost, 0);
      rows.push([
        `${name} (${shape.inFlight} in flight)`,
        variantLabel(variant),
        fmt(r.updates / r.seconds),
        fmt(r.delivered / r.seconds),
        `${fmt((100 * r.serverCpuSeconds) / r.seconds)} %`,
        fmt(perCpu(r)),
        ms(percentile(r.latenciesMs, 50)),
        ms(percentile(r.latenciesMs, 99)),
        fmt(r.clientCpuSeconds / r.seconds, 2),
        String(lost),
      ]);
      if (variant.kind === 'scaled') {
        const vs = (base: LoadResult[]) =>
          runs.map((o, i) => perCpu(o) / perCpu(base[i] as LoadResult));
        ratios.push([name, variantLabel(variant), spread(vs(embedded)), spread(vs(raw))]);
      }
      if (shape.rooms === 1 && variant.kind !== 'raw') {
        yRedis.push([
          variantLabel(variant),
          `${fmt(median(runs.map((run) => cpuPerUpdate(run, shape.perRoom - 1))), 2)} ms`,
          ms(median(runs.map((run) => percentile(run.latenciesMs, 99)))),
        ]);
      }
    }
  }
  const observers = OBSERVERS.toLocaleString('en-US');
  return [
    `### Scale-out fan-out (v1 clients, one writer per room, readers on the other relays; closed loop, ${WARMUP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured, ${ROUNDS} rounds; each variant's median round)`,
    '',
    markdownTable(
      [
        'rooms x conns',
        'server',
        'updates/s',
        'frames delivered/s',
        'relay CPU (sum)',
        'frames per relay CPU-s',
        'p50 send → delivery',
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
        'scaled',
        'frames per CPU-s vs embedded, median of rounds (range)',
        'vs raw forwarder',
      ],
      ratios,
    ),
    '',
    `### ${observers} observers of one room (the y-redis shape)`,
    '',
    markdownTable(
      [
        'server',
        `relay CPU per update delivered to all ${observers} observers (median of rounds)`,
        'p99 send → delivery',
      ],
      [
        [
          'y-redis / y/hub, 1 server (published, from the issue)',
          '1,075 ms of CPU for 1,500 observers',
          '40–53 ms',
        ],
        [
          'y-redis / y/hub, 2 servers (published)',
          '1,518 ms in total (1.41x of 1 server)',
          '40–53 ms',
        ],
        ...yRedis,
      ],
    ),
  ].join('\n');
}
