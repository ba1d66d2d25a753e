import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { metricValue, scrapeMetrics } from '../support/prometheus-text.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startScaledRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';
import { seedDatabase } from '../support/workspace-seed.js';

const cleanup = cleanupAfterEach();
let postgres: PostgresServer;
let redis: RedisServer;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
});
afterAll(async () => {
  await Promise.all([postgres.stop(), redis.stop()]);
});

describe('/metrics of a relay in the scaled mode', () => {
  it('[METRIC9][METRIC2] reports the bus and the stores as it finds them at scrape time, and counts commits to PostgreSQL', async () => {
    const url = await postgres.createDatabase();
    const seeded = await seedDatabase(url);
    cleanup.push(() => seeded.close());
    const relay = await startScaledRelayProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      filesDir: mkdtempSync(join(tmpdir(), 'files-')),
      env: { BUS_FAIL_MS: '500' },
    });
    cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));

    const up = await scrapeMetrics(relay.httpUrl);
    expect(metricValue(up, 'relay_bus_healthy')).toBe(1);
    expect(metricValue(up, 'relay_store_up', { store: 'postgresql' })).toBe(1);
    expect(metricValue(up, 'relay_store_up', { store: 'redis' })).toBe(1);

    await seeded.openRoom('scaled-metrics');
    const client = createTestClient(relay.wsUrl, 'scaled-metrics', {
      token: seeded.token,
      confirm: true,
    });
    cleanup.push(() => client.destroy());
    await client.synced();
    client.doc.getText('t').insert(0, 'stored in PostgreSQL');
    await client.allConfirmed();
    const synced = await scrapeMetrics(relay.httpUrl);
    expect(metricValue(synced, 'relay_group_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(metricValue(synced, 'relay_connections', { protocol: 'v1' })).toBe(1);

    // Redis gone: the relay fails closed [SCALE5], and the scrape says why.
    await redis.kill();
    cleanup.push(() => redis.restart());
    const down = await waitFor(
      async () => {
        const now = await scrapeMetrics(relay.httpUrl);
        return metricValue(now, 'relay_bus_healthy') === 0 ? now : null;
      },
      { what: 'relay_bus_healthy to drop to 0' },
    );
    expect(metricValue(down, 'relay_store_up', { store: 'redis' })).toBe(0);
    expect(metricValue(down, 'relay_store_up', { store: 'postgresql' })).toBe(1);
    expect(metricValue(down, 'relay_closes_total', { code: '4503' })).toBeGreaterThanOrEqual(1);
  });
});
