import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { createMuxClient } from '../support/mux-client.js';
import { startTestRelay } from '../support/test-relay.js';
import { storedText } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

function sqliteRelay(file: string, port?: number) {
  return startTestRelay({
    persistence: new SqlitePersistence({ file }),
    identityFile: `${file}.identity`,
    ...(port ? { port } : {}),
  });
}

/**
 * The client's confirm bookkeeping as the app runs it (openMuxRoomSync over the
 * workspace connection, minus IndexedDB) against the real relay: the pending count
 * must reach 0 exactly when the relay has stored every local edit.
 */
describe('[CONFIRM1] the client ledger against the real relay', () => {
  it('counts edits as pending until stored, across offline edits and reconnects', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'relay.sqlite');
    const relay = await sqliteRelay(file);
    cleanup.push(() => relay.stop());
    relay.openRoom('notes');
    const tab = createMuxClient(relay.wsUrl, relay.token);
    cleanup.push(() => tab.destroy());
    const room = tab.open('notes');
    const text = room.doc.getText('t');
    await waitFor(() => room.status().kind === 'synced');

    for (let i = 0; i < 20; i++) text.insert(i, 'a');
    expect(room.pending()).toBeGreaterThan(0);
    await waitFor(() => room.pending() === 0, { what: 'online edits confirmed' });
    expect(await storedText(relay.persistence, 'notes')).toBe('a'.repeat(20));

    tab.network.set(false);
    text.insert(0, 'offline ');
    text.delete(8, 5); // a pure deletion: no state-vector change, still counted
    expect(room.pending()).toBe(2);
    tab.network.set(true);
    await waitFor(() => room.pending() === 0, { what: 'offline edits confirmed after reconnect' });
    expect(await storedText(relay.persistence, 'notes')).toBe(text.toString());
  });

  it('edits a relay crash swallowed stay pending, then confirm after the restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'relay.sqlite');
    let relay = await sqliteRelay(file);
    const port = relay.port;
    cleanup.push(() => relay.stop());
    relay.openRoom('notes');
    const tab = createMuxClient(relay.wsUrl, relay.token, { maxBackoffMs: 200 });
    cleanup.push(() => tab.destroy());
    const room = tab.open('notes');
    await waitFor(() => room.status().kind === 'synced');
    await relay.crash();
    room.doc.getText('t').insert(0, 'written while the relay is down');
    expect(room.pending()).toBe(1);
    relay = await sqliteRelay(file, port);
    await waitFor(() => room.pending() === 0, { what: 'confirmed by the restarted relay' });
    expect(await storedText(relay.persistence, 'notes')).toBe('written while the relay is down');
  });
});
