/**
 * Cold load: a room stored as the automerge-paper keystroke log (259,778 Yjs
 * updates, no snapshot), a freshly started relay, and a fresh y-websocket client:
 * how long until the client is synced and holds the full text. Compared with bare
 * Yjs doing the same work in-process, and with the same room after compaction.
 *
 *   node --import tsx bench/cold-load.ts
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { fmt, markdownTable, ms, progress, time } from './lib/report.js';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { loadTrace, traceUpdates } from './lib/trace.js';
import { TRACE_ROOM, writeTraceLog } from './lib/trace-log.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs `fn` RUNS times and reports the median and the range. */
async function repeat(fn: () => Promise<number> | number): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await fn());
  return `${ms(median(times))} (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})`;
}

function applyAll(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** A fresh DATA_DIR holding a copy of `template`. */
function copyOf(template: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

function syncFreshClient(server: ServerProcess, endContent: string): Promise<void> {
  const doc = new Y.Doc();
  // roomUrl opens the room in the workspace and carries the access token.
  const token = new URL(server.roomUrl(TRACE_ROOM)).searchParams.get('token') ?? '';
  return new Promise<void>((resolve, reject) => {
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, TRACE_ROOM, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      const text = doc.getText('text').toString();
      provider.destroy();
      doc.destroy();
      if (text === endContent) resolve();
      else reject(new Error(`synced text differs (${text.length} chars)`));
    });
  });
}

/**
 * Starts the relay on `dataDir` and syncs one fresh client; returns the time from
 * spawn to listening and from client creation to synced with the full text. The
 * relay compacts the room while it runs or at shutdown, so `dataDir` ends compacted.
 */
async function relayColdLoad(dataDir: string, endContent: string): Promise<[number, number]> {
  const [server, startMs] = await time(() => startServer('relay', { env: { DATA_DIR: dataDir } }));
  try {
    const [, syncMs] = await time(() => syncFreshClient(server, endContent));
    return [startMs, syncMs];
  } finally {
    await server.stop();
  }
}

function storedShape(dataDir: string): string {
  const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
  const log = db.prepare('SELECT count(*) AS n, sum(length(data)) AS bytes FROM updates').get() as {
    n: number;
    bytes: number | null;
  };
  const snap = db.prepare('SELECT sum(length(data)) AS bytes FROM snapshots').get() as {
    bytes: number | null;
  };
  db.close();
  return `${fmt(log.n)} log entries (${fmt((log.bytes ?? 0) / 1024)} KiB), snapshot ${fmt((snap.bytes ?? 0) / 1024)} KiB`;
}

export async function coldLoad(): Promise<string> {
  progress('cold-load: replaying the automerge-paper trace...');
  const trace = loadTrace('automerge-paper');
  const updates = traceUpdates(trace);
  const snapshot = applyAll(updates);
  const logDir = await writeTraceLog(updates);
  const rows: string[][] = [];
  const dirs: string[] = [logDir];
  try {
    progress('cold-load: bare Yjs...');
    rows.push([
      `bare Yjs: apply ${fmt(updates.length)} updates in one transaction + encodeStateAsUpdate`,
      await repeat(async () => (await time(() => applyAll(updates)))[1]),
    ]);
    rows.push([
      `bare Yjs: apply the compacted snapshot (${fmt(snapshot.length / 1024)} KiB) + encodeStateAsUpdate`,
      await repeat(async () => (await time(() => applyAll([snapshot])))[1]),
    ]);
    const persistence = new SqlitePersistence({ file: join(logDir, 'relay.sqlite') });
    rows.push([
      'SqlitePersistence.load() of the log (part of the relay figure below)',
      await repeat(async () => (await time(() => persistence.load(TRACE_ROOM)))[1]),
    ]);
    await persistence.close();

    progress('cold-load: relay from the uncompacted log...');
    const starts: number[] = [];
    let compactedDir = '';
    const fromLog = await repeat(async () => {
      const dataDir = copyOf(logDir);
      dirs.push(dataDir);
      compactedDir ||= dataDir;
      const [startMs, syncMs] = await relayColdLoad(dataDir, trace.endContent);
      starts.push(startMs);
      return syncMs;
    });
    rows.push([`relay: connect → synced, room stored as ${storedShape(logDir)}`, fromLog]);

    progress('cold-load: relay from the compacted snapshot...');
    const fromSnapshot = await repeat(async () => {
      const dataDir = copyOf(compactedDir);
      dirs.push(dataDir);
      const [startMs, syncMs] = await relayColdLoad(dataDir, trace.endContent);
      starts.push(startMs);
      return syncMs;
    });
    rows.push([
      `relay: connect → synced, room stored as ${storedShape(compactedDir)}`,
      fromSnapshot,
    ]);
    rows.push(['relay process start (spawn → listening), all runs above', `${ms(median(starts))}`]);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return [
    `### Cold load of automerge-paper (${fmt(updates.length)} updates, ${fmt(trace.endContent.length)} chars; median of ${RUNS} runs, range in ms)`,
    '',
    markdownTable(['case', 'time'], rows),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await coldLoad()}\n`);
}
