/**
 * The identity store on PostgreSQL, shared by several relays: one database holds the
 * workspace, people, sessions, invites, groups, rooms and their rules for all of them.
 *
 * Concurrency: every transaction, and every statement outside one, runs SERIALIZABLE,
 * and a transaction that PostgreSQL aborts as a serialization failure (or a deadlock)
 * is run again from the start. That is what SQLite gives the same code through its
 * one write lock: each transaction behaves as if it ran alone. The callers' checks
 * ("no workspace yet", "the invite still has a use", "no group has this name", "the
 * email is free") are ordinary reads inside `work`; whoever loses a race is aborted,
 * re-runs `work`, now sees the winner's commit and fails with the same error it would
 * get on SQLite (a 409, a 410), not a constraint violation. The unique constraints
 * stay as the last line. Row locks (SELECT ... FOR UPDATE) were the other choice:
 * they cannot lock a row that does not exist yet (the workspace, a group name, an
 * email), and every method would have to know whether it is the "check" of a
 * check-then-write. The price is that `work` may run more than once, which the
 * interface allows: it only does store calls and quick computation.
 *
 * Read-only transactions (the access snapshot) take no locks that block writers and
 * see one consistent state; bumpEpoch updates one counter row in place, so it
 * commits or rolls back with the change it counts.
 */
import { PostgresApprovals } from './postgres-approvals.js';
import { PostgresCalendarInvites } from './postgres-calendar-invites.js';
import { PostgresAvailability } from './postgres-availability.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { migrate } from '../../../postgres/migrations.js';
import { relayPool, whenReady, type PostgresOptions } from '../../../postgres/pool.js';
import { isQueryTimeout } from '../../../postgres/transaction.js';
import type { IdentityParts, IdentityStore } from '../identity-store.js';
import { PostgresAudit } from './postgres-audit.js';
import { PostgresFavourites } from './postgres-favourites.js';
import { PostgresCalendarFeeds } from './postgres-calendar-feeds.js';
import { PostgresFiles } from './postgres-files.js';
import { PostgresGroups } from './postgres-groups.js';
import { PostgresInvites } from './postgres-invites.js';
import { PostgresNotifications } from './postgres-notifications.js';
import { PostgresPeople } from './postgres-people.js';
import { PostgresRetention } from './postgres-retention.js';
import { PostgresRooms } from './postgres-rooms.js';
import { PostgresSessions } from './postgres-sessions.js';
import { PostgresOrg } from './postgres-org.js';
import { PostgresSso } from './postgres-sso.js';
import { PostgresWorkspace } from './postgres-workspace.js';
import { IDENTITY, identityMigrations } from './schema.js';
import type { Sql } from './sql.js';

export type PostgresIdentityOptions = PostgresOptions;

/**
 * Runs of one transaction before its serialization failure is reported to the caller.
 * Every access change updates the epoch row, so n of them at once take up to n runs
 * for the last: this allows a few dozen at once, far beyond what people do.
 */
const MAX_ATTEMPTS = 30;

