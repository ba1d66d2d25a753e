import type { Clock } from '../clock.js';
import type { Relay } from '../rooms/relay.js';
import { Accounts, type ListedChange } from './accounts.js';
import { ConnectionGuard } from './connection-guard.js';
import { DingPermits } from './ding-permits.js';
import type { IdentityStore } from './identity/identity-store.js';
import { MemoryRateLimits } from '../limits/memory-rate-limits.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { Notifications } from './notifications.js';
import type { PasswordHasher } from './passwords.js';
import { RoomDirectory } from './room-directory.js';

/**
 * What may have changed in someone's `GET /api/rooms`: anything, after an access
 * change (through the API or the operator command line); or one room's entry; or
 * one person's favourites.
 */
export type DirectoryChange = { kind: 'access' } | ListedChange;

/** Everything the relay knows and enforces about people and rooms, wired together. */
export class AccessControl {
  readonly accounts: Accounts;
  readonly directory: RoomDirectory;
  readonly guard: ConnectionGuard;
  readonly dings: DingPermits;
  readonly notifications: Notifications;
  private readonly listeners = new Set<(change: DirectoryChange) => void>();
  /** Settles once the guard read its first snapshot (rejects if the store failed). */
  readonly ready: Promise<void>;
  private readonly stopBus: () => void;

  constructor(
    readonly store: IdentityStore,
    private readonly relay: Relay,
    clock: Clock,
    passwords?: PasswordHasher,
    /** Sign-in, password-change and DING limits (approval urges too); one store for all of them. */
    readonly limits: RateLimits = new MemoryRateLimits(),
  ) {
    // Changes made through this relay's API are told to the other relays, which
    // recheck their connections at once [SCALE5]; the epoch poll stays as a backstop
    // (and is how changes of the command line arrive).
    const deps = {
      store,
      clock,
      changed: () => this.accessChanged(),
      listed: (change: ListedChange) => {
        this.emit(change);
        relay.bus.publish({ kind: 'access', listed: change });
      },
    };
    this.accounts = new Accounts({ ...deps, passwords, limits });
    this.directory = new RoomDirectory(deps);
    this.guard = new ConnectionGuard(store, relay, clock);
    this.guard.onRecheck(() => this.emit({ kind: 'access' }));
    this.dings = new DingPermits({
      secret: () => store.workspace.secret(),
      clock,
      directory: this.directory,
      limits,
    });
    this.notifications = new Notifications(store, this.directory, clock);
    this.ready = this.guard.start();
    this.ready.catch(() => {}); // seen by whoever awaits it; the poll retries meanwhile
    this.stopBus = relay.bus.subscribe((event) => {
      if (event.kind !== 'access') return;
      if (event.listed) this.emit(event.listed);
      else void this.guard.recheck();
    });
  }

  /**
   * After a change of someone's access made outside Accounts and RoomDirectory
   * (single sign-on): the other relays are told, and this one rechecks its sockets.
   */
  accessChanged(): Promise<void> {
    this.relay.bus.publish({ kind: 'access' });
    return this.guard.recheck();
  }

  /** Calls `listener` after every change that may alter someone's directory [FEED3]. */
  onDirectoryChange(listener: (change: DirectoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: DirectoryChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  stop(): void {
    this.stopBus();
    this.guard.stop();
  }
}
