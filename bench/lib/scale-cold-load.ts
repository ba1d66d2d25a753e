import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { seedDatabase } from '../../tests/support/workspace-seed.js';
import { fmt, time } from './report.js';
import { startScaledCluster } from './scaled-relays.js';
import { startServer } from './server-process.js';
import { TRACE_ROOM, writeTraceLog } from './trace-log.js';

/** Time from a fresh WebsocketProvider to `synced` with the full text. */
export async function timeFreshClient(
  port: number,
  token: string,
  endContent: string,
): Promise<number> {
  const doc = new Y.Doc();
  const [, ms] = await time(
    () =>
      new Promise<void>((resolve, reject) => {
        const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, TRACE_ROOM, doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: { token },
        });
        provider.on('sync', (synced: boolean) => {
          if (!synced) return;
          const text = doc.getText('text').toString();
          provider.destroy();
          if (text === endContent) resolve();
          else reject(new Error(`synced text differs (${text.length} chars)`));
        });
      }),
  );
  doc.destroy();
  return ms;
}

/** A PostgreSQL database holding the room as its log (through PostgresPersistence.append). */
export async function writePostgresTemplate(
  postgres: PostgresServer,
  updates: Uint8Array[],
  batch = 10_000,
): Promise<string> {
  const url = await postgres.createDatabase();
  const seeded = await seedDatabase(url);
  await seeded.openRoom(TRACE_ROOM);
  await seeded.close();
  const persistence = await PostgresPersistence.open({ connectionString: url });
  for (let i = 0; i < updates.length; i += batch) {
    await persistence.append(
      updates.slice(i, i + batch).map((update) => ({ room: TRACE_ROOM, update })),
    );
  }
  await persistence.close();
  return url;
}

let copies = 0;
/** A new database copied from `templateUrl` (CREATE DATABASE ... TEMPLATE): a byte copy, fast. */
export async function copyDatabase(templateUrl: string): Promise<string> {
  const template = new URL(templateUrl);
  const name = `cold_${process.pid}_${++copies}`;
  const admin = new pg.Client({ connectionString: new URL('/postgres', template).toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  return new URL(`/${name}`, template).toString();
}

export async function postgresShape(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const log = await client.query<{ n: string; bytes: string | null }>(
      'SELECT count(*) AS n, sum(length(data)) AS bytes FROM doc_updates',
    );
    const snap = await client.query<{ bytes: string | null }>(
      'SELECT sum(length(data)) AS bytes FROM doc_snapshots',
    );
    const n = Number(log.rows[0]?.n ?? 0);
    const kib = (bytes: string | null | undefined) => fmt(Number(bytes ?? 0) / 1024);
    return `${fmt(n)} log entries (${kib(log.rows[0]?.bytes)} KiB), snapshot ${kib(snap.rows[0]?.bytes)} KiB`;
  } finally {
    await client.end();
  }
}

/**
 * One cold start on PostgreSQL: a copy of the template, one relay started fresh, one
 * fresh client timed; the relay compacts the room (in the background after the load,
 * or at SIGTERM), so a second start on the same copy loads the snapshot.
 */
export async function postgresColdLoad(
  stores: { postgres: PostgresServer; redis: RedisServer },
  templateUrl: string,
  endContent: string,
): Promise<{ fromLog: number; fromSnapshot: number; snapshotShape: string }> {
  const databaseUrl = await copyDatabase(templateUrl);
  const once = async () => {
    const cluster = await startScaledCluster(stores.postgres, stores.redis, {
      count: 1,
      databaseUrl,
    });
    try {
      return await timeFreshClient(cluster.relays[0]?.port ?? 0, cluster.token, endContent);
    } finally {
      await cluster.stop();
    }
  };
  const fromLog = await once();
  const snapshotShape = await postgresShape(databaseUrl);
  const fromSnapshot = await once();
  return { fromLog, fromSnapshot, snapshotShape };
}

/** The same on SQLite: a copy of the template DATA_DIR, the embedded relay. */
export async function sqliteColdLoad(
  templateDir: string,
  endContent: string,
): Promise<{ fromLog: number; fromSnapshot: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-cold-'));
  cpSync(templateDir, dataDir, { recursive: true });
  const once = async () => {
    const server = await startServer('relay', { env: { DATA_DIR: dataDir } });
    try {
      const token = new URL(server.roomUrl(TRACE_ROOM)).searchParams.get('token') ?? '';
      return await timeFreshClient(server.port, token, endContent);
    } finally {
      await server.stop();
    }
  };
  try {
    return { fromLog: await once(), fromSnapshot: await once() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export { writeTraceLog };
