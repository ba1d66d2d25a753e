import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import type { Clock } from '../clock.js';
import type { Peer } from '../rooms/peer.js';
import type { Relay, Session } from '../rooms/relay.js';
import {
  emptySnapshot,
  levelIn,
  readAccessSnapshot,
  type AccessSnapshot,
} from './access-snapshot.js';
import type { IdentityStore, SessionRow } from './identity/identity-store.js';

/** Who is behind a connection: the account, and the session its token came from. */
export interface Holder {
  userId: string;
  /** The session the token came from; null for operator-minted tokens. */
  sessionHash: string | null;
}

/** One authorized WebSocket (or version 2 subscription), as the guard tracks it. */
export interface GuardedConnection extends Holder {
  roomId: string;
  peer: Peer;
  session: Session;
}

/** How often the guard looks for changes other processes (the CLI) made. */
export const EPOCH_POLL_MS = 200;

export type Verdict = { kind: 'keep'; writable: boolean } | { kind: 'close'; code: CloseCode };

/**
 * Re-decides every open connection whenever access may have changed: right away
 * for changes made through this relay's API (`recheck()`, awaited before the API
 * answers), and within EPOCH_POLL_MS for changes the operator command line wrote
 * (the epoch moved). A connection that lost read access is closed before anything
 * else is sent to it [AUTH4].
 *
 * Decisions are synchronous, over an AccessSnapshot and the sessions of the people
 * connected, both read in a few batched calls per recheck: a frame (a version 2
 * subscribe, a commit's feed notice) never waits for the store. Upgrades, which
 * may wait, first look at the epoch and read their own session (`admit`).
 */
export class ConnectionGuard {
  private readonly connections = new Set<GuardedConnection>();
  /** Version 2 sockets, whose person and session are decided even with no subscription. */
  private readonly holders = new Set<Holder>();
  private view: AccessSnapshot = emptySnapshot;
  /** Sessions of the connected, as of the last recheck or upgrade; null: gone. */
  private sessions = new Map<string, SessionRow | null>();
  private stopPolling: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private wanted = false;
  private running: Promise<void> | null = null;
  private looking: Promise<void> | null = null;

  constructor(
    private readonly store: IdentityStore,
    private readonly relay: Relay,
    private readonly clock: Clock,
  ) {}

  /** What decisions are made on now. */
  get snapshot(): AccessSnapshot {
    return this.view;
  }

  /** Reads the first snapshot and starts watching the access epoch; stop with stop(). */
  start(): Promise<void> {
    const tick = () => {
      void this.sync()
        .catch(() => {}) // the database is closing (shutdown), or briefly unreachable
        .finally(() => {
          if (this.stopPolling) this.stopPolling = this.clock.setTimeout(tick, EPOCH_POLL_MS);
        });
    };
    this.stopPolling = this.clock.setTimeout(tick, EPOCH_POLL_MS);
    return this.recheck();
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

  /** Keeps the session of a version 2 socket read at every recheck. */
  hold(holder: Holder): () => void {
    this.holders.add(holder);
    return () => this.holders.delete(holder);
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
   * Rechecks if another process (the CLI) changed access since the last look, so
   * that what is decided next is on current rules, not up to EPOCH_POLL_MS old.
   * Looks running at once share one read of the epoch.
   */
  sync(): Promise<void> {
    this.looking ??= (async () => {
      try {
        const epoch = await this.store.workspace.epoch();
        if (epoch !== this.view.epoch) await this.recheck();
      } finally {
        this.looking = null;
      }
    })();
    return this.looking;
  }

  /** Before an upgrade: current rules, and the connecting session as it is now. */
  async admit(holder: Holder): Promise<void> {
    await this.sync();
    if (holder.sessionHash)
      this.sessions.set(
        holder.sessionHash,
        (await this.store.sessions.get(holder.sessionHash)) ?? null,
      );
  }

  /** `admit`, then the verdict: for upgrades. */
  async decide(c: Holder & { roomId: string }): Promise<Verdict> {
    await this.admit(c);
    return this.verdict(c);
  }

  /** Whether the account and session behind a connection still work, whatever the room. */
  personVerdict(c: Holder): Verdict {
    const user = this.view.users.get(c.userId);
    if (!user || user.active !== 1) return { kind: 'close', code: CloseCode.accountDeactivated };
    // A session not read yet was read by the upgrade that let the connection in.
    const session = c.sessionHash ? this.sessions.get(c.sessionHash) : undefined;
    if (session === null || (session && session.expires_at <= this.clock.now()))
      return { kind: 'close', code: CloseCode.sessionEnded };
    return { kind: 'keep', writable: false };
  }

  verdict(c: Holder & { roomId: string }): Verdict {
    const person = this.personVerdict(c);
    if (person.kind === 'close') return person;
    const level = levelIn(this.view, c.userId, c.roomId);
    if (level === 'none') return { kind: 'close', code: CloseCode.accessRevoked };
    return { kind: 'keep', writable: level === 'write' };
  }

  /**
   * Reads the rules and the connected sessions afresh and applies them to every
   * open connection. Calls while one runs are folded into one more run; each
   * caller's promise settles after a run that started after its call.
   */
  recheck(): Promise<void> {
    this.wanted = true;
    this.running ??= (async () => {
      try {
        while (this.wanted) {
          this.wanted = false;
          await this.refresh();
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async refresh(): Promise<void> {
    const view = await readAccessSnapshot(this.store);
    const hashes = new Set<string>();
    for (const c of [...this.connections, ...this.holders])
      if (c.sessionHash) hashes.add(c.sessionHash);
    const found = await this.store.sessions.many([...hashes]);
    this.view = view;
    this.sessions = new Map([...hashes].map((h) => [h, found.get(h) ?? null]));
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
