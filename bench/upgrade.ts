/**
 * How long a relay's start spends migrating a DATA_DIR of relay 0.1.0: opening both
 * SQLite stores (relay.sqlite, identity.sqlite) on a fresh copy, which records the
 * schema version after checking every table [UPGRADE4], against the floor of opening
 * a copy that is already migrated. Two directories: the committed fixture
 * (tests/fixtures/data-dir-0.1.0) and a larger one made by the fixture's script
 * with `--scale` (by today's code, then with its version record removed, which
 * leaves exactly 0.1.0's shape: version 1 is that shape).
 *
 *   node --import tsx bench/upgrade.ts        (BENCH_UPGRADE_SCALE=100, BENCH_RUNS=9)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteIdentityStore } from '../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { markdownTable, ms, percentile, progress } from './lib/report.js';
import { repoRoot } from './lib/server-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SCALE = Number(process.env.BENCH_UPGRADE_SCALE ?? 100);

async function openBoth(dataDir: string): Promise<number> {
  const started = performance.now();
  const relay = new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') });
  const identity = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
  const elapsed = performance.now() - started;
  await relay.close();
  await identity.close();
  return elapsed;
}

/** Median open time over fresh copies of `source`; `migrated`: open each copy once first. */
async function measure(source: string, migrated: boolean): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const copy = join(mkdtempSync(join(tmpdir(), 'bench-upgrade-')), 'data');
    cpSync(source, copy, { recursive: true });
    if (migrated) await openBoth(copy);
    times.push(await openBoth(copy));
  }
  return percentile(times, 50);
}

/** The size of the SQLite files of a DATA_DIR. */
function du(dir: string): string {
  const bytes = readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  return `${Math.round(bytes / 1024)} KiB`;
}

function largerDataDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bench-upgrade-large-')), 'data');
  progress(`writing a DATA_DIR with --scale ${SCALE} (${SCALE * 3} more rooms)...`);
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'tests/fixtures/make-data-dir-0.1.0.ts', dir, '--scale', String(SCALE)],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const file of ['relay.sqlite', 'identity.sqlite']) {
    const db = new Database(join(dir, file));
    db.exec('DROP TABLE schema_migrations');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  return dir;
}

const fixture = join(repoRoot, 'tests/fixtures/data-dir-0.1.0');
const rows: string[][] = [];
for (const [label, dir] of [
  ['fixture (7 rooms, 11 parts)', fixture],
  [`--scale ${SCALE} (${7 + SCALE * 3} rooms)`, largerDataDir()],
] as const) {
  const migrate = await measure(dir, false);
  const floor = await measure(dir, true);
  rows.push([label, du(dir), ms(migrate), ms(floor), ms(migrate - floor)]);
}
process.stdout.write(
  `### Upgrade: opening a DATA_DIR of relay 0.1.0 (median of ${RUNS})\n\n` +
    markdownTable(
      ['DATA_DIR', 'size', 'open + migrate', 'open, already migrated (floor)', 'migration'],
      rows,
    ) +
    '\n',
);
