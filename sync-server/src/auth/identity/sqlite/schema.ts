/**
 * identity.sqlite's schema: every version of it, in order. A new table or column is
 * a new migration appended at the end (never an edit of one that shipped), see
 * schema/sqlite-migrations.ts for the rules [UPGRADE1].
 */
import type Database from 'better-sqlite3';
import { migrateSqlite, type SqliteSchema } from '../../../schema/sqlite-migrations.js';

/** The tables of relay 0.1.0, as its first open made them (IF NOT EXISTS) or a new migration does. */
const tables = (ifNotExists: string) => `
  CREATE TABLE ${ifNotExists} meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE ${ifNotExists} workspace (
    id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE ${ifNotExists} users (
    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
  CREATE TABLE ${ifNotExists} groups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, created_at INTEGER NOT NULL);
  CREATE TABLE ${ifNotExists} group_members (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
  CREATE TABLE ${ifNotExists} invites (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
    group_ids TEXT NOT NULL, created_by TEXT, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, max_uses INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER);
  CREATE TABLE ${ifNotExists} sessions (
    id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE ${ifNotExists} rooms (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    workspace_level TEXT NOT NULL CHECK (workspace_level IN ('none', 'read', 'write')),
    created_at INTEGER NOT NULL${ifNotExists ? '' : ', parent_id TEXT, trashed_at INTEGER'});
  CREATE TABLE ${ifNotExists} room_grants (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('group', 'user')),
    subject_id TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('read', 'write')),
    PRIMARY KEY (room_id, subject_type, subject_id)) WITHOUT ROWID;
  CREATE TABLE ${ifNotExists} favourites (
    user_id TEXT NOT NULL REFERENCES users (id),
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, room_id)) WITHOUT ROWID;
  CREATE TABLE ${ifNotExists} files (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    id TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL, created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, id)) WITHOUT ROWID;
  CREATE TABLE ${ifNotExists} notifications (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kind TEXT NOT NULL, actor_id TEXT NOT NULL, excerpt TEXT NOT NULL,
    at INTEGER NOT NULL, read_at INTEGER);
  CREATE INDEX ${ifNotExists} notifications_by_user ON notifications (user_id, at);
  CREATE TABLE ${ifNotExists} audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT,
    action TEXT NOT NULL, target TEXT, details TEXT NOT NULL);
`;

