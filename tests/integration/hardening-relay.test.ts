/**
 * Attacks on a real relay process, as an outsider would make them: a request
 * target that used to end the process [BAD8], and a room whose stored state cannot
 * be loaded, which is quarantined and repaired with the operator tools [ISO3].
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { admin } from '../support/admin-cli.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { nestedMaps } from '../support/hostile-updates.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

async function started(env: Record<string, string> = {}): Promise<RelayProcess> {
  const relay = await startRelayProcess(env);
  cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
  return relay;
}

/** Sends raw bytes to the relay's port and resolves with the first line it answers. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

const upgrade = (target: string) =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

async function healthy(relay: RelayProcess): Promise<Record<string, unknown>> {
  const response = await fetch(`${relay.httpUrl}/healthz`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('no request target can crash the relay [BAD8]', () => {
  it('[BAD8] anonymous upgrades with targets that are not plain paths get 400 and the relay keeps serving', async () => {
    const relay = await started();
    for (const target of ['//a:b/x', '//a/sync/x', 'http://a:b/x', '*', '//', 'sync/x']) {
      const status = await rawRequest(relay.port, upgrade(target));
      expect.soft(status, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    // A plain path still reaches the routes: no token, no upgrade.
    expect(await rawRequest(relay.port, upgrade('/sync/room'))).toMatch(/^HTTP\/1\.1 401 /);
    expect(relay.child.exitCode).toBeNull();
    await healthy(relay);
    const client = relay.client('after-attack');
    cleanup.push(() => client.destroy());
    await client.synced();
  });
});

describe('a room whose stored state is damaged is quarantined, not fatal [ISO3]', () => {
  it('[ISO3] refused with 4504, counted by /healthz, listed, exported and repaired by the operator tools', async () => {
    const relay = await started();
    const healthyClient = relay.client('healthy');
    const honest = new Y.Doc();
    honest.getText('t').insert(0, 'written before the attack');
    // Stored without admission, as a relay before this rule could have stored it.
    const { build, deleteOuter } = nestedMaps(4000);
    const poisoned = relay.client('poisoned', { connect: false });
    poisoned.destroy();
    await relay.stop();
    const store = new SqlitePersistence({ file: join(relay.dataDir, 'relay.sqlite') });
    const updates = [Y.encodeStateAsUpdate(honest), build, deleteOuter];
    await store.append(updates.map((update) => ({ room: 'poisoned', update })));
    await store.close();
    healthyClient.destroy();

    const again = await started({ DATA_DIR: relay.dataDir });
    const victim = again.client('poisoned');
    cleanup.push(() => victim.destroy());
    const closes: number[] = [];
    victim.provider.on('connection-close', (e) => void (e && closes.push(e.code)));
    await waitFor(() => closes.length > 0, { what: 'quarantine close' });
    expect(closes[0]).toBe(CloseCode.roomQuarantined);
    victim.provider.disconnect();
    expect(await healthy(again)).toMatchObject({ ok: true, quarantined: 1 });
    const other = again.client('healthy');
    cleanup.push(() => other.destroy());
    await other.synced();

    const listed = await admin(again.dataDir, 'rooms');
    expect(listed.stdout).toMatch(/^poisoned\t\d{4}-.*Maximum call stack size exceeded/m);
    const file = join(again.dataDir, 'poisoned-export.json');
    await admin(again.dataDir, 'room-export', 'poisoned', file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { updates: string[] };
    expect(exported.updates.map((u) => Buffer.from(u, 'base64'))).toEqual(
      updates.map((u) => Buffer.from(u)),
    );

    const repaired = await admin(again.dataDir, 'room-repair', 'poisoned');
    expect(repaired.stdout).toContain('left out update 2: [ADMIT1]');
    expect(await healthy(again)).toMatchObject({ quarantined: 0 });
    const reader = again.client('poisoned');
    cleanup.push(() => reader.destroy());
    await reader.synced();
    expect(reader.doc.getText('t').toString()).toBe('written before the attack');
  });
});
