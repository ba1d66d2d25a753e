import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DirectoryRoom } from '../../shared/api/schemas.js';
import { RetentionPolicy } from '../../shared/retention/retention.js';
import type { Clock } from '../../sync-server/src/clock.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { DiskBlobStore } from '../../sync-server/src/files/blob-store.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { createTestClient, type TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { invitePerson, signInOwner, type Person } from '../support/workspace-people.js';
import { admin } from '../support/admin-cli.js';

const cleanup = cleanupAfterEach();

/** A clock the test moves: the channel's history is written in March, swept in June. */
function movableClock(start: number): Clock & { set(at: number): void } {
  let now = start;
  return {
    now: () => now,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    set: (at) => (now = at),
  };
}

const MARCH_5 = Date.UTC(2025, 2, 5);
const MAY_10 = Date.UTC(2025, 4, 10);
const MAY_25 = Date.UTC(2025, 4, 25);
const JUNE_19 = Date.UTC(2025, 5, 19);
const JUNE_20 = Date.UTC(2025, 5, 20);

/** Unique strings whose bytes the test looks for in the relay's files. */
const tag = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

function message(text: string, createdAt: number, parentId: string | null = null) {
  return {
    key: `${createdAt}`,
    author: 'someone',
    text,
    createdAt,
    parentId,
    mentions: { users: [], channel: false },
    editedAt: null,
    deleted: false,
  };
}

function png(marker: string): Uint8Array {
  const header = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return new Uint8Array([...header, ...Buffer.from(marker)]);
}

/** Every byte the relay keeps on disk for documents, as one buffer per file. */
function storeFiles(dir: string): Buffer[] {
  const db = join(dir, 'relay.sqlite');
  return [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

function filesDirBytes(dir: string): Buffer[] {
  return readdirSync(dir).map((name) => readFileSync(join(dir, name)));
}

const holds = (buffers: Buffer[], text: string) => buffers.some((b) => b.includes(text));

interface Channel {
  relay: TestRelay;
  clock: ReturnType<typeof movableClock>;
  dataDir: string;
  filesDir: string;
  owner: Person;
  channelId: string;
  connect(part: string, doc?: Y.Doc): Promise<TestClient>;
}

async function channelWithHistory(): Promise<Channel> {
  const clock = movableClock(MARCH_5);
  const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
  const filesDir = join(dataDir, 'files');
  const relay = await startTestRelay({
    persistence: new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') }),
    blobs: new DiskBlobStore(filesDir),
    identityFile: join(dataDir, 'identity.sqlite'),
    clock,
  });
  cleanup.push(() => relay.stop());
  const owner = await signInOwner(relay);
  const channelId = `chan-${randomBytes(4).toString('hex')}`;
  await owner.api.ok(DirectoryRoom, 'POST', '/rooms', {
    id: channelId,
    kind: 'channel',
    title: 'general',
    access: { workspace: 'write', groups: [], users: [] },
  });
  const connect = async (part: string, doc?: Y.Doc) => {
    // Minted now: access tokens are short-lived, and the test moves the clock.
    const { token } = await relay.access.accounts.mintToken(owner.id, null, 3600_000);
    const client = createTestClient(relay.wsUrl, `${channelId}:${part}`, {
      token,
      confirm: true,
      ...(doc && { doc }),
    });
    cleanup.push(() => client.provider.destroy());
    await client.synced();
    return client;
  };
  return { relay, clock, dataDir, filesDir, owner, channelId, connect };
}

function upload(c: Channel, person: Person, bytes: Uint8Array) {
  return fetch(`${c.relay.httpUrl}/api/rooms/${c.channelId}/files`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', cookie: person.api.sessionCookie ?? '' },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

describe('retention', () => {
  it('[RETAIN1][RETAIN2][RETAIN3][RETAIN4][RETAIN5] expired messages, DINGs and files leave the relay: documents, SQLite file and WAL, files dir, a backup taken afterwards; clients converge; the audit log says who', async () => {
    const c = await channelWithHistory();
    const markers = {
      old: tag('MARKER-OLD'),
      reply: tag('MARKER-REPLY'),
      boundary: tag('MARKER-BOUNDARY'),
      ding: tag('MARKER-DING'),
      file: tag('MARKER-FILE'),
    };
    const keep = { may: tag('KEEP-MAY'), june: tag('KEEP-JUNE'), file: tag('KEEP-FILE') };

    // March: an attachment is uploaded; history is written into three months.
    expect((await upload(c, c.owner, png(markers.file))).status).toBe(201);
    const march = await c.connect('m2025-03');
    const may = await c.connect('m2025-05');
    const june = await c.connect('m2025-06');
    const meta = await c.connect('meta');
    march.doc.transact(() => {
      march.doc.getMap('messages').set('old', message(markers.old, MARCH_5));
      // A reply written in June to a March message lives in March, with its parent.
      march.doc.getMap('messages').set('old-reply', message(markers.reply, JUNE_19, 'old'));
      march.doc.getMap('reactions').set('old\u0000👍\u0000someone', true);
    });
    may.doc.transact(() => {
      may.doc.getMap('messages').set('may10', message(markers.boundary, MAY_10));
      may.doc.getMap('messages').set('may25', message(keep.may, MAY_25));
      may.doc.getMap('reactions').set('may25\u0000🎉\u0000someone', true);
    });
    june.doc.getMap('messages').set('jun19', message(keep.june, JUNE_19));
    meta.doc.transact(() => {
      for (const bucket of ['m2025-03', 'm2025-05', 'm2025-06'])
        meta.doc.getMap('buckets').set(bucket, true);
      const ding = new Y.Map<unknown>();
      meta.doc.getMap('dings').set('may10', ding);
      ding.set('createdAt', MAY_10);
      ding.set('preview', markers.ding);
    });
    for (const client of [march, may, june, meta]) await client.allConfirmed();

    // A second device has the old months, then goes offline before the policy.
    const offlineMarch = await c.connect('m2025-03', new Y.Doc());
    const offlineMay = await c.connect('m2025-05', new Y.Doc());
    await waitFor(() => offlineMarch.doc.getMap('messages').size === 2);
    await waitFor(() => offlineMay.doc.getMap('messages').size === 2);
    offlineMarch.provider.destroy();
    offlineMay.provider.destroy();

    // June 20: a 30-day policy (cutoff May 21), set through the API.
    c.clock.set(JUNE_20);
    const owner = await signInOwner(c.relay);
    expect((await upload(c, owner, png(keep.file))).status).toBe(201);
    const policy = await owner.api.ok(RetentionPolicy, 'PUT', `/rooms/${c.channelId}/retention`, {
      days: 30,
    });
    expect(policy).toEqual({ days: 30, setBy: owner.id, setAt: JUNE_20 });
    // Setting the policy swept the channel at once; this sweep runs after that one.
    expect(await c.relay.retention.sweep()).toMatchObject({ ran: true, clean: true });

    // Connected clients received the relay's deletions like any update.
    await waitFor(() => march.doc.getMap('messages').size === 0);
    await waitFor(() => may.doc.getMap('messages').size === 1);
    expect([...may.doc.getMap('messages').keys()]).toEqual(['may25']);
    expect(march.doc.getMap('reactions').size).toBe(0);
    expect([...may.doc.getMap('reactions').keys()]).toEqual(['may25\u0000🎉\u0000someone']);
    expect([...june.doc.getMap('messages').keys()]).toEqual(['jun19']);
    await waitFor(() => meta.doc.getMap('dings').size === 0);
    expect([...meta.doc.getMap('buckets').keys()].sort()).toEqual(['m2025-05', 'm2025-06']);

    // The bytes are gone from the store's files and the files dir; kept ones are there.
    const assertScrubbed = () => {
      const stored = storeFiles(c.dataDir);
      for (const marker of [markers.old, markers.reply, markers.boundary, markers.ding])
        expect(holds(stored, marker), marker).toBe(false);
      expect(holds(stored, keep.may)).toBe(true);
      expect(holds(stored, keep.june)).toBe(true);
      const files = filesDirBytes(c.filesDir);
      expect(holds(files, markers.file)).toBe(false);
      expect(holds(files, keep.file)).toBe(true);
    };
    assertScrubbed();

    // A backup taken afterwards with the operator's command holds none: restored
    // elsewhere, neither database nor the files hold the expired text [RETAIN5][BACKUP1].
    const archive = join(mkdtempSync(join(tmpdir(), 'retention-backup-')), 'after.tar.gz');
    await admin(c.dataDir, 'backup', archive);
    const restored = join(mkdtempSync(join(tmpdir(), 'retention-restored-')), 'data');
    await admin(restored, 'restore', archive);
    const backup = [
      ...storeFiles(restored),
      readFileSync(join(restored, 'identity.sqlite')),
      ...filesDirBytes(join(restored, 'files')),
    ];
    for (const marker of Object.values(markers)) expect(holds(backup, marker), marker).toBe(false);
    expect(holds(backup, keep.may)).toBe(true);
    expect(holds(backup, keep.file)).toBe(true);

    // The device that was offline comes back and sends its old copy: nothing returns.
    const back = [
      await c.connect('m2025-03', offlineMarch.doc),
      await c.connect('m2025-05', offlineMay.doc),
    ];
    await waitFor(() => back[0]?.doc.getMap('messages').size === 0);
    await waitFor(() => back[1]?.doc.getMap('messages').size === 1);
    const fresh = await c.connect('m2025-03', new Y.Doc());
    expect(fresh.doc.getMap('messages').size).toBe(0);
    expect(march.doc.getMap('messages').size).toBe(0);
    // What it sent again was ignored by the document; the next sweep drops its bytes.
    expect(await c.relay.retention.sweep()).toMatchObject({ ran: true, clean: true });
    assertScrubbed();

    // Who set which policy, and what it was before.
    const audit = await c.relay.identity.audit.page(20);
    const entry = audit.find((row) => row.action === 'room.retention');
    expect(entry).toMatchObject({ actor_id: owner.id, target: c.channelId, at: JUNE_20 });
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ before: null, after: 30 });
  });

  it('[RETAIN2] members read the policy; only who manages the channel sets it; bad values are refused and change nothing', async () => {
    const c = await channelWithHistory();
    const member = await invitePerson(c.relay, c.owner);
    const path = `/rooms/${c.channelId}/retention`;
    expect(await member.api.ok(RetentionPolicy, 'GET', path)).toEqual({
      days: null,
      setBy: null,
      setAt: null,
    });
    expect((await member.api.call('PUT', path, { days: 7 })).status).toBe(403);
    for (const days of [0, -1, 1.5, 'seven', 36_501])
      expect((await c.owner.api.call('PUT', path, { days })).status).toBe(400);
    expect((await member.api.ok(RetentionPolicy, 'GET', path)).days).toBeNull();
    await c.owner.api.ok(RetentionPolicy, 'PUT', path, { days: 1 });
    expect((await member.api.ok(RetentionPolicy, 'GET', path)).days).toBe(1);
    await c.owner.api.ok(RetentionPolicy, 'PUT', path, { days: null });
    expect((await member.api.ok(RetentionPolicy, 'GET', path)).days).toBeNull();
    const changes = (await c.relay.identity.audit.page(20))
      .filter((row) => row.action === 'room.retention')
      .map((row) => JSON.parse(row.details) as unknown)
      .reverse();
    expect(changes).toEqual([
      { before: null, after: 1 },
      { before: 1, after: null },
    ]);
  });
});
