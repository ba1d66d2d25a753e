import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { SyncMessageType } from '../../shared/protocol/message-types.js';
import { syncFrame } from '../../sync-server/src/rooms/room.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { openRawSocket } from '../support/raw-socket.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { textOf } from '../support/stored-text.js';

const cleanup = cleanupAfterEach();

async function relayOn(
  persistence: SqlitePersistence,
  config = {},
  port?: number,
  identityFile?: string,
): Promise<TestRelay> {
  const relay = await startTestRelay({
    persistence,
    config,
    ...(port ? { port } : {}),
    ...(identityFile ? { identityFile } : {}),
  });
  cleanup.push(() => relay.stop());
  return relay;
}

function client(relay: TestRelay, room: string): TestClient {
  const c = relay.client(room, { confirm: true });
  cleanup.push(() => c.destroy());
  return c;
}

describe('storage', () => {
  it('[STORE1] a full disk closes the room with 4503, confirms nothing unstored, and loses nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'full-')), 'relay.sqlite');
    // max_page_count makes SQLite report SQLITE_FULL exactly as a full disk does.
    const identity = `${file}.identity`;
    const full = await relayOn(
      new SqlitePersistence({ file, maxPageCount: 16 }),
      {},
      undefined,
      identity,
    );
    const writer = client(full, 'doc');
    const closes: number[] = [];
    writer.provider.on('connection-close', (e) => void (e && closes.push(e.code)));
    await writer.synced();
    const chunk = 'lorem ipsum dolor sit amet '.repeat(40);
    for (let i = 0; i < 80; i++) writer.doc.getText('t').insert(0, chunk);
    await waitFor(() => closes.includes(CloseCode.storageFailed), { what: '4503 close' });
    const stored = await full.persistence.load('doc');
    expect(textOf(stored.updates).length).toBeLessThan(writer.doc.getText('t').length);
    await full.stop();

    // Space is back: the same client, which kept its changes, sends them again.
    const healthy = await relayOn(new SqlitePersistence({ file }), {}, full.port, identity);
    await waitFor(() => writer.provider.synced, { what: 'reconnect' });
    await writer.allConfirmed();
    expect(textOf((await healthy.persistence.load('doc')).updates)).toBe(
      writer.doc.getText('t').toString(),
    );
  });

  it('[PERSIST3] the log is compacted through a Y.Doc and the document stays the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'compact-')), 'relay.sqlite');
    const relay = await relayOn(new SqlitePersistence({ file }), { COMPACT_ENTRIES: 50 });
    const writer = client(relay, 'doc');
    await writer.synced();
    for (let i = 0; i < 120; i++) {
      writer.doc.getText('t').insert(i, String(i % 10));
      if (i % 7 === 0) writer.doc.getText('t').delete(0, 1);
      await new Promise((r) => setImmediate(r)); // one update per frame, like typing
    }
    await writer.allConfirmed();
    const stored = await waitFor(async () => {
      const s = await relay.persistence.load('doc');
      return s.logLength < 50 && s;
    });
    expect(stored.updates.length).toBe(stored.logLength + 1); // snapshot + short tail
    expect(textOf(stored.updates)).toBe(writer.doc.getText('t').toString());
  });

  it('[PERSIST3] an idle room is unloaded, compacted, and loads again with the same content', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'idle-')), 'relay.sqlite');
    const relay = await relayOn(new SqlitePersistence({ file }), { ROOM_IDLE_MS: 50 });
    const writer = client(relay, 'doc');
    await writer.synced();
    writer.doc.getText('t').insert(0, 'idle soon');
    await writer.allConfirmed();
    writer.provider.disconnect();
    await waitFor(() => relay.relay.stats().rooms === 0, { what: 'room unloaded' });
    const stored = await waitFor(async () => {
      const s = await relay.persistence.load('doc');
      return s.logLength === 0 && s;
    });
    expect(textOf(stored.updates)).toBe('idle soon');
    const reader = client(relay, 'doc');
    await waitFor(() => reader.doc.getText('t').toString() === 'idle soon');
  });

  it('[PERSIST1] an update sent just before its sender leaves is stored even if the room unloads at once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leave-')), 'relay.sqlite');
    const relay = await relayOn(new SqlitePersistence({ file }), { ROOM_IDLE_MS: 0 });
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'parting words');
    const update = Y.encodeStateAsUpdate(doc);
    const socket = await openRawSocket(relay.roomUrl('parting'));
    await waitFor(() => socket.frames.length > 0, { what: 'room joined' });
    socket.send(syncFrame(SyncMessageType.update, update));
    socket.ws.close();
    await socket.closed;
    await waitFor(() => relay.relay.stats().rooms === 0, { what: 'room unloaded' });
    await waitFor(
      async () => textOf((await relay.persistence.load('parting')).updates) === 'parting words',
    );
  });
});
