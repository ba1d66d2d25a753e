import { SqliteApprovals } from './sqlite-approvals.js';
import Database from 'better-sqlite3';
import type { IdentityStore } from '../identity-store.js';
import { direct, Gate, type Exec } from './gate.js';
import { prepareSchema } from './schema.js';
import { SqliteAudit } from './sqlite-audit.js';
import { SqliteCalendarInvites } from './sqlite-calendar-invites.js';
import { SqliteAvailability } from './sqlite-availability.js';
import { SqliteCalendarFeeds } from './sqlite-calendar-feeds.js';
import { SqliteFavourites } from './sqlite-favourites.js';
import { SqliteFiles } from './sqlite-files.js';
import { SqliteGroups } from './sqlite-groups.js';
import { SqliteInvites } from './sqlite-invites.js';
import { SqliteNotifications } from './sqlite-notifications.js';
import { SqlitePeople } from './sqlite-people.js';
import { SqliteRetention } from './sqlite-retention.js';
import { SqliteRooms } from './sqlite-rooms.js';
import { SqliteSessions } from './sqlite-sessions.js';
import { SqliteOrg } from './sqlite-org.js';
import { SqliteSso } from './sqlite-sso.js';
import { SqliteWorkspace } from './sqlite-workspace.js';

function parts(db: Database.Database, exec: Exec) {
  return {
    workspace: new SqliteWorkspace(db, exec),
    people: new SqlitePeople(db, exec),
    sessions: new SqliteSessions(db, exec),
    invites: new SqliteInvites(db, exec),
    groups: new SqliteGroups(db, exec),
    rooms: new SqliteRooms(db, exec),
    retention: new SqliteRetention(db, exec),
    favourites: new SqliteFavourites(db, exec),
    files: new SqliteFiles(db, exec),
    notifications: new SqliteNotifications(db, exec),
    audit: new SqliteAudit(db, exec),
    sso: new SqliteSso(db, exec),
    org: new SqliteOrg(db, exec),
    approvals: new SqliteApprovals(db, exec),
    calendarInvites: new SqliteCalendarInvites(db, exec),
    availability: new SqliteAvailability(db, exec),
    calendarFeeds: new SqliteCalendarFeeds(db, exec),
  };
}

/**
 * The identity store in the relay's own SQLite file (`identity.sqlite`, shared with
 * the operator command line, which opens it too). See identity-store.ts for what
 * a transaction promises and gate.ts for how one spans awaits here.
 */
export class SqliteIdentityStore implements IdentityStore {
  /** The connection itself, for test seeding that must stay synchronous. */
  readonly db: Database.Database;
  private readonly gate = new Gate();
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
  private readonly handle: IdentityStore;

  /** `file`: a path, or ':memory:' for a database that lives as long as the store. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted rows (expired files' names, notifications quoting messages) are zeroed,
    // not left in free pages [RETAIN5].
    this.db.pragma('secure_delete = ON');
    try {
      prepareSchema(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const outside = parts(this.db, (statement) => this.gate.run(statement));
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
    const handle: IdentityStore = {
      ...parts(this.db, direct),
      transaction: (work) => work(handle),
      close: () =>
        Promise.reject(new Error('the identity store cannot close inside a transaction')),
    };
    this.handle = handle;
  }

  transaction<T>(work: (tx: IdentityStore) => Promise<T>): Promise<T> {
    return this.gate.exclusive(async () => {
      // IMMEDIATE: the write lock is taken now, so a transaction that read something
      // cannot find, at its first write, that the command line changed it meanwhile.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(this.handle);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.gate.run(() => {
      this.db.close();
    });
  }
}
