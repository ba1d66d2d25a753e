import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Serialises one SQLite connection between async transactions and everything
 * else. better-sqlite3's own transactions cannot span an await, so a transaction
 * here is BEGIN IMMEDIATE ... COMMIT around async work; while one is open, every
 * other call of the process waits until it ends, or it would run inside it.
 * Statements themselves run synchronously, so a call made while no transaction
 * is open runs at once.
 */
export class Gate {
  /** Resolves when the open transaction ends; null when none is open. */
  private open: Promise<void> | null = null;
  private readonly inside = new AsyncLocalStorage<Gate>();

  /** Runs `statement` once no transaction is open. */
  run<T>(statement: () => T): Promise<T> {
    if (!this.open) return attempt(statement);
    // The store itself (not the transaction's handle) called from inside the
    // transaction's work would wait for its own end: say so instead of hanging.
    if (this.inside.getStore() === this)
      return Promise.reject(
        new Error('identity store used directly inside a transaction: use its handle'),
      );
    return this.open.then(() => this.run(statement));
  }

  /** Runs `work` alone: no other call of the process runs until it settles. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    // The store's own transaction() inside its transaction's work would wait for itself.
    if (this.open && this.inside.getStore() === this)
      throw new Error('identity store used directly inside a transaction: use its handle');
    // Checked and taken in one synchronous step, so two waiters cannot both get in.
    while (this.open) await this.open;
    let release = () => {};
    this.open = new Promise<void>((resolve) => (release = resolve));
    try {
      return await this.inside.run(this, work);
    } finally {
      this.open = null;
      release();
    }
  }
}

/** Runs a statement directly (inside the transaction that holds the gate). */
export function direct<T>(statement: () => T): Promise<T> {
  return attempt(statement);
}

function attempt<T>(statement: () => T): Promise<T> {
  try {
    return Promise.resolve(statement());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** How a concept's statements run: through the gate, or directly inside a transaction. */
export type Exec = <T>(statement: () => T) => Promise<T>;
