import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminOnScaled } from '../support/admin-cli.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { SEEDED_COUNTS, seedExportWorkspace } from '../support/export-seed.js';
import { unpackExport } from '../support/export-zip-reader.js';
import { startPostgres } from '../support/postgres-server.js';
import { startRedisServer } from '../support/redis-server.js';
import { startScaledRelayProcess } from '../support/relay-process.js';
import { seedDatabase } from '../support/workspace-seed.js';

const cleanup = cleanupAfterEach();

describe('export in the scaled mode', () => {
  it('[EXPORT1] [EXPORT9] two relays on PostgreSQL and Redis export the same counts over HTTP and from the CLI', async () => {
    const postgres = await startPostgres();
    cleanup.push(() => postgres.stop());
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const seeded = await seedDatabase(postgres.url);
    cleanup.push(() => seeded.close());
    const filesDir = mkdtempSync(join(tmpdir(), 'files-'));
    const relays = [];
    for (let i = 0; i < 2; i++) {
      const relay = await startScaledRelayProcess({
        databaseUrl: postgres.url,
        redisUrl: redis.url,
        filesDir,
      });
      cleanup.push(() => relay.stop());
      relays.push(relay);
    }
    const [first, second] = relays as [(typeof relays)[0], (typeof relays)[0]];
    // Written through one relay, exported through the other: it reads the shared stores.
    const seed = await seedExportWorkspace(first);
    cleanup.push(() => seed.close());
    const response = await fetch(`${second.httpUrl}/api/admin/export`, {
      headers: { cookie: seed.owner.api.sessionCookie ?? '' },
    });
    expect(response.status).toBe(200);
    const zip = unpackExport(new Uint8Array(await response.arrayBuffer()));
    expect(zip.manifest.counts).toEqual(SEEDED_COUNTS);
    expect(zip.corrupt()).toEqual([]);

    const file = join(filesDir, '..', `export-${Date.now()}.zip`);
    await adminOnScaled(postgres.url, filesDir, 'export', file);
    const cli = unpackExport(new Uint8Array(readFileSync(file)));
    expect(cli.manifest.counts).toEqual(SEEDED_COUNTS);
    expect(cli.text('docs/Handbook.md')).toBe(zip.text('docs/Handbook.md'));
  });
});
