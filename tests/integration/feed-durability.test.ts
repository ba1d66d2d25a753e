import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Feed, Head } from '../../shared/protocol/mux.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openMuxSocket, type MuxTestSocket } from '../support/mux-socket.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startTestRelay, tempIdentityFile, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

async function mux(wsUrl: string, token: string): Promise<MuxTestSocket> {
  const socket = await openMuxSocket(`${wsUrl}?v=2&token=${token}`);
  cleanup.push(() => socket.close());
  return socket;
}

async function hello(socket: MuxTestSocket, feedId = '', cursor = 0): Promise<Feed> {
  socket.send({ kind: 'hello', feedId, cursor, directory: '' });
  return socket.next('feed', (f) => f.complete);
}

/** The newest head of every part that the live notices on `socket` named. */
function noticed(socket: MuxTestSocket): Map<string, number> {
  const heads = new Map<string, number>();
  for (const feed of socket.all('feed'))
    for (const { room, head } of feed.heads) heads.set(room, Math.max(head, heads.get(room) ?? 0));
  return heads;
}

const asMap = (heads: readonly Head[]) => new Map(heads.map((h) => [h.room, h.head]));

/** Many small confirmed writes to each part, spread over many group commits. */
async function scribble(socket: MuxTestSocket, parts: string[], edits: number): Promise<void> {
  const rooms = parts.map((part) => socket.sync(part));
  await Promise.all(rooms.map((room) => room.synced()));
  for (let i = 0; i < edits; i++) {
    for (const [n, room] of rooms.entries()) {
      if ((i + n) % (n + 1) === 0) room.doc.getText('t').insert(0, String(i % 10));
    }
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(rooms.map((room) => room.allConfirmed()));
}

describe('[FEED5] heads are durable', () => {
  it('kill -9 after confirmation: feed id, position and every head are what was confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'feed-kill9-'));
    const first: RelayProcess = await startRelayProcess({ DATA_DIR: dataDir });
    cleanup.push(() => (first.child.exitCode === null ? first.kill() : undefined));
    const parts = ['alpha', 'alpha:2024-05', 'beta'];
    for (const part of parts) first.client(part, { connect: false }).destroy(); // registers the room
    const socket = await mux(first.wsUrl, first.token);
    const start = await hello(socket);
    await scribble(socket, parts, 60);
    // Answered after every notice of the confirmed commits, so it reports their heads.
    const from = socket.frames.length;
    socket.send({ kind: 'heads', roomIds: ['alpha', 'beta'] });
    const last = await socket.next('feed', () => true, from);
    expect(asMap(last.heads)).toEqual(noticed(socket));
    await first.kill();

    const second = await startRelayProcess({ DATA_DIR: dataDir });
    cleanup.push(() => (second.child.exitCode === null ? second.kill() : undefined));
    const again = await hello(await mux(second.wsUrl, second.token), start.feedId, 0);
    expect(again.feedId).toBe(start.feedId);
    expect(again.cursor).toBe(last.cursor);
    expect(asMap(again.heads)).toEqual(asMap(last.heads));
    expect(asMap(again.heads).size).toBe(3);
    const upToDate = await hello(await mux(second.wsUrl, second.token), start.feedId, last.cursor);
    expect(upToDate.heads).toEqual([]);
  });

  it('compaction never changes a head, nor does a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'feed-compact-')), 'relay.sqlite');
    const identityFile = tempIdentityFile();
    const start = (): Promise<TestRelay> =>
      startTestRelay({
        persistence: new SqlitePersistence({ file }),
        identityFile,
        config: { COMPACT_ENTRIES: 5 },
      });
    const r = await start();
    r.openRoom('doc');
    const socket = await mux(r.wsUrl, r.token);
    await hello(socket);
    await scribble(socket, ['doc', 'doc:history'], 40);
    await waitFor(async () => (await r.persistence.load('doc')).logLength < 5, {
      what: 'compaction',
    });
    const expected = noticed(socket);
    const after = await hello(await mux(r.wsUrl, r.token));
    expect(asMap(after.heads)).toEqual(expected);
    await r.stop();

    const restarted = await start();
    cleanup.push(() => restarted.stop());
    const again = await hello(await mux(restarted.wsUrl, restarted.token));
    expect(asMap(again.heads)).toEqual(expected);
    expect(again.feedId).toBe(after.feedId);
  });

  it('a database from before the feed gets heads for every stored room, so new devices fetch them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'feed-upgrade-')), 'relay.sqlite');
    // The schema of relay.sqlite before version 2, with data in it.
    const old = new Database(file);
    old.exec(`
      CREATE TABLE updates (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (room, seq)) WITHOUT ROWID;
      CREATE TABLE snapshots (room TEXT PRIMARY KEY, through_seq INTEGER NOT NULL, data BLOB NOT NULL);
      CREATE TABLE quarantine (room TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);
    `);
    const textUpdate = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const insert = old.prepare('INSERT INTO updates (room, seq, data) VALUES (?, ?, ?)');
    insert.run('old', 1, textUpdate('log'));
    insert.run('old:history', 1, textUpdate('history'));
    old
      .prepare('INSERT INTO snapshots (room, through_seq, data) VALUES (?, ?, ?)')
      .run('compacted', 3, textUpdate('snapshot'));
    old.close();

    const r = await startTestRelay({ persistence: new SqlitePersistence({ file }) });
    cleanup.push(() => r.stop());
    for (const room of ['old', 'compacted']) r.openRoom(room);
    const socket = await mux(r.wsUrl, r.token);
    const answer = await hello(socket);
    expect(answer.cursor).toBe(1);
    expect(asMap(answer.heads)).toEqual(
      new Map([
        ['old', 1],
        ['old:history', 1],
        ['compacted', 1],
      ]),
    );
    const room = socket.sync('compacted');
    await room.synced();
    expect(room.doc.getText('t').toString()).toBe('snapshot');
    room.doc.getText('t').insert(0, 'new ');
    await room.allConfirmed();
    const notice = await socket.next('feed', (f) => !f.complete);
    expect(notice.heads).toEqual([{ room: 'compacted', head: 2 }]);
    // Opening it again keeps the feed: no second backfill, no new feed id.
    const reopened = new SqlitePersistence({ file: `${file}` });
    expect(await reopened.feed()).toEqual({ feedId: answer.feedId, position: 2 });
    await reopened.close();
  });
});
