/**
 * Export: the relay exporting a workspace with the automerge-paper doc (259,778
 * keystroke updates, stored as a log, plus its text as the doc body) and a
 * 100,000-message channel (12 months), against a floor: reading the same room parts
 * from storage into Y.Docs without converting or zipping anything.
 *
 *   node --expose-gc --import tsx bench/export.ts
 */
import { readFileSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { bucketRoom, metaRoom } from '../shared/model/chat/buckets.js';
import { writeDocJson } from '../client/src/workspace/docs/write-doc.js';
import { Accounts } from '../sync-server/src/auth/accounts.js';
import { SqliteIdentityStore } from '../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { RoomDirectory } from '../sync-server/src/auth/room-directory.js';
import { systemClock } from '../sync-server/src/clock.js';
import { loadPart } from '../sync-server/src/export/export-context.js';
import { exportToFile } from '../sync-server/src/export/export-to-file.js';
import { MemoryBlobStore } from '../sync-server/src/files/blob-store.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { seedIdentity } from '../tests/support/workspace-seed.js';
import { writeHistory } from './lib/chat-history.js';
import { fmt, markdownTable, mib, ms, progress, time } from './lib/report.js';
import { loadTrace, traceUpdates } from './lib/trace.js';
import { TRACE_ROOM, writeTraceLog } from './lib/trace-log.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHANNEL = 'bench-channel';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function exportBench(): Promise<string> {
  progress('export: writing the automerge-paper log...');
  const trace = loadTrace('automerge-paper');
  const dataDir = await writeTraceLog(traceUpdates(trace));
  const persistence = new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') });
  // The trace edits a Y.Text; the doc body the export converts is its final text.
  const body = new Y.Doc();
  writeDocJson(body, {
    type: 'doc',
    content: trace.endContent
      .split('\n')
      .map((line) =>
        line
          ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
          : { type: 'paragraph' },
      ),
  });
  await persistence.append([{ room: TRACE_ROOM, update: Y.encodeStateAsUpdate(body) }]);

  progress(`export: writing ${fmt(MESSAGES)} messages...`);
  const history = writeHistory(
    mkdtempSync(join(tmpdir(), 'bench-export-chat-')),
    MESSAGES,
    12,
    Date.UTC(2025, 0, 1),
  );
  await persistence.append([
    { room: metaRoom(CHANNEL), update: readFileSync(join(history.dir, 'meta.bin')) },
    ...history.buckets.map((bucket) => ({
      room: bucketRoom(CHANNEL, bucket),
      update: readFileSync(join(history.dir, `${bucket}.bin`)),
    })),
  ]);

  const store = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
  const { ownerId } = await seedIdentity(store);
  for (const [id, kind, title] of [
    [TRACE_ROOM, 'doc', 'Automerge paper'],
    [CHANNEL, 'channel', 'Busy channel'],
  ] as const)
    await store.rooms.insert({
      id,
      kind,
      title,
      owner_id: ownerId,
      workspace_level: 'write',
      created_at: Date.now(),
    });

  const parts = [
    TRACE_ROOM,
    metaRoom(CHANNEL),
    ...history.buckets.map((b) => bucketRoom(CHANNEL, b)),
  ];
  const floor: number[] = [];
  const full: number[] = [];
  let size = 0;
  let counts = '';
  const deps = {
    store,
    persistence,
    blobs: new MemoryBlobStore(),
    clock: systemClock,
    accounts: new Accounts({ store, clock: systemClock, changed: async () => {} }),
    directory: new RoomDirectory({ store, clock: systemClock, changed: async () => {} }),
  };
  for (let run = 0; run < RUNS; run++) {
    progress(`export: run ${run + 1} of ${RUNS}...`);
    floor.push(
      (
        await time(async () => {
          for (const part of parts) (await loadPart(persistence, part)).destroy();
        })
      )[1],
    );
    const file = join(dataDir, `export-${run}.zip`);
    const [manifest, took] = await time(() =>
      exportToFile(deps, { scope: 'admin', actor: null }, file),
    );
    full.push(took);
    size = statSync(file).size;
    counts = `${fmt(manifest.counts.docs)} docs, ${fmt(manifest.counts.messages)} messages`;
  }
  await persistence.close();
  await store.close();
  return [
    `### Export of a workspace with automerge-paper and a ${fmt(MESSAGES)}-message channel (${counts}; median of ${RUNS})`,
    '',
    markdownTable(
      ['what', 'time'],
      [
        ['floor: load every room part from SQLite into a Y.Doc (no conversion)', ms(median(floor))],
        [
          'admin export to a ZIP file (Markdown, chat JSON + HTML: each month read twice)',
          ms(median(full)),
        ],
        ['ZIP size', mib(size)],
      ],
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(`${await exportBench()}\n`);
