/**
 * Retention in the scaled mode: real relay processes on PostgreSQL and Redis. The
 * policy is set on one relay; a device connected to the other receives the relay's
 * deletions through the bus, and PostgreSQL and the shared files directory keep none
 * of the expired bytes.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DirectoryRoom, StoredFile } from '../../shared/api/schemas.js';
import { DAY_MS, RetentionPolicy } from '../../shared/retention/retention.js';
import { bucketOf } from '../../shared/model/chat/buckets.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startProcessCluster } from '../support/process-cluster.js';
import { startRedisServer } from '../support/redis-server.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

const tag = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

function message(text: string, createdAt: number) {
  return {
    key: `${createdAt}`,
    author: 'someone',
    text,
    createdAt,
    parentId: null,
    mentions: { users: [], channel: false },
    editedAt: null,
    deleted: false,
  };
}

const Audit = z.array(
  z.object({ action: z.string(), actorId: z.string().nullable(), target: z.string().nullable() }),
);

describe('retention with several relays on PostgreSQL', () => {
  it('[RETAIN3][RETAIN4][RETAIN5] the policy set on one relay reaches devices on another; PostgreSQL and FILES_DIR keep no expired bytes', async () => {
    const redis = await startRedisServer();
    const c = await startProcessCluster({
      pg: server,
      redis,
      count: 2,
      env: { RETENTION_SWEEP_MS: '0', BUS_FAIL_MS: '1500' },
    });
    cleanup.push(() => redis.stop());
    cleanup.push(() => c.stop());
    const [a, b] = c.relays;
    if (!a || !b) throw new Error('two relays expected');
    const owner = new ApiClient(a.httpUrl, c.seeded.token);
    const channel = `chan-${randomBytes(4).toString('hex')}`;
    await owner.ok(DirectoryRoom, 'POST', '/rooms', {
      id: channel,
      kind: 'channel',
      title: 'general',
      access: { workspace: 'write', groups: [], users: [] },
    });

    const now = Date.now();
    const old = { at: now - 100 * DAY_MS, text: tag('MARKER-OLD'), file: tag('MARKER-FILE') };
    const kept = { at: now - 60_000, text: tag('KEEP') };
    const oldBucket = bucketOf(old.at);
    const newBucket = bucketOf(kept.at);
    const device = (bucket: string) => {
      const client = createTestClient(b.wsUrl, `${channel}:${bucket}`, {
        token: c.seeded.token,
        confirm: true,
      });
      cleanup.push(() => client.destroy());
      return client;
    };
    const oldMonth = device(oldBucket);
    const newMonth = device(newBucket);
    await Promise.all([oldMonth.synced(), newMonth.synced()]);
    oldMonth.doc.getMap('messages').set('old', message(old.text, old.at));
    newMonth.doc.getMap('messages').set('kept', message(kept.text, kept.at));
    await Promise.all([oldMonth.allConfirmed(), newMonth.allConfirmed()]);

    // An attachment uploaded a hundred days ago (its time set in the database).
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Buffer.from(old.file),
    ]);
    const uploaded = await fetch(`${a.httpUrl}/api/rooms/${channel}/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${c.seeded.token}` },
      body: new Blob([png]),
    });
    expect(uploaded.status).toBe(201);
    const file = StoredFile.parse(await uploaded.json());
    const db = new pg.Client({ connectionString: c.databaseUrl });
    await db.connect();
    cleanup.push(() => db.end());
    await db.query('UPDATE files SET created_at = $1 WHERE room_id = $2 AND id = $3', [
      old.at,
      channel,
      file.id,
    ]);

    await owner.ok(RetentionPolicy, 'PUT', `/rooms/${channel}/retention`, { days: 30 });

    // Relay a swept; the device on relay b hears the deletion through the bus.
    await waitFor(() => !oldMonth.doc.getMap('messages').has('old'), {
      what: 'the deletion to reach a device on the other relay',
    });
    expect(newMonth.doc.getMap('messages').has('kept')).toBe(true);

    const rowsHolding = async (text: string) => {
      const { rows } = await db.query<{ n: string }>(
        `SELECT ((SELECT count(*) FROM doc_updates WHERE position($1::bytea IN data) > 0)
               + (SELECT count(*) FROM doc_snapshots WHERE position($1::bytea IN data) > 0))::text AS n`,
        [Buffer.from(text)],
      );
      return Number(rows[0]?.n ?? 0);
    };
    await waitFor(async () => (await rowsHolding(old.text)) === 0, {
      what: 'the expired message to leave PostgreSQL',
    });
    expect(await rowsHolding(kept.text)).toBeGreaterThan(0);
    // The sweep goes on after the documents: the file's record, then its bytes [RETAIN5].
    const fileRecords = async () => {
      const { rows } = await db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM files WHERE room_id = $1',
        [channel],
      );
      return Number(rows[0]?.n ?? -1);
    };
    await waitFor(async () => (await fileRecords()) === 0, {
      what: 'the expired file’s record to leave PostgreSQL',
    });
    const oldBytesStored = () =>
      readdirSync(c.filesDir).some((name) =>
        readFileSync(join(c.filesDir, name)).includes(old.file),
      );
    await waitFor(() => !oldBytesStored(), { what: 'the expired file’s bytes to leave FILES_DIR' });

    const audit = await owner.ok(Audit, 'GET', '/audit');
    expect(audit.find((e) => e.action === 'room.retention')).toMatchObject({
      actorId: c.seeded.ownerId,
      target: channel,
    });
  });
});
