import { rmSync } from 'node:fs';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { fmt, markdownTable, ms, percentile, progress, time } from './report.js';
import { runRelayKill } from './relay-kill.js';
import {
  postgresColdLoad,
  postgresShape,
  sqliteColdLoad,
  writePostgresTemplate,
  writeTraceLog,
} from './scale-cold-load.js';
import { loadTrace, traceUpdates } from './trace.js';

type Stores = { postgres: PostgresServer; redis: RedisServer };
const RUNS = Number(process.env.SO_COLD_RUNS ?? 2);
const range = (xs: number[]) =>
  `${ms(percentile(xs, 50))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

export async function coldLoadSection(stores: Stores): Promise<string> {
  progress('scale-out cold load: replaying automerge-paper...');
  const trace = loadTrace('automerge-paper');
  const updates = traceUpdates(trace);
  const sqliteDir = await writeTraceLog(updates);
  progress('scale-out cold load: writing the log into PostgreSQL...');
  const [templateUrl, writeMs] = await time(() => writePostgresTemplate(stores.postgres, updates));
  const logShape = await postgresShape(templateUrl);
  const sqlite = { log: [] as number[], snap: [] as number[] };
  const postgres = { log: [] as number[], snap: [] as number[] };
  let snapshotShape = '';
  try {
    // Alternate, so that noise on the shared machine hits both alike.
    for (let run = 1; run <= RUNS; run++) {
      progress(`scale-out cold load, run ${run}/${RUNS}: SQLite, PostgreSQL`);
      const s = await sqliteColdLoad(sqliteDir, trace.endContent);
      sqlite.log.push(s.fromLog);
      sqlite.snap.push(s.fromSnapshot);
      const p = await postgresColdLoad(stores, templateUrl, trace.endContent);
      postgres.log.push(p.fromLog);
      postgres.snap.push(p.fromSnapshot);
      snapshotShape = p.snapshotShape;
    }
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
  }
  return [
    `### Cold load of automerge-paper from PostgreSQL vs SQLite (${fmt(updates.length)} updates; relay started fresh, connect → synced; median of ${RUNS}, range in ms)`,
    '',
    markdownTable(
      ['room stored as', 'embedded relay (SQLite)', 'scaled relay (PostgreSQL)'],
      [
        [`the log (PostgreSQL: ${logShape})`, range(sqlite.log), range(postgres.log)],
        [
          `the snapshot after the relay compacted it (PostgreSQL: ${snapshotShape})`,
          range(sqlite.snap),
          range(postgres.snap),
        ],
      ],
    ),
    '',
    `Writing the log into PostgreSQL through \`PostgresPersistence.append()\` in groups of 10,000: ${fmt(writeMs / 1000, 1)} s (${fmt(updates.length / (writeMs / 1000))} entries/s).`,
  ].join('\n');
}

export async function killSection(stores: Stores): Promise<string> {
  const options = {
    relays: 3,
    clients: Number(process.env.SO_KILL_CLIENTS ?? 30),
    rooms: 10,
    rate: Number(process.env.SO_KILL_RATE ?? 10),
    beforeMs: 3000,
    afterMs: 4000,
  };
  progress(`scale-out kill: ${options.clients} clients over 3 relays, one SIGKILLed`);
  const r = await runRelayKill(stores, options);
  return [
    `### A relay SIGKILLed under load (3 relays behind a round-robin TCP balancer, ${options.clients} v1 clients with confirm=1 over ${options.rooms} rooms, ${options.rate} edits/s each; killed after ${options.beforeMs / 1000} s, writing on for ${options.afterMs / 1000} s)`,
    '',
    markdownTable(
      [
        'clients on the killed relay',
        'kill → all of them synced on another relay',
        'kill → all their earlier edits confirmed',
        'edits made',
        'confirmed',
        'confirmed edits lost (target 0)',
        'unconfirmed at the end',
      ],
      [
        [
          String(r.victims),
          ms(r.resyncedMs),
          ms(r.reconfirmedMs),
          fmt(r.made),
          fmt(r.confirmed),
          String(r.lost),
          String(r.unconfirmed),
        ],
      ],
    ),
  ].join('\n');
}
