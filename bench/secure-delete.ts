/**
 * What retention's scrubbing costs on relay.sqlite [RETAIN4]: the relay's write
 * pattern (group commits into the log, then a compaction that replaces the log by a
 * snapshot) with `secure_delete` ON (zero deleted content as it goes) and OFF, and
 * the other choice, `VACUUM` after a sweep (rewrites the whole file). Same run, same
 * machine; the figures go in bench/README.md.
 *
 *   node --import tsx bench/secure-delete.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const ROOMS = 200;
const UPDATES_PER_ROOM = 200;
const UPDATE_BYTES = 120;
const GROUP = 50;

function open(file: string, secure: boolean): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`secure_delete = ${secure ? 'ON' : 'OFF'}`);
  db.exec(`CREATE TABLE updates (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
             PRIMARY KEY (room, seq)) WITHOUT ROWID;
           CREATE TABLE snapshots (room TEXT PRIMARY KEY, through_seq INTEGER NOT NULL, data BLOB NOT NULL);`);
  return db;
}

function run(
  secure: boolean,
  vacuum: boolean,
): { writeMs: number; compactMs: number; vacuumMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'secure-delete-'));
  const db = open(join(dir, 'relay.sqlite'), secure);
  const insert = db.prepare('INSERT INTO updates (room, seq, data) VALUES (?, ?, ?)');
  const entries: [string, number, Buffer][] = [];
  for (let seq = 1; seq <= UPDATES_PER_ROOM; seq++)
    for (let r = 0; r < ROOMS; r++) entries.push([`room-${r}`, seq, randomBytes(UPDATE_BYTES)]);
  const commit = db.transaction((batch: [string, number, Buffer][]) => {
    for (const e of batch) insert.run(...e);
  });
  let start = performance.now();
  for (let i = 0; i < entries.length; i += GROUP) commit(entries.slice(i, i + GROUP));
  const writeMs = performance.now() - start;
  const compact = db.transaction((room: string) => {
    db.prepare('INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?)').run(
      room,
      UPDATES_PER_ROOM,
      randomBytes(UPDATE_BYTES * 20),
    );
    db.prepare('DELETE FROM updates WHERE room = ?').run(room);
  });
  start = performance.now();
  for (let r = 0; r < ROOMS; r++) compact(`room-${r}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const compactMs = performance.now() - start;
  start = performance.now();
  if (vacuum) db.exec('VACUUM');
  const vacuumMs = performance.now() - start;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { writeMs, compactMs, vacuumMs };
}

const f = (n: number) => n.toFixed(0);
const rows = [
  ['secure_delete OFF', run(false, false)],
  ['secure_delete ON', run(true, false)],
  ['OFF, then VACUUM', run(false, true)],
] as const;
process.stdout.write(
  `${ROOMS * UPDATES_PER_ROOM} updates of ${UPDATE_BYTES} B in commits of ${GROUP}, then ${ROOMS} compactions\n\n` +
    '| mode | write ms | compact + checkpoint ms | VACUUM ms |\n|---|---|---|---|\n' +
    rows
      .map(([name, r]) => `| ${name} | ${f(r.writeMs)} | ${f(r.compactMs)} | ${f(r.vacuumMs)} |`)
      .join('\n') +
    '\n',
);
