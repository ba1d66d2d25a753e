import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { fmt, markdownTable, ms, percentile, progress } from './report.js';
import { postgresAppendCeiling, redisRoundTrips } from './store-ceiling.js';

const MEASURE_MS = Number(process.env.SO_CEILING_MS ?? 2000);

export async function ceilingSection(stores: {
  postgres: PostgresServer;
  redis: RedisServer;
}): Promise<string> {
  const pgRows: string[][] = [];
  for (const processes of [1, 3]) {
    for (const group of [1, 10, 100]) {
      progress(`scale-out ceiling: PostgreSQL, ${processes} process(es), groups of ${group}`);
      // A fresh database each time, so that tables of earlier cases do not weigh.
      const url = await stores.postgres.createDatabase();
      const r = await postgresAppendCeiling(url, group, processes, MEASURE_MS);
      pgRows.push([
        String(processes),
        String(group),
        fmt(r.commitsPerSecond),
        fmt(r.entriesPerSecond),
      ]);
    }
  }
  const redisRows: string[][] = [];
  for (const window of [1, 64]) {
    progress(`scale-out ceiling: Redis XADD → XREAD, ${window} in flight`);
    const r = await redisRoundTrips(stores.redis.url, window, MEASURE_MS);
    redisRows.push([
      String(window),
      fmt(r.perSecond),
      ms(percentile(r.latenciesMs, 50)),
      ms(percentile(r.latenciesMs, 99)),
    ]);
  }
  return [
    `### Raw ceiling of the shared stores on this machine (${MEASURE_MS / 1000} s each)`,
    '',
    'PostgreSQL: `PostgresPersistence.append()` of ~30-byte entries over 10 rooms per process, one commit at a time per process (synchronous_commit on, fsync on):',
    '',
    markdownTable(
      ['processes', 'entries per commit', 'commits/s (all processes)', 'entries/s'],
      pgRows,
    ),
    '',
    'Redis: XADD on one connection, picked up by a blocking XREAD on another (the bus path between relays):',
    '',
    markdownTable(['in flight', 'round trips/s', 'p50', 'p99'], redisRows),
  ].join('\n');
}
