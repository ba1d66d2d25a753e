import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../sync-server/src/logger.js';
import { MemoryRateLimits } from '../../sync-server/src/limits/memory-rate-limits.js';
import { RedisRateLimits } from '../../sync-server/src/limits/redis-rate-limits.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { waitFor } from '../support/wait-for.js';
import { rateLimitsContract } from './rate-limits.contract.js';

const cleanup = cleanupAfterEach();
let redis: RedisServer;
let inspector: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  inspector = new Redis(redis.url);
});
afterAll(async () => {
  inspector?.disconnect();
  await redis?.stop();
});

rateLimitsContract('memory', () => {
  const limits = new MemoryRateLimits();
  return Promise.resolve({ limits, held: () => Promise.resolve(limits.size) });
});

/** A store on the shared redis-server under a prefix of its own, so cases do not meet. */
async function openRedis(options: { ttlMarginMs?: number } = {}) {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const limits = await RedisRateLimits.connect({
    url: redis.url,
    log: silentLogger,
    prefix,
    ttlMarginMs: options.ttlMarginMs ?? 0,
  });
  cleanup.push(() => limits.close());
  return { limits, prefix, held: async () => (await inspector.keys(`${prefix}:*`)).length };
}

rateLimitsContract('Redis', () => openRedis());

describe('RedisRateLimits', () => {
  it('[LIMIT1] every key carries a TTL no longer than until its state is worthless', async () => {
    const { limits } = await openRedis({ ttlMarginMs: 60_000 });
    const now = Date.now();
    await limits.take([{ key: 'k', shape: { perMinute: 1, burst: 5 } }], now);
    await limits.admit('w', { max: 3, windowMs: 600_000 }, now);
    // One token short of full: a minute, plus the margin for clock skew.
    const bucketTtl = await inspector.pttl(limits.bucketKey('k'));
    expect(bucketTtl).toBeGreaterThan(60_000);
    expect(bucketTtl).toBeLessThanOrEqual(120_000);
    const windowTtl = await inspector.pttl(limits.windowKey('w'));
    expect(windowTtl).toBeGreaterThan(600_000);
    expect(windowTtl).toBeLessThanOrEqual(660_000);
  });

  it('[LIMIT2] rejects while Redis is down, and counts again once it is back', async () => {
    const { limits } = await openRedis();
    const b = { key: 'outage', shape: { perMinute: 1, burst: 2 } };
    expect((await limits.take([b], Date.now())).ok).toBe(true);
    await redis.kill();
    await expect(limits.take([b], Date.now())).rejects.toThrow();
    await expect(limits.admit('outage', { max: 3, windowMs: 1000 }, Date.now())).rejects.toThrow();
    await expect(limits.giveBack([b], Date.now())).rejects.toThrow();
    await redis.restart();
    // The restarted Redis is empty and has no scripts loaded: EVALSHA falls back to EVAL.
    await waitFor(async () => (await limits.take([b], Date.now()).catch(() => null))?.ok, {
      what: 'the rate-limit store to answer again',
    });
    expect(await limits.take([b], Date.now())).toMatchObject({ ok: true });
    expect(await limits.take([b], Date.now())).toMatchObject({ ok: false });
  });

  it('[LIMIT2] a relay does not start its limits on a Redis it cannot reach', async () => {
    await expect(
      RedisRateLimits.connect({ url: 'redis://127.0.0.1:1', log: silentLogger }),
    ).rejects.toThrow(/cannot reach Redis/);
  });
});