export const IDENTITY_SCHEMA: SqliteSchema = {
  store: 'identity.sqlite',
  migrations: [
    {
      version: 1,
      name: 'people, groups, rooms and their rules, sessions, invites, files, notifications, audit (relay 0.1.0)',
      up: tables(''),
    },
    {
      version: 2,
      name: 'single sign-on: pending sign-ins, linked identities, mirrored groups',
      up: `
  CREATE TABLE sso_pending (
    state TEXT PRIMARY KEY, binding_hash TEXT NOT NULL, nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL, return_to TEXT NOT NULL, invite_hash TEXT,
    expires_at INTEGER NOT NULL);
  CREATE TABLE sso_identities (
    issuer TEXT NOT NULL, subject TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL, PRIMARY KEY (issuer, subject)) WITHOUT ROWID;
  CREATE TABLE sso_group_links (
    group_id TEXT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    idp_group TEXT NOT NULL) WITHOUT ROWID;
`,
    },
    {
      version: 3,
      name: 'message retention per room [RETAIN1]; files by id [RETAIN5]',
      up: `
  CREATE TABLE room_retention (
    room_id TEXT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    days INTEGER NOT NULL CHECK (days >= 1), set_by TEXT NOT NULL, set_at INTEGER NOT NULL)
    WITHOUT ROWID;
  CREATE INDEX files_by_id ON files (id);
`,
    },
    {
      version: 4,
      name: 'the org chart: departments, heads, members, managers, delegations [ORG1]',
      up: `
  -- parent_id has no foreign key: the tree is checked by the code that changes it
  -- (a key cannot refuse a cycle anyway), and the backup of the scaled mode copies
  -- departments in id order, children before their parents (migrate/tables.ts).
  CREATE TABLE departments (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT,
    position INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX departments_by_parent ON departments (parent_id, position);
  CREATE TABLE department_heads (
    department_id TEXT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (department_id, user_id)) WITHOUT ROWID;
  CREATE TABLE department_members (
    department_id TEXT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (department_id, user_id)) WITHOUT ROWID;
  CREATE TABLE person_managers (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    manager_id TEXT NOT NULL REFERENCES users (id)) WITHOUT ROWID;
  CREATE TABLE delegations (
    person_id TEXT PRIMARY KEY REFERENCES users (id),
    delegate_id TEXT NOT NULL REFERENCES users (id),
    from_date TEXT NOT NULL, until_date TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE org_version (
    id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO org_version (id, version) VALUES (1, 0);
`,
    },
    {
      version: 5,
      name: 'a mention points at its message [CHAT12]',
      up: `ALTER TABLE notifications ADD COLUMN anchor TEXT;`,
    },
    {
      version: 6,
      name: 'approvals: templates, requests, signed logs, receipts, notices [APPR30]',
      up: `
  CREATE TABLE approval_templates (
    id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
    archived INTEGER NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
    PRIMARY KEY (id, version)) WITHOUT ROWID;
  CREATE TABLE approval_requests (
    id TEXT PRIMARY KEY, template_id TEXT NOT NULL, template_version INTEGER NOT NULL,
    template_name TEXT NOT NULL, submitter_id TEXT NOT NULL, status TEXT NOT NULL,
    current_approvers TEXT NOT NULL, submitted_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    entries INTEGER NOT NULL,
    FOREIGN KEY (template_id, template_version) REFERENCES approval_templates (id, version));
  CREATE TABLE approval_log (
    request_id TEXT NOT NULL REFERENCES approval_requests (id), seq INTEGER NOT NULL,
    entry TEXT NOT NULL, PRIMARY KEY (request_id, seq)) WITHOUT ROWID;
  CREATE TABLE approval_people (
    request_id TEXT NOT NULL REFERENCES approval_requests (id), user_id TEXT NOT NULL,
    role TEXT NOT NULL, PRIMARY KEY (request_id, user_id, role)) WITHOUT ROWID;
  CREATE INDEX approval_people_by_user ON approval_people (user_id, role);
  CREATE TABLE approval_receipts (
    action_id TEXT PRIMARY KEY, actor_id TEXT NOT NULL, request_id TEXT NOT NULL,
    seq INTEGER NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE approval_notices (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL,
    request_id TEXT NOT NULL REFERENCES approval_requests (id), seq INTEGER NOT NULL,
    reason TEXT NOT NULL, actor_id TEXT NOT NULL, at INTEGER NOT NULL, read_at INTEGER);
  CREATE INDEX approval_notices_by_user ON approval_notices (user_id, at);
`,
    },
    {
      version: 7,
      name: 'calendar invites: published events and their attendees with answers [CAL40]',
      up: `
  CREATE TABLE calendar_invites (
    calendar_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE, event_id TEXT NOT NULL,
    sequence INTEGER NOT NULL, snapshot TEXT NOT NULL, published_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL, PRIMARY KEY (calendar_id, event_id)) WITHOUT ROWID;
  CREATE TABLE calendar_invitees (
    calendar_id TEXT NOT NULL, event_id TEXT NOT NULL, user_id TEXT NOT NULL,
    removed INTEGER NOT NULL, answer TEXT, note TEXT NOT NULL, answered_at INTEGER,
    PRIMARY KEY (calendar_id, event_id, user_id),
    FOREIGN KEY (calendar_id, event_id) REFERENCES calendar_invites (calendar_id, event_id)
      ON DELETE CASCADE) WITHOUT ROWID;
  CREATE INDEX calendar_invitees_by_user ON calendar_invitees (user_id);
`,
    },
    {
      version: 8,
      name: 'approval attachments, by content hash [APPR85]',
      up: `
  CREATE TABLE approval_files (
    id TEXT PRIMARY KEY, blob TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
    name TEXT NOT NULL, uploaded_by TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
`,
    },
    {
      version: 9,
      name: 'availability: working hours, zone, hidden, published busy intervals [CAL52]',
      up: `
  CREATE TABLE availability (
    user_id TEXT PRIMARY KEY REFERENCES users (id), time_zone TEXT NOT NULL,
    working_hours TEXT, hidden INTEGER NOT NULL CHECK (hidden IN (0, 1)), busy TEXT,
    published_at INTEGER, updated_at INTEGER NOT NULL) WITHOUT ROWID;
`,
    },
    {
      version: 10,
      name: 'calendar subscription URLs, by token hash [CAL60]',
      up: `
  CREATE TABLE calendar_feeds (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, room_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id), created_at INTEGER NOT NULL,
    last_used_at INTEGER);
  CREATE INDEX calendar_feeds_by_user ON calendar_feeds (user_id, room_id);
`,
    },
  ],
  beforeVersions: [
    { name: 'the tables of the first releases', up: (db) => db.exec(tables('IF NOT EXISTS')) },
    {
      name: 'rooms have a parent and a trash',
      up(db) {
        const columns = new Set(
          db
            .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('rooms')")
            .all()
            .map((c) => c.name),
        );
        if (!columns.has('parent_id')) db.exec('ALTER TABLE rooms ADD COLUMN parent_id TEXT');
        if (!columns.has('trashed_at')) db.exec('ALTER TABLE rooms ADD COLUMN trashed_at INTEGER');
      },
    },
  ],
};

/** Brings the file to the last schema version, or throws when it is newer than this code. */
export function prepareSchema(db: Database.Database): void {
  migrateSqlite(db, IDENTITY_SCHEMA);
}
