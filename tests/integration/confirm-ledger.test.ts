import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConfirmLedger } from '../../client/src/sync/confirm-ledger.js';
import {
  isTrackedWebSocket,
  trackedWebSocketClass,
} from '../../client/src/sync/tracked-websocket.js';
import { readConfirmBody } from '../../shared/protocol/confirm.js';
import { MessageType } from '../../shared/protocol/message-types.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { storedText } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

/**
 * The client's confirm bookkeeping wired as client/src/sync/room-sync.ts wires it
 * (minus IndexedDB), on Node's `ws`, against the real relay: the ledger's pending
 * count must reach 0 exactly when the relay has stored every local edit.
 */
function ledgerClient(relay: TestRelay, room: string) {
  const doc = new Y.Doc();
  const ledger = new ConfirmLedger();
  let provider: WebsocketProvider | null = null;
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) ledger.otherTransaction();
    else ledger.localTransaction();
  });
  relay.openRoom(room);
  provider = new WebsocketProvider(relay.wsUrl, room, doc, {
    params: { confirm: '1', token: relay.token },
    WebSocketPolyfill: trackedWebSocketClass(
      ledger,
      WebSocket as unknown as typeof globalThis.WebSocket,
    ),
    disableBc: true,
    maxBackoffTime: 100,
  });
  provider.messageHandlers[MessageType.confirm] = (_e, decoder: decoding.Decoder, from) => {
    const { durableFrames } = readConfirmBody(decoder);
    if (isTrackedWebSocket(from.ws)) from.ws.ledgerConnection.confirm(durableFrames);
  };
  const p = provider;
  cleanup.push(() => {
    p.destroy();
    doc.destroy();
  });
  return { doc, ledger, provider: p };
}

describe('[CONFIRM1] the client ledger against the real relay', () => {
  it('counts edits as pending until stored, across offline edits and reconnects', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'relay.sqlite');
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file }),
      identityFile: `${file}.identity`,
    });
    cleanup.push(() => relay.stop());
    const { doc, ledger, provider } = ledgerClient(relay, 'notes');
    const text = doc.getText('t');
    await waitFor(() => provider.synced);

    for (let i = 0; i < 20; i++) text.insert(i, 'a');
    expect(ledger.pending).toBeGreaterThan(0);
    await waitFor(() => ledger.pending === 0, { what: 'online edits confirmed' });
    expect(await storedText(relay.persistence, 'notes')).toBe('a'.repeat(20));

    provider.disconnect();
    text.insert(0, 'offline ');
    text.delete(8, 5); // a pure deletion: no state-vector change, still counted
    expect(ledger.pending).toBe(2);
    provider.connect();
    await waitFor(() => ledger.pending === 0, { what: 'offline edits confirmed after reconnect' });
    expect(await storedText(relay.persistence, 'notes')).toBe(text.toString());
  });

  it('edits a relay crash swallowed stay pending, then confirm after the restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'relay.sqlite');
    let relay = await startTestRelay({
      persistence: new SqlitePersistence({ file }),
      identityFile: `${file}.identity`,
    });
    const port = relay.port;
    cleanup.push(() => relay.stop());
    const { doc, ledger, provider } = ledgerClient(relay, 'notes');
    await waitFor(() => provider.synced);
    await relay.crash();
    doc.getText('t').insert(0, 'written while the relay is down');
    expect(ledger.pending).toBe(1);
    relay = await startTestRelay({
      persistence: new SqlitePersistence({ file }),
      identityFile: `${file}.identity`,
      port,
    });
    await waitFor(() => ledger.pending === 0, { what: 'confirmed by the restarted relay' });
    expect(await storedText(relay.persistence, 'notes')).toBe('written while the relay is down');
  });
});
