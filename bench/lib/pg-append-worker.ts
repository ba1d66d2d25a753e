/**
 * Child process of the store ceiling: appends groups of `group` entries through
 * PostgresPersistence, one commit at a time (as one relay's serial storage chain
 * does), from `startAt` (epoch ms) for `ms`, and prints {commits, entries, seconds}.
 *
 *   node --import tsx bench/lib/pg-append-worker.ts <url> <group> <startAt> <ms> <worker>
 */
import { randomBytes } from 'node:crypto';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';

const [url = '', group = '1', startAt = '0', ms = '2000', worker = '0'] = process.argv.slice(2);
const size = Number(group);
const persistence = await PostgresPersistence.open({ connectionString: url, maxConnections: 2 });
// A keystroke-sized update (~30 bytes) over ten rooms of this worker; the store does
// not decode them.
const entries = Array.from({ length: size }, (_, i) => ({
  room: `ceiling-${worker}-${i % 10}`,
  update: new Uint8Array(randomBytes(30)),
}));
await persistence.append(entries); // the first append creates the rooms' rows
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
let commits = 0;
const t0 = performance.now();
const end = t0 + Number(ms);
while (performance.now() < end) {
  await persistence.append(entries);
  commits++;
}
const seconds = (performance.now() - t0) / 1000;
await persistence.close();
process.stdout.write(`${JSON.stringify({ commits, entries: commits * size, seconds })}\n`);
