/**
 * Backup and restore of an embedded install holding the automerge-paper room
 * (259,778 log entries) and a 100,000-message channel (one stored update per message,
 * in month buckets `<channel>:m<YYYY-MM>` as the chat model writes them), through the
 * same code as `npm run admin -- backup/restore`; compared with the floor of copying
 * the same database files with `cp` (which is NOT a valid backup of a live WAL database).
 *
 *   node --import tsx bench/backup.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import {
  addMessage,
  bucketOf,
  encodeHlc,
  tickHlc,
  type Hlc,
} from '../client/src/workspace/chat/index.js';
import { createBackup } from '../sync-server/src/backup/create-backup.js';
import { restoreBackup } from '../sync-server/src/backup/restore-backup.js';
import { SqliteIdentityStore } from '../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { fmt, markdownTable, mib, ms, progress, time } from './lib/report.js';
import { loadTrace, traceUpdates } from './lib/trace.js';
import { writeTraceLog } from './lib/trace-log.js';

const MESSAGES = 100_000;
const CHANNEL = 'general';

/** Each message one stored update in its month bucket, as a relay stores a client's sends. */
async function writeChannel(dataDir: string): Promise<void> {
  const persistence = new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') });
  const docs = new Map<string, Y.Doc>();
  let hlc: Hlc | null = null;
  const start = Date.UTC(2025, 0, 1);
  let batch: { room: string; update: Uint8Array }[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const now = start + Math.floor((i / MESSAGES) * 365 * 24 * 3600_000);
    hlc = tickHlc(hlc, now, 'bench');
    const room = `${CHANNEL}:${bucketOf(hlc.wall)}`;
    let doc = docs.get(room);
    if (!doc) docs.set(room, (doc = new Y.Doc()));
    const before = Y.encodeStateVector(doc);
    addMessage(doc, {
      id: `m${i}`,
      key: encodeHlc(hlc),
      author: 'user1',
      text: `message number ${i} about the release`,
      createdAt: now,
    });
    batch.push({ room, update: Y.encodeStateAsUpdate(doc, before) });
    if (batch.length === 10_000) {
      await persistence.append(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await persistence.append(batch);
  await persistence.close();
}

export async function backup(): Promise<string> {
  progress('backup: writing the automerge-paper log and a 100,000-message channel...');
  const dataDir = await writeTraceLog(traceUpdates(loadTrace('automerge-paper')));
  await writeChannel(dataDir);
  await new SqliteIdentityStore(join(dataDir, 'identity.sqlite')).close();
  const work = mkdtempSync(join(tmpdir(), 'bench-backup-'));
  try {
    const dbBytes = ['relay.sqlite', 'identity.sqlite'].reduce(
      (n, f) => n + statSync(join(dataDir, f)).size,
      0,
    );
    progress('backup: cp floor...');
    const [, cpMs] = await time(() =>
      execFileSync('cp', [join(dataDir, 'relay.sqlite'), join(dataDir, 'identity.sqlite'), work]),
    );
    progress('backup: backup...');
    const file = join(work, 'backup.tar.gz');
    const [report, backupMs] = await time(() =>
      createBackup({ dataDir, filesDir: join(dataDir, 'files'), file }),
    );
    progress('backup: restore...');
    const [, restoreMs] = await time(() =>
      restoreBackup({ file, dataDir: join(work, 'restored') }),
    );
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return [
      `### Backup and restore: automerge-paper (259,778 log entries) + ${fmt(MESSAGES)} chat messages in 12 month buckets (embedded, ${mib(dbBytes)} of SQLite)`,
      '',
      markdownTable(
        ['step', 'time', 'size'],
        [
          ['floor: `cp` of both database files', ms(cpMs), mib(dbBytes)],
          [
            'backup (snapshot, hash, tar+gzip, read back and check)',
            ms(backupMs),
            mib(report.bytes),
          ],
          ['restore (unpack, check, quick_check, rename)', ms(restoreMs), ''],
        ],
      ),
      '',
      `Peak RSS of the whole benchmark process (including building the data): ${mib(maxRss)}.`,
    ].join('\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await backup()}\n`);
}
