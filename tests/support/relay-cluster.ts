import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bus } from '../../sync-server/src/bus/bus.js';
import { RedisBus } from '../../sync-server/src/bus/redis-bus.js';
import { RedisRateLimits } from '../../sync-server/src/limits/redis-rate-limits.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { startTestRelay, type TestRelay, type TestRelayOptions } from './test-relay.js';

export interface RelayCluster {
  redis: RedisServer;
  relays: TestRelay[];
  /** relay.sqlite, shared by every relay (one connection each). */
  file: string;
  /**
   * How often the relays read a room's missing updates from the store (readSince):
   * never, while every update reaches every relay through the bus [SCALE3].
   */
  repairReads(): number;
  stop(): Promise<void>;
}

/** The real SQLite store, counting the reads a relay makes to repair a room. */
class CountedPersistence extends SqlitePersistence {
  static reads = 0;
  override readSince(room: string, afterSeq: number) {
    CountedPersistence.reads += 1;
    return super.readSince(room, afterSeq);
  }
}

export interface ClusterOptions {
  config?: TestRelayOptions['config'];
  /** Wraps a relay's bus (e.g. to drop its publications); index is the relay's. */
  wrapBus?: (bus: Bus, index: number) => Bus;
  failAfterMs?: number;
  gapGraceMs?: number;
  /**
   * Keep sign-in, password-change and DING limits in the cluster's Redis, one budget
   * for all relays [LIMIT1] (the scaled-out wiring); default: each relay in memory.
   */
  sharedLimits?: boolean;
}

/**
 * `count` relays in this process, each on its own port with its own connections to
 * one relay.sqlite and one identity.sqlite, and one real redis-server between them:
 * the scaled-out wiring, with SQLite standing in for the shared database.
 */
export async function startRelayCluster(
  count: number,
  options: ClusterOptions = {},
): Promise<RelayCluster> {
  const redis = await startRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'cluster-'));
  const file = join(dir, 'relay.sqlite');
  const identityFile = join(dir, 'identity.sqlite');
  const relays: TestRelay[] = [];
  const readsBefore = CountedPersistence.reads;
  const stop = async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    await redis.stop();
  };
  try {
    for (let index = 0; index < count; index++) {
      const bus = await RedisBus.connect({
        url: redis.url,
        log: silentLogger,
        failAfterMs: options.failAfterMs ?? 1_500,
        blockMs: 200,
      });
      relays.push(
        await startTestRelay({
          persistence: new CountedPersistence({ file }),
          identityFile,
          bus: options.wrapBus ? options.wrapBus(bus, index) : bus,
          gapGraceMs: options.gapGraceMs ?? 300,
          ...(options.config && { config: options.config }),
          ...(options.sharedLimits && {
            limits: await RedisRateLimits.connect({ url: redis.url, log: silentLogger }),
          }),
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { redis, relays, file, repairReads: () => CountedPersistence.reads - readsBefore, stop };
}