/** serialization_failure, deadlock_detected: the transaction may succeed if run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Timestamps, sizes, seqs and the epoch are bigint: read them as numbers, like SQLite
 * rows, and refuse one that a number cannot hold exactly rather than round it.
 * Per pool, not pg's global parser, which the document store reads as strings.
 */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is beyond 2^53`);
  return n;
});

function parts(sql: Sql): IdentityParts {
  return {
    workspace: new PostgresWorkspace(sql),
    people: new PostgresPeople(sql),
    sessions: new PostgresSessions(sql),
    invites: new PostgresInvites(sql),
    groups: new PostgresGroups(sql),
    rooms: new PostgresRooms(sql),
    retention: new PostgresRetention(sql),
    favourites: new PostgresFavourites(sql),
    files: new PostgresFiles(sql),
    notifications: new PostgresNotifications(sql),
    audit: new PostgresAudit(sql),
    sso: new PostgresSso(sql),
    org: new PostgresOrg(sql),
    approvals: new PostgresApprovals(sql),
    calendarInvites: new PostgresCalendarInvites(sql),
    availability: new PostgresAvailability(sql),
    calendarFeeds: new PostgresCalendarFeeds(sql),
  };
}

export class PostgresIdentityStore implements IdentityStore {
  private readonly pool: Pool;
  /** Settles when the schema is migrated; every call waits for it. */
  private readonly ready: Promise<unknown>;
  private closing: Promise<void> | null = null;
  /** Set while this store's transaction runs `work`, to catch calls that bypass its handle. */
  private readonly inside = new AsyncLocalStorage<{
    store: PostgresIdentityStore;
    open: boolean;
  }>();
  readonly workspace;
  readonly people;
  readonly sessions;
  readonly invites;
  readonly groups;
  readonly rooms;
  readonly retention;
  readonly favourites;
  readonly files;
  readonly notifications;
  readonly audit;
  readonly sso;
  readonly org;
  readonly approvals;
  readonly calendarInvites;
  readonly availability;
  readonly calendarFeeds;

  /** Opens the store and waits for its schema, so a bad database fails the start. */
  static open(options: PostgresIdentityOptions): Promise<PostgresIdentityStore> {
    const store = new PostgresIdentityStore(options);
    return whenReady(store, store.ready);
  }

  constructor(options: PostgresIdentityOptions) {
    this.pool = relayPool(options, {
      application_name: 'relay-identity',
      types,
      // Statements outside a transaction are serializable too, so that they are
      // ordered with the transactions of every relay (see the top of this file).
      options: '-c default_transaction_isolation=serializable',
    });
    this.ready = migrate(this.pool, IDENTITY, identityMigrations);
    // Reported to whoever calls first, not as an unhandled rejection.
    this.ready.catch(() => {});
    const outside = parts({
      rows: (text, values) => this.outsideRows(text, values),
      atomic: (work) => this.run(work),
    });
    this.workspace = outside.workspace;
    this.people = outside.people;
    this.sessions = outside.sessions;
    this.invites = outside.invites;
    this.groups = outside.groups;
    this.rooms = outside.rooms;
    this.retention = outside.retention;
    this.favourites = outside.favourites;
    this.files = outside.files;
    this.notifications = outside.notifications;
    this.audit = outside.audit;
    this.sso = outside.sso;
    this.org = outside.org;
    this.approvals = outside.approvals;
    this.calendarInvites = outside.calendarInvites;
    this.availability = outside.availability;
    this.calendarFeeds = outside.calendarFeeds;
  }

  transaction<T>(work: (tx: IdentityStore) => Promise<T>): Promise<T> {
    return this.run((sql) => {
      const handle: IdentityStore = {
        ...parts(sql),
        transaction: (inner) => inner(handle),
        close: () =>
          Promise.reject(new Error('the identity store cannot close inside a transaction')),
      };
      return work(handle);
    });
  }

  close(): Promise<void> {
    this.closing ??= this.ready.then(
      () => this.pool.end(),
      () => this.pool.end(),
    );
    return this.closing;
  }

  /** One statement on the pool: a transaction of its own, run again if it lost a race. */
  private async outsideRows<R>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    this.refuseInside();
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.pool.query<R & pg.QueryResultRow>(text, [...values])).rows;
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  /** Runs `work` in a serializable transaction on one pooled client, again after a lost race. */
  private async run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    this.refuseInside();
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(work);
      if (outcome.ok) return outcome.value;
      if (!outcome.retry || attempt >= MAX_ATTEMPTS) throw outcome.error;
      await backOff(attempt);
    }
  }

  private async attempt<T>(
    work: (sql: Sql) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown; retry: boolean }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost between two statements is reported here, not thrown as an
    // uncaught 'error' event; the next statement then fails.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const tx = new TransactionSql(client);
    const context = { store: this, open: true };
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const value = await this.inside.run(context, () => work(tx));
      context.open = false;
      tx.end();
      await client.query('COMMIT');
      return { ok: true, value };
    } catch (error) {
      context.open = false;
      tx.end();
      // A timed-out statement is still owed an answer: a ROLLBACK would wait behind it.
      if (isQueryTimeout(error)) broken = asError(error);
      else
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          // The connection is unusable: the pool must not hand it out again.
          broken = asError(rollbackError);
        });
      // `work` may have turned the failure of one of its statements into an error of
      // its own: what counts is whether PostgreSQL aborted the transaction for a race.
      return { ok: false, error, retry: tx.conflicted || isRetryable(error) };
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * The store itself (not the transaction's handle) used inside the transaction's
   * work would run on another connection, outside the transaction, and could wait
   * for the transaction's own locks: say so instead.
   */
  private refuseInside(): void {
    const context = this.inside.getStore();
    if (context?.store === this && context.open)
      throw new Error('identity store used directly inside a transaction: use its handle');
  }
}

/** The statements of one open transaction, all on its client. */
class TransactionSql implements Sql {
  /** A statement failed because of a race: the whole transaction is to be run again. */
  conflicted = false;
  private ended = false;

  constructor(private readonly client: PoolClient) {}

  async rows<R>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    if (this.ended) throw new Error('identity transaction handle used after its transaction ended');
    try {
      return (await this.client.query<R & pg.QueryResultRow>(text, [...values])).rows;
    } catch (error) {
      if (isRetryable(error)) this.conflicted = true;
      throw error;
    }
  }

  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }

  end(): void {
    this.ended = true;
  }
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/** A short random pause, longer after each lost race, so that racers stop meeting. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
