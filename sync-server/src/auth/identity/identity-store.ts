import type { ApprovalStore } from './approval-store.js';
import type { AuditStore } from './audit-store.js';
import type { CalendarInviteStore } from './calendar-invite-store.js';
import type { AvailabilityStore } from './availability-store.js';
import type { CalendarFeedStore } from './calendar-feed-store.js';
import type { FavouriteStore } from './favourite-store.js';
import type { FileStore } from './file-store.js';
import type { GroupStore } from './group-store.js';
import type { InviteStore } from './invite-store.js';
import type { OrgStore } from './org-store.js';
import type { NotificationStore } from './notification-store.js';
import type { PeopleStore } from './people-store.js';
import type { RetentionStore } from './retention-store.js';
import type { RoomStore } from './room-store.js';
import type { SessionStore } from './session-store.js';
import type { SsoStore } from './sso-store.js';
import type { WorkspaceStore } from './workspace-store.js';

export type * from './rows.js';
export type { AuditEntry } from './audit-store.js';
export type * from './org-store.js';
export type * from './approval-store.js';
export type * from './calendar-invite-store.js';
export type * from './availability-store.js';
export type { CalendarFeedRow } from './calendar-feed-store.js';
export { newId } from './new-id.js';

/** What the identity store holds, one interface per concept. */
export interface IdentityParts {
  workspace: WorkspaceStore;
  people: PeopleStore;
  sessions: SessionStore;
  invites: InviteStore;
  groups: GroupStore;
  rooms: RoomStore;
  retention: RetentionStore;
  favourites: FavouriteStore;
  files: FileStore;
  notifications: NotificationStore;
  audit: AuditStore;
  sso: SsoStore;
  org: OrgStore;
  approvals: ApprovalStore;
  calendarInvites: CalendarInviteStore;
  availability: AvailabilityStore;
  calendarFeeds: CalendarFeedStore;
}

/**
 * Identity, membership, groups, rooms and their access rules: not in CRDTs, because
 * authorization must never merge offline. Every method is async, so that the store
 * can live in a network database (PostgreSQL) as well as in the relay's own SQLite
 * file.
 *
 * Atomicity: a change made of several writes (an access change writes the rules,
 * appends to the audit log and bumps the epoch; accepting an invite checks it, adds
 * the person and counts the use) runs in `transaction(work)`. `work` gets a handle
 * with the same parts; every read and write of the change must go through that
 * handle, never through the store it came from. The transaction commits when
 * `work` resolves and rolls back, leaving nothing half-written, when it rejects.
 * Writes are serialised: on SQLite a transaction holds the database's write lock
 * (BEGIN IMMEDIATE) and every other call of the process waits until it ends; on
 * PostgreSQL it is one pooled client between BEGIN and COMMIT, SERIALIZABLE, and a
 * transaction that lost a race with another relay is run again from the start. So
 * `work` must only do store calls and quick computation: slow work (password
 * hashing) comes before, and nothing outside the store (no counters, no messages),
 * as `work` may run more than once.
 * A transaction inside a transaction joins the outer one.
 *
 * Compound methods were the other choice; they would have moved the checks that
 * must run inside the transaction (an invite still usable, an email still free,
 * a group name still free) into every implementation.
 */
export interface IdentityStore extends IdentityParts {
  transaction<T>(work: (tx: IdentityStore) => Promise<T>): Promise<T>;
  /** Ends the connection; calls after it fail. */
  close(): Promise<void>;
}
