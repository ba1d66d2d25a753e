import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { lockDataDir } from './data-dir-lock.js';
import type { IdentityStore } from './auth/identity/identity-store.js';
import { PostgresIdentityStore } from './auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from './auth/identity/sqlite/sqlite-identity-store.js';
import type { Bus } from './bus/bus.js';
import { LocalBus } from './bus/local-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { DiskBlobStore } from './files/blob-store.js';
import type { RateLimits } from './limits/rate-limits.js';
import { RedisRateLimits } from './limits/redis-rate-limits.js';
import type { Persistence } from './persistence/persistence.js';
import { PostgresPersistence } from './persistence/postgres/postgres-persistence.js';
import { SqlitePersistence } from './persistence/sqlite-persistence.js';
import { isSchemaVersionError } from './schema/schema-versions.js';

/** One dependency the relay cannot serve without, as `/readyz` reports it. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<void>;
}

/** Everything the relay keeps state in, opened for one of the two modes. */
export interface Stores {
  mode: 'embedded' | 'scaled';
  persistence: Persistence;
  identity: IdentityStore;
  bus: Bus;
  /** Shared sign-in, password-change and DING budgets; undefined: this relay's memory. */
  limits: RateLimits | undefined;
  blobs: DiskBlobStore;
  /** Where the stores live, for the start-up line (never a password). */
  describe: string;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

/** A start-up problem the operator must fix; main.ts prints it and exits 1. */
export class StoresConfigError extends Error {}

/**
 * The embedded mode: one relay, SQLite files and uploaded bytes in DATA_DIR, locked
 * against a second relay (data-dir-lock.ts). The scaled mode, chosen by
 * DATABASE_URL with REDIS_URL: any number of relays share PostgreSQL (documents,
 * feed, identity) and Redis (what crosses relays, PROTOCOL.md "Several relays");
 * DATA_DIR is then not locked, because several relays may share FILES_DIR in it.
 */
export async function openStores(config: Config, log: Logger): Promise<Stores> {
  const dataDir = resolve(config.DATA_DIR);
  const filesDir = resolve(config.FILES_DIR ?? join(dataDir, 'files'));
  if (!config.DATABASE_URL && !config.REDIS_URL) {
    mkdirSync(dataDir, { recursive: true });
    const lock = lockDataDir(dataDir);
    let persistence: SqlitePersistence | undefined;
    let identity: SqliteIdentityStore;
    try {
      persistence = new SqlitePersistence({
        file: join(dataDir, 'relay.sqlite'),
        synchronous: config.SQLITE_SYNCHRONOUS,
      });
      identity = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
    } catch (error) {
      await persistence?.close();
      lock.release();
      // A file newer than this relay, or a migration that failed: the operator's to
      // decide (run the newer relay, restore a backup), said in one line [UPGRADE3].
      if (isSchemaVersionError(error))
        throw new StoresConfigError(`could not open ${dataDir}: ${error.message}`);
      throw error;
    }
    return {
      mode: 'embedded',
      persistence,
      identity,
      bus: new LocalBus(),
      limits: undefined,
      blobs: new DiskBlobStore(filesDir),
      describe: `SQLite in ${dataDir}`,
      readiness: [],
      async close() {
        await persistence.close();
        await identity.close();
        lock.release();
      },
    };
  }
  // One without the other would run several relays that do not hear each other
  // (no Redis), or a Redis that carries nothing durable (no PostgreSQL).
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    throw new StoresConfigError(
      `set both DATABASE_URL and REDIS_URL to run several relays (${config.DATABASE_URL ? 'REDIS_URL' : 'DATABASE_URL'} is missing), or neither for one relay on SQLite`,
    );
  }
  const connection = {
    connectionString: config.DATABASE_URL,
    maxConnections: config.DATABASE_POOL,
  };
  const opened: { close(): Promise<void> }[] = [];
  try {
    const persistence = await PostgresPersistence.open(connection);
    opened.push(persistence);
    const identity = await PostgresIdentityStore.open(connection);
    opened.push(identity);
    const bus = await RedisBus.connect({
      url: config.REDIS_URL,
      log,
      failAfterMs: config.BUS_FAIL_MS,
    });
    opened.push(bus);
    const limits = await RedisRateLimits.connect({ url: config.REDIS_URL, log });
    opened.push(limits);
    mkdirSync(filesDir, { recursive: true });
    return {
      mode: 'scaled',
      persistence,
      identity,
      bus,
      limits,
      blobs: new DiskBlobStore(filesDir),
      describe: `PostgreSQL at ${redact(config.DATABASE_URL)}, Redis at ${redact(config.REDIS_URL)}, files in ${filesDir}`,
      readiness: [
        { name: 'postgresql', check: () => persistence.feed().then(() => undefined) },
        {
          name: 'redis',
          check: () =>
            bus.healthy() ? Promise.resolve() : Promise.reject(new Error('bus not heard')),
        },
      ],
      async close() {
        await limits.close();
        await bus.close();
        await identity.close();
        await persistence.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(opened.map((store) => store.close()));
    throw new StoresConfigError(
      `could not open the shared stores (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** A connection URL without its password, for logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
