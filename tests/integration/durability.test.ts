import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TestClient } from '../support/test-client.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

async function relay(env: Record<string, string>): Promise<RelayProcess> {
  const p = await startRelayProcess(env);
  cleanup.push(() => (p.child.exitCode === null ? p.kill() : undefined));
  return p;
}

function client(p: RelayProcess, room: string, confirm = false): TestClient {
  const c = p.client(room, { confirm });
  cleanup.push(() => c.destroy());
  return c;
}

describe('durability of the relay process', () => {
  it('[PERSIST2] kill -9 after confirmation, then restart, loses nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kill9-'));
    const first = await relay({ DATA_DIR: dataDir });
    const writers = [client(first, 'doc-1', true), client(first, 'doc-2', true)];
    await Promise.all(writers.map((w) => w.synced()));
    // Many small updates from two rooms at once, so that group commits batch them.
    for (let i = 0; i < 300; i++) {
      for (const w of writers) w.doc.getText('t').insert(i, String(i % 10));
    }
    await Promise.all(writers.map((w) => w.allConfirmed()));
    const expected = writers.map((w) => w.doc.getText('t').toString());
    for (const w of writers) w.provider.disconnect();
    await first.kill();

    const second = await relay({ DATA_DIR: dataDir });
    const readers = ['doc-1', 'doc-2'].map((room) => client(second, room));
    await Promise.all(readers.map((r) => r.synced()));
    expect(readers.map((r) => r.doc.getText('t').toString())).toEqual(expected);
  });

  it('SIGTERM stores queued updates, closes connections with 1001 and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    const first = await relay({ DATA_DIR: dataDir });
    const writer = client(first, 'doc', true);
    await writer.synced();
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    writer.doc.getText('t').insert(0, 'last words');
    await writer.allConfirmed();
    writer.doc.getText('t').insert(0, '> ');
    expect(await first.stop()).toBe(0);
    await waitFor(() => closes.length > 0);
    expect(closes[0]).toBe(1001);
    writer.provider.disconnect();

    const second = await relay({ DATA_DIR: dataDir });
    const reader = client(second, 'doc');
    await reader.synced();
    // "> " may or may not have reached the relay before SIGTERM; confirmed text must be there.
    expect(reader.doc.getText('t').toString()).toMatch(/^(> )?last words$/);
  });

  it('/healthz reports version, loaded rooms and connections', async () => {
    const p = await relay({ DATA_DIR: mkdtempSync(join(tmpdir(), 'health-')) });
    const c = client(p, 'one');
    await c.synced();
    const health = (await (await fetch(`${p.httpUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      ok: true,
      version: '0.1.0',
      protocol: 1,
      rooms: 1,
      connections: 1,
    });
  });
});
