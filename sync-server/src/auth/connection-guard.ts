import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import type { Clock } from '../clock.js';
import type { Peer } from '../rooms/peer.js';
import type { Relay, Session } from '../rooms/relay.js';
import type { IdentityStore } from './identity-store.js';
import type { RoomDirectory } from './room-directory.js';

/** One authorized WebSocket, as the guard tracks it. */
export interface GuardedConnection {
  userId: string;
  /** The session the token came from; null for operator-minted tokens. */
  sessionHash: string | null;
  roomId: string;
  peer: Peer;
  session: Session;
}

/** How often the guard looks for changes other processes (the CLI) made. */
export const EPOCH_POLL_MS = 200;

export type Verdict = { kind: 'keep'; writable: boolean } | { kind: 'close'; code: CloseCode };

/**
 * Re-decides every open connection whenever access may have changed: right away
 * for changes made through this relay's API, and within EPOCH_POLL_MS for changes
 * the operator command line wrote to the same database. A connection that lost
 * read access is closed before anything else is sent to it [AUTH4].
 */
export class ConnectionGuard {
  private readonly connections = new Set<GuardedConnection>();
  private epoch: number;
  private stopPolling: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: IdentityStore,
    private readonly directory: RoomDirectory,
    private readonly relay: Relay,
    private readonly clock: Clock,
  ) {
    this.epoch = store.epoch();
  }

  /** Starts watching the access epoch; stop with stop(). */
  start(): void {
    const tick = () => {
      try {
        const epoch = this.store.epoch();
        if (epoch !== this.epoch) this.recheck();
      } catch {
        // The database is closing (shutdown); nothing left to guard.
        return;
      }
      this.stopPolling = this.clock.setTimeout(tick, EPOCH_POLL_MS);
    };
    this.stopPolling = this.clock.setTimeout(tick, EPOCH_POLL_MS);
  }

  stop(): void {
    this.stopPolling?.();
    this.stopPolling = null;
  }

  /** Tracks a connection, deciding it again now: access may have changed since the upgrade check. */
  add(connection: GuardedConnection): () => void {
    this.connections.add(connection);
    this.apply(connection);
    return () => this.connections.delete(connection);
  }

  get size(): number {
    return this.connections.size;
  }

  /**
   * Calls `listener` after every recheck (access may have changed: through the API,
   * or the epoch moved), once the connections that lost access are closed.
   */
  onRecheck(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Rechecks now if another process (the CLI) changed access since the last look, so
   * that what is sent next is decided on current rules, not up to EPOCH_POLL_MS old.
   */
  sync(): void {
    if (this.store.epoch() !== this.epoch) this.recheck();
  }

  /** Whether the account and session behind a connection still work, whatever the room. */
  personVerdict(c: Pick<GuardedConnection, 'userId' | 'sessionHash'>): Verdict {
    const user = this.store.userById(c.userId);
    if (!user || user.active !== 1) return { kind: 'close', code: CloseCode.accountDeactivated };
    const session = c.sessionHash ? this.store.session(c.sessionHash) : null;
    if (c.sessionHash && (!session || session.expires_at <= this.clock.now()))
      return { kind: 'close', code: CloseCode.sessionEnded };
    return { kind: 'keep', writable: false };
  }

  verdict(c: Pick<GuardedConnection, 'userId' | 'sessionHash' | 'roomId'>): Verdict {
    const person = this.personVerdict(c);
    if (person.kind === 'close') return person;
    const level = this.directory.levelFor(c.userId, c.roomId);
    if (level === 'none') return { kind: 'close', code: CloseCode.accessRevoked };
    return { kind: 'keep', writable: level === 'write' };
  }

  /** Applies the current rules to every open connection. */
  recheck(): void {
    this.epoch = this.store.epoch();
    for (const connection of [...this.connections]) this.apply(connection);
    for (const listener of [...this.listeners]) listener();
  }

  private apply(connection: GuardedConnection): void {
    const verdict = this.verdict(connection);
    if (verdict.kind === 'keep') return this.relay.setWritable(connection.peer, verdict.writable);
    this.connections.delete(connection);
    connection.session.close();
    connection.peer.close(verdict.code, closeReason(verdict.code));
  }
}
