import type { Clock } from '../clock.js';
import type { Relay } from '../rooms/relay.js';
import { Accounts } from './accounts.js';
import { ConnectionGuard } from './connection-guard.js';
import { DingPermits } from './ding-permits.js';
import type { IdentityStore } from './identity-store.js';
import { Notifications } from './notifications.js';
import type { PasswordHasher } from './passwords.js';
import { RoomDirectory } from './room-directory.js';

/** Everything the relay knows and enforces about people and rooms, wired together. */
export class AccessControl {
  readonly accounts: Accounts;
  readonly directory: RoomDirectory;
  readonly guard: ConnectionGuard;
  readonly dings: DingPermits;
  readonly notifications: Notifications;

  constructor(
    readonly store: IdentityStore,
    relay: Relay,
    clock: Clock,
    passwords?: PasswordHasher,
  ) {
    const deps = { store, clock, changed: () => this.guard.recheck() };
    this.accounts = new Accounts({ ...deps, passwords });
    this.directory = new RoomDirectory(deps);
    this.guard = new ConnectionGuard(store, this.directory, relay, clock);
    this.dings = new DingPermits({
      secret: () => store.secret(),
      clock,
      directory: this.directory,
    });
    this.notifications = new Notifications(store, this.directory, clock);
    this.guard.start();
  }

  stop(): void {
    this.guard.stop();
  }
}
