import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { runConfirmLoad, type ConfirmLoadResult } from './confirm-load.js';
import { fmt, markdownTable, ms, percentile, progress } from './report.js';
import { startScaledCluster } from './scaled-relays.js';
import { startServer } from './server-process.js';

const WARMUP_MS = Number(process.env.SO_WARMUP_MS ?? 1000);
const MEASURE_MS = Number(process.env.SO_CONFIRM_MS ?? 3000);
const ROOMS = 10;
const loads = [
  { name: 'low', clients: 10, rate: 5 },
  { name: 'moderate', clients: Number(process.env.SO_CONFIRM_CLIENTS ?? 40), rate: 10 },
];
/** 0: the embedded relay; n: n scaled relays, clients round-robin over them. */
const variants = [0, 1, 3];

async function measure(
  relays: number,
  load: { clients: number; rate: number },
  stores: { postgres: PostgresServer; redis: RedisServer },
): Promise<ConfirmLoadResult> {
  const room = (i: number) => `confirm-${i % ROOMS}`;
  const timing = { ratePerClient: load.rate, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
  if (relays === 0) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-confirm-'));
    const server = await startServer('relay', { env: { DATA_DIR: dataDir } });
    try {
      const urls = Array.from(
        { length: load.clients },
        (_, i) => `${server.roomUrl(room(i))}&confirm=1`,
      );
      return await runConfirmLoad({ urls, ...timing });
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const cluster = await startScaledCluster(stores.postgres, stores.redis, { count: relays });
  try {
    await cluster.openRooms(Array.from({ length: ROOMS }, (_, i) => room(i)));
    const urls = Array.from({ length: load.clients }, (_, i) =>
      cluster.roomUrl(i % relays, room(i), 'confirm=1'),
    );
    return await runConfirmLoad({ urls, ...timing });
  } finally {
    await cluster.stop();
  }
}

export async function confirmSection(stores: {
  postgres: PostgresServer;
  redis: RedisServer;
}): Promise<string> {
  const rows: string[][] = [];
  for (const load of loads) {
    for (const relays of variants) {
      const label =
        relays === 0
          ? 'embedded relay (SQLite)'
          : `scaled, ${relays} relay${relays > 1 ? 's' : ''}`;
      progress(`scale-out confirm latency, ${load.name} load: ${label}`);
      const r = await measure(relays, load, stores);
      const p50 = percentile(r.latenciesMs, 50);
      const p99 = percentile(r.latenciesMs, 99);
      rows.push([
        `${load.name}: ${load.clients} clients x ${load.rate}/s (${fmt(load.clients * load.rate)} updates/s) over ${ROOMS} rooms`,
        label,
        fmt(r.sent),
        ms(p50),
        ms(p99),
        `${p50 <= 5 ? 'met' : 'NOT met'} / ${p99 <= 25 ? 'met' : 'NOT met'}`,
        String(r.unconfirmed),
      ]);
    }
  }
  return [
    `### Confirm latency (v1 clients with confirm=1, open loop, ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s; send → confirm frame)`,
    '',
    markdownTable(
      [
        'load',
        'server',
        'updates timed',
        'p50',
        'p99',
        'target p50 <= 5 ms / p99 <= 25 ms',
        'unconfirmed',
      ],
      rows,
    ),
  ].join('\n');
}
