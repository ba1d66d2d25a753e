import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client.js';
import { startPostgres } from './postgres-server.js';
import { startRedisServer } from './redis-server.js';
import { startScaledRelayProcess } from './relay-process.js';
import { seedDatabase } from './workspace-seed.js';

/**
 * Two relay processes on one fresh PostgreSQL database and one Redis, with a seeded
 * workspace: the scaled half of a test that runs the same scenario in both modes.
 * Every server started is pushed onto `cleanup` (stopped in reverse order by the caller).
 */
export async function startScaledPair(
  cleanup: (() => Promise<unknown>)[],
  prefix: string,
): Promise<{
  admin: ApiClient;
  urls: [string, string];
  databaseUrl: string;
  /** The owner's hour-long access token, for WebSocket clients. */
  token: string;
}> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
  cleanup.push(
    () => postgres.stop(),
    () => redis.stop(),
  );
  const databaseUrl = await postgres.createDatabase();
  const seeded = await seedDatabase(databaseUrl);
  await seeded.close();
  const filesDir = mkdtempSync(join(tmpdir(), prefix));
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const relay = await startScaledRelayProcess({ databaseUrl, redisUrl: redis.url, filesDir });
    cleanup.push(() => relay.stop());
    urls.push(relay.httpUrl);
  }
  const [first, second] = urls as [string, string];
  return {
    admin: new ApiClient(first, seeded.token),
    urls: [first, second],
    databaseUrl,
    token: seeded.token,
  };
}
