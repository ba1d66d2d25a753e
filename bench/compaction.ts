/**
 * Compaction: turning the automerge-paper keystroke log (259,778 updates) into one
 * snapshot through a Y.Doc, the way the relay does it (load log, apply in one
 * transaction, encodeStateAsUpdate, persistence.compact), and what a loaded room
 * costs in memory before and after. Also times Y.mergeUpdates on prefixes of the
 * log, the anti-pattern this avoids.
 *
 *   node --import tsx bench/compaction.ts          (BENCH_MERGE=0 skips mergeUpdates)
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { fmt, markdownTable, mib, ms, progress, time } from './lib/report.js';
import type { RoomMemory } from './lib/room-memory.js';
import { repoRoot } from './lib/server-process.js';
import { loadTrace, traceUpdates } from './lib/trace.js';
import { TRACE_ROOM, writeTraceLog } from './lib/trace-log.js';

const MERGE_PREFIXES = [2_500, 5_000, 10_000, 20_000];

function roomMemory(file: string): RoomMemory {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/lib/room-memory.ts', file, TRACE_ROOM],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return JSON.parse(out) as RoomMemory;
}

const memoryRow = (label: string, m: RoomMemory): string[] => [
  label,
  fmt(m.entries),
  mib(m.heapAfter - m.heapBefore),
  mib(m.rssAfter - m.rssBefore),
  `${mib(m.heapAfter)} / ${mib(m.rssAfter)}`,
];

export async function compaction(): Promise<string> {
  progress('compaction: replaying the automerge-paper trace...');
  const trace = loadTrace('automerge-paper');
  const updates = traceUpdates(trace);
  const dataDir = await writeTraceLog(updates);
  const file = join(dataDir, 'relay.sqlite');
  try {
    progress('compaction: room memory from the log...');
    const fromLog = roomMemory(file);

    progress('compaction: compacting...');
    const persistence = new SqlitePersistence({ file });
    const [stored, loadMs] = await time(() => persistence.load(TRACE_ROOM));
    const doc = new Y.Doc();
    const [, applyMs] = await time(() =>
      doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u))),
    );
    const [snapshot, encodeMs] = await time(() => Y.encodeStateAsUpdate(doc));
    const [, storeMs] = await time(() => persistence.compact(TRACE_ROOM, snapshot, stored.lastSeq));
    await persistence.close();
    if (doc.getText('text').toString() !== trace.endContent) throw new Error('compaction diverged');
    const total = loadMs + applyMs + encodeMs + storeMs;

    progress('compaction: room memory from the snapshot...');
    const fromSnapshot = roomMemory(file);
    if (fromSnapshot.chars !== trace.endContent.length) throw new Error('snapshot incomplete');

    const logBytes = updates.reduce((sum, u) => sum + u.length, 0);
    const sections = [
      `### Compaction of automerge-paper (${fmt(updates.length)} updates, ${fmt(logBytes / 1024)} KiB of log → ${fmt(snapshot.length / 1024)} KiB snapshot)`,
      '',
      markdownTable(
        ['step', 'time'],
        [
          ['SqlitePersistence.load() (read the log)', ms(loadMs)],
          ['apply the log to a Y.Doc in one transaction', ms(applyMs)],
          ['Y.encodeStateAsUpdate', ms(encodeMs)],
          ['SqlitePersistence.compact() (write snapshot, delete log)', ms(storeMs)],
          [`**total** (target < 3 s: ${total < 3000 ? 'met' : 'NOT met'})`, `**${ms(total)}**`],
        ],
      ),
      '',
      "Loaded room (the relay's Room class) in a fresh process, after GC:",
      '',
      markdownTable(
        ['room loaded from', 'entries', 'heapUsed delta', 'RSS delta', 'heapUsed / RSS after'],
        [
          memoryRow('the log (before compaction)', fromLog),
          memoryRow('the snapshot (after)', fromSnapshot),
        ],
      ),
    ];
    if (process.env.BENCH_MERGE !== '0') {
      progress('compaction: Y.mergeUpdates on prefixes of the log...');
      const rows = MERGE_PREFIXES.map((n) => {
        const start = performance.now();
        Y.mergeUpdates(updates.slice(0, n));
        const mergeMs = performance.now() - start;
        return [fmt(n), ms(mergeMs), `${fmt((1000 * mergeMs) / n, 1)} µs`];
      });
      sections.push(
        '',
        'Anti-pattern: Y.mergeUpdates over the log (never run it on all 259,778 updates):',
        '',
        markdownTable(['first N updates', 'Y.mergeUpdates', 'per update'], rows),
      );
    }
    return sections.join('\n');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await compaction()}\n`);
}
