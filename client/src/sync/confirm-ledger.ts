/**
 * Bookkeeping that turns relay confirm frames into an honest "not yet on the relay"
 * count (PROTOCOL.md §Confirm). Pure: no DOM, no sockets, no timers.
 *
 * Every local transaction gets a sequence number (localSeq). Each data frame sent on a
 * connection records the highest sequence number h such that every local transaction
 * up to h is either already confirmed or travelled in a frame sent earlier on the
 * same connection. A confirm for `durableFrames = d` then proves that every local
 * transaction up to covers[d - 1] is durable.
 *
 * - The sync step 2 a client sends on connect carries everything the relay lacks, so
 *   it covers everything up to the current localSeq.
 * - An update frame carries one transaction. It only advances h when that transaction
 *   directly follows h; an update sent before this connection's step 2 after offline
 *   edits leaves h where it is, and the step 2 that follows closes the gap.
 * - Frame numbers restart at 0 per connection, so a new connection starts a new
 *   ledger connection with h = the confirmed watermark.
 */
export class ConfirmLedger {
  #localSeq: number;
  #confirmed = 0;
  /** Sequence number of the local transaction whose update event is being emitted. */
  #carrying: number | null = null;
  #connection: LedgerConnection | null = null;

  /** @param restoredPending pending count stored before a reload; treated as unconfirmed. */
  constructor(restoredPending = 0) {
    this.#localSeq = restoredPending;
  }

  get localSeq(): number {
    return this.#localSeq;
  }

  get confirmedSeq(): number {
    return this.#confirmed;
  }

  get pending(): number {
    return this.#localSeq - this.#confirmed;
  }

  /** Adds a pending count read back from storage after transactions may already have happened. */
  restore(storedPending: number): void {
    if (!Number.isSafeInteger(storedPending) || storedPending <= 0) return;
    this.#localSeq += storedPending;
  }

  /** Call from the doc's first 'update' listener for a local transaction. */
  localTransaction(): number {
    this.#localSeq += 1;
    this.#carrying = this.#localSeq;
    return this.#localSeq;
  }

  /** Call from the doc's first 'update' listener for a remote or storage transaction. */
  otherTransaction(): void {
    this.#carrying = null;
  }

  /** A new socket: frame numbering restarts and earlier connections can no longer confirm. */
  openConnection(): LedgerConnection {
    this.#connection = new LedgerConnection(this, this.#confirmed);
    return this.#connection;
  }

  /** @internal used by LedgerConnection */
  carrying(): number | null {
    return this.#carrying;
  }

  /** @internal used by LedgerConnection */
  advanceConfirmed(connection: LedgerConnection, seq: number): boolean {
    if (connection !== this.#connection || seq <= this.#confirmed) return false;
    this.#confirmed = Math.min(seq, this.#localSeq);
    return true;
  }
}

export type DataFrameKind = 'step2' | 'update';

/** The frames of one WebSocket connection, numbered from 0. */
export class LedgerConnection {
  readonly #ledger: ConfirmLedger;
  readonly #covers: number[] = [];
  #covered: number;
  #durable = 0;

  constructor(ledger: ConfirmLedger, confirmed: number) {
    this.#ledger = ledger;
    this.#covered = confirmed;
  }

  get sentFrames(): number {
    return this.#covers.length;
  }

  /** Record a data frame right after it was handed to the socket. */
  recordSent(kind: DataFrameKind): void {
    if (kind === 'step2') {
      this.#covered = this.#ledger.localSeq;
    } else {
      const seq = this.#ledger.carrying();
      if (seq !== null && seq === this.#covered + 1) this.#covered = seq;
    }
    this.#covers.push(this.#covered);
  }

  /**
   * Apply a confirm frame. Returns false when it changes nothing: a stale connection,
   * a count that went backwards, or a count beyond the frames sent (a relay bug).
   */
  confirm(durableFrames: number): boolean {
    if (durableFrames <= this.#durable || durableFrames > this.#covers.length) return false;
    this.#durable = durableFrames;
    const seq = this.#covers[durableFrames - 1];
    return seq !== undefined && this.#ledger.advanceConfirmed(this, seq);
  }
}
