import type { Pool, PoolClient } from 'pg';

/**
 * How long one statement may go unanswered before the call fails (pg's client-side
 * `query_timeout`). A server cut off by the network answers nothing and TCP gives up
 * only after many minutes: without this an append would hang, confirm nothing and
 * close nothing, instead of failing so the relay answers 4503 [STORE1]. Every
 * statement the relay runs takes milliseconds; migrations set their own, longer one.
 */
export const QUERY_TIMEOUT_MS = 5_000;

/** How long to wait for a new connection (the same silence, at connect). */
export const CONNECT_TIMEOUT_MS = 5_000;

/** pg's error for a statement that outlived `query_timeout`: its connection is in an unknown state. */
export function isQueryTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

/**
 * Runs `work` in a transaction on one pooled connection: COMMIT when it resolves,
 * ROLLBACK when it throws. Resolves only after COMMIT returned. A connection lost
 * during COMMIT leaves the outcome unknown: the caller's retry must be harmless.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // pg listens for 'error' only on idle connections: one that dies while checked out,
  // between two statements, would be an uncaught exception. Here the next statement
  // fails instead, and the connection is dropped rather than handed out again.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // After a timeout the connection still waits on the unanswered statement: a
    // ROLLBACK would queue behind it for another timeout. Drop the connection; the
    // server rolls the transaction back when it notices.
    if (isQueryTimeout(error)) broken = error as Error;
    else
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
