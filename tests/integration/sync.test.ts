import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { storedText } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

async function relayOn(file: string, port?: number): Promise<TestRelay> {
  const relay = await startTestRelay({
    persistence: new SqlitePersistence({ file }),
    identityFile: `${file}.identity`,
    ...(port ? { port } : {}),
  });
  cleanup.push(() => relay.stop());
  return relay;
}

function client(relay: TestRelay, room: string, confirm = false): TestClient {
  const c = relay.client(room, { confirm });
  cleanup.push(() => c.destroy());
  return c;
}

const text = (c: TestClient): string => c.doc.getText('t').toString();

describe('sync through a real relay', () => {
  it('[SYNC1] two stock clients converge', async () => {
    const relay = await relayOn(join(mkdtempSync(join(tmpdir(), 'sync-')), 'r.sqlite'));
    const a = client(relay, 'room-a');
    const b = client(relay, 'room-a');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'hello ');
    b.doc.getText('t').insert(0, 'world');
    await waitFor(() => text(a).length === 11 && text(a) === text(b), { what: 'convergence' });
    expect(text(a)).toBe(text(b));
  });

  it('[SYNC1] offline edits on both sides merge on reconnect', async () => {
    const relay = await relayOn(join(mkdtempSync(join(tmpdir(), 'sync-')), 'r.sqlite'));
    const a = client(relay, 'doc');
    const b = client(relay, 'doc');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'base');
    await waitFor(() => text(b) === 'base');
    a.provider.disconnect();
    b.provider.disconnect();
    a.doc.getText('t').insert(4, ' from a');
    b.doc.getText('t').insert(0, 'b says: ');
    b.doc.getText('t').delete(8, 1); // deletes the "b" of "base" while offline
    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () => text(a) === text(b) && text(a).includes('from a') && text(a).startsWith('b says'),
    );
    expect(text(a)).toBe('b says: ase from a');
  });

  it('[CONFIRM1] a confirm client learns when its frames are stored; a stock client never gets a confirm frame', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sync-')), 'r.sqlite');
    const relay = await relayOn(file);
    const confirming = client(relay, 'c', true);
    const stock = client(relay, 'c');
    const unknown: number[] = [];
    stock.provider.messageHandlers[100] = () => unknown.push(100);
    await Promise.all([confirming.synced(), stock.synced()]);
    for (let i = 0; i < 50; i++) confirming.doc.getText('t').insert(i, 'x');
    await confirming.allConfirmed();
    // What was confirmed is in storage right now, without any further flush.
    expect(await storedText(relay.persistence, 'c')).toBe('x'.repeat(50));
    await waitFor(() => text(stock) === 'x'.repeat(50));
    expect(unknown).toEqual([]);
  });

  it('[SYNC1] a relay restart on the same data keeps the document and clients resync', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sync-')), 'r.sqlite');
    const first = await relayOn(file);
    const a = client(first, 'doc', true);
    await a.synced();
    a.doc.getText('t').insert(0, 'persisted');
    await a.allConfirmed();
    await first.stop();
    const second = await relayOn(file, first.port);
    const fresh = client(second, 'doc');
    await waitFor(() => text(fresh) === 'persisted', { what: 'fresh client sees stored text' });
    await waitFor(() => a.provider.synced, { what: 'old client reconnected' });
    a.doc.getText('t').insert(0, '!');
    await waitFor(() => text(fresh) === '!persisted');
  });
});
