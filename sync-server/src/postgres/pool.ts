import pg from 'pg';
import type { Pool } from 'pg';
import { CONNECT_TIMEOUT_MS, QUERY_TIMEOUT_MS } from './transaction.js';

/** How a relay store reaches PostgreSQL (the document store and the identity store alike). */
export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Connections in this relay's pool (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection before failing the call (default 5 s). */
  connectTimeoutMs?: number;
  /** How long one statement may go unanswered before the call fails (default 5 s). */
  queryTimeoutMs?: number;
}

/**
 * A pool with the settings every store of the relay needs: a server that went silent
 * fails the call instead of hanging it [STORE1]; a transaction left open by a relay
 * cut off from the server is aborted by the server after 2 s (our transactions idle
 * between statements for milliseconds only; one left open would hold its rows, the
 * feed row or the access epoch row every other relay needs, until TCP gave up,
 * hours later; 2 s is well before the other relays' waiting statements time out);
 * an idle connection dropped by a server restart is discarded, and the next call
 * that needs the server reports the failure.
 */
export function relayPool(
  options: PostgresOptions,
  extra: Pick<pg.PoolConfig, 'application_name' | 'types' | 'options'>,
): Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
    keepAlive: true,
    idle_in_transaction_session_timeout: 2_000,
    ...extra,
  });
  pool.on('error', () => {});
  return pool;
}

/** Waits until a store's schema is migrated; a store that cannot get there is closed and the error thrown, so a bad database fails the start. */
export async function whenReady<T extends { close(): Promise<void> }>(
  store: T,
  ready: Promise<unknown>,
): Promise<T> {
  try {
    await ready;
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
