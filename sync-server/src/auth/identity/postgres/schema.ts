import type { Migration } from '../../../postgres/migrations.js';

/** The component name of the identity store in schema_migrations. */
export const IDENTITY = 'identity';

/**
 * The identity store's tables: those of the SQLite store (sqlite/schema.ts), under
 * the same names, so the two implementations read alike; the document store's
 * tables are all prefixed `doc_`, so both live in one database.
 *
 * Text that is sorted or compared is COLLATE "C": bytes, like SQLite's BINARY,
 * whatever the database's locale. Group names are unique regardless of case through
 * lower(name), which under "C" folds ASCII letters only, exactly like SQLite's
 * NOCASE. Timestamps are milliseconds (bigint), read back as numbers (the pool's
 * int8 parser). Invites and notifications have a hidden `seq` to break ties in
 * creation order, where SQLite uses its rowid; the access epoch is a counter row,
 * bumped in place.
 */
export const identityMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace, people, sessions, invites, groups, rooms, grants, favourites, files, notifications, audit',
    up: `
      CREATE TABLE workspace (
        id integer PRIMARY KEY CHECK (id = 1),
        name text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE access_epoch (
        id integer PRIMARY KEY CHECK (id = 1),
        epoch bigint NOT NULL
      );
      INSERT INTO access_epoch (id, epoch) VALUES (1, 0);
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE users (
        id text COLLATE "C" PRIMARY KEY,
        email text COLLATE "C" NOT NULL UNIQUE,
        name text COLLATE "C" NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
        active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at bigint NOT NULL
      );
      CREATE TABLE groups (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX groups_name_nocase ON groups (lower(name));
      CREATE TABLE group_members (
        group_id text COLLATE "C" NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        PRIMARY KEY (group_id, user_id)
      );
      CREATE INDEX group_members_by_user ON group_members (user_id);
      CREATE TABLE invites (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        id text COLLATE "C" PRIMARY KEY,
        token_hash text COLLATE "C" NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
        group_ids text NOT NULL,
        created_by text,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        max_uses integer NOT NULL,
        uses integer NOT NULL DEFAULT 0,
        revoked_at bigint
      );
      CREATE TABLE sessions (
        id_hash text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE TABLE rooms (
        id text COLLATE "C" PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        owner_id text COLLATE "C" NOT NULL REFERENCES users (id),
        workspace_level text NOT NULL CHECK (workspace_level IN ('none', 'read', 'write')),
        created_at bigint NOT NULL,
        parent_id text COLLATE "C",
        trashed_at bigint
      );
      CREATE INDEX rooms_by_owner ON rooms (owner_id);
      CREATE TABLE room_grants (
        room_id text COLLATE "C" NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        subject_type text NOT NULL CHECK (subject_type IN ('group', 'user')),
        subject_id text COLLATE "C" NOT NULL,
        level text NOT NULL CHECK (level IN ('read', 'write')),
        PRIMARY KEY (room_id, subject_type, subject_id)
      );
      CREATE INDEX room_grants_by_subject ON room_grants (subject_type, subject_id);
      CREATE TABLE favourites (
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        room_id text COLLATE "C" NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, room_id)
      );
      CREATE TABLE files (
        room_id text COLLATE "C" NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        id text COLLATE "C" NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL,
        name text NOT NULL,
        uploaded_by text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (room_id, id)
      );
      CREATE TABLE notifications (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        id text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        room_id text COLLATE "C" NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        kind text NOT NULL,
        actor_id text NOT NULL,
        excerpt text NOT NULL,
        at bigint NOT NULL,
        read_at bigint
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, at DESC, seq DESC);
      CREATE TABLE audit (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at bigint NOT NULL,
        actor_id text,
        action text NOT NULL,
        target text,
        details text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'single sign-on: pending sign-ins, linked identities, mirrored groups',
    up: `
      CREATE TABLE sso_pending (
        state text COLLATE "C" PRIMARY KEY,
        binding_hash text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        invite_hash text,
        expires_at bigint NOT NULL
      );
      CREATE TABLE sso_identities (
        issuer text COLLATE "C" NOT NULL,
        subject text COLLATE "C" NOT NULL,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        created_at bigint NOT NULL,
        PRIMARY KEY (issuer, subject)
      );
      CREATE TABLE sso_group_links (
        group_id text COLLATE "C" PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
        idp_group text COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'message retention per room [RETAIN1]; files by upload time [RETAIN5]',
    async up(client) {
      await client.query(`
        CREATE TABLE room_retention (
          room_id text COLLATE "C" PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
          days integer NOT NULL CHECK (days >= 1),
          set_by text COLLATE "C" NOT NULL,
          set_at bigint NOT NULL
        );
        CREATE INDEX files_by_room_time ON files (room_id, created_at);
        CREATE INDEX files_by_id ON files (id);
      `);
    },
  },
  {
    version: 4,
    name: 'the org chart: departments, heads, members, managers, delegations [ORG1]',
    up: `
      CREATE TABLE departments (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL,
        parent_id text COLLATE "C", -- no foreign key: see sqlite/schema.ts
        position integer NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX departments_by_parent ON departments (parent_id, position);
      CREATE TABLE department_heads (
        department_id text COLLATE "C" NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        PRIMARY KEY (department_id, user_id)
      );
      CREATE TABLE department_members (
        department_id text COLLATE "C" NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        PRIMARY KEY (department_id, user_id)
      );
      CREATE TABLE person_managers (
        user_id text COLLATE "C" PRIMARY KEY REFERENCES users (id),
        manager_id text COLLATE "C" NOT NULL REFERENCES users (id)
      );
      CREATE TABLE delegations (
        person_id text COLLATE "C" PRIMARY KEY REFERENCES users (id),
        delegate_id text COLLATE "C" NOT NULL REFERENCES users (id),
        from_date text COLLATE "C" NOT NULL,
        until_date text COLLATE "C" NOT NULL
      );
      CREATE TABLE org_version (
        id integer PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
      );
      INSERT INTO org_version (id, version) VALUES (1, 0);
    `,
  },
  {
    version: 5,
    name: 'a mention points at its message [CHAT12]',
    up: 'ALTER TABLE notifications ADD COLUMN anchor text COLLATE "C"',
  },
  {
    version: 6,
    name: 'approvals: templates, requests, signed logs, receipts, notices [APPR30]',
    up: `
      CREATE TABLE approval_templates (
        id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        body text NOT NULL,
        archived integer NOT NULL,
        created_at bigint NOT NULL,
        created_by text COLLATE "C" NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE approval_requests (
        id text COLLATE "C" PRIMARY KEY,
        template_id text COLLATE "C" NOT NULL,
        template_version integer NOT NULL,
        template_name text NOT NULL,
        submitter_id text COLLATE "C" NOT NULL,
        status text NOT NULL,
        current_approvers text NOT NULL,
        submitted_at text COLLATE "C" NOT NULL,
        updated_at text COLLATE "C" NOT NULL,
        entries integer NOT NULL,
        FOREIGN KEY (template_id, template_version) REFERENCES approval_templates (id, version)
      );
      CREATE TABLE approval_log (
        request_id text COLLATE "C" NOT NULL REFERENCES approval_requests (id),
        seq integer NOT NULL,
        entry text NOT NULL,
        PRIMARY KEY (request_id, seq)
      );
      CREATE TABLE approval_people (
        request_id text COLLATE "C" NOT NULL REFERENCES approval_requests (id),
        user_id text COLLATE "C" NOT NULL,
        role text COLLATE "C" NOT NULL,
        PRIMARY KEY (request_id, user_id, role)
      );
      CREATE INDEX approval_people_by_user ON approval_people (user_id, role);
      CREATE TABLE approval_receipts (
        action_id text COLLATE "C" PRIMARY KEY,
        actor_id text COLLATE "C" NOT NULL,
        request_id text COLLATE "C" NOT NULL,
        seq integer NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE approval_notices (
        id text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL,
        request_id text COLLATE "C" NOT NULL REFERENCES approval_requests (id),
        seq integer NOT NULL,
        reason text NOT NULL,
        actor_id text COLLATE "C" NOT NULL,
        at bigint NOT NULL,
        read_at bigint
      );
      CREATE INDEX approval_notices_by_user ON approval_notices (user_id, at);
    `,
  },
  {
    version: 7,
    name: 'calendar invites: published events and their attendees with answers [CAL40]',
    up: `
      CREATE TABLE calendar_invites (
        calendar_id text COLLATE "C" NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        event_id text COLLATE "C" NOT NULL,
        sequence integer NOT NULL,
        snapshot text NOT NULL,
        published_by text COLLATE "C" NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (calendar_id, event_id)
      );
      CREATE TABLE calendar_invitees (
        calendar_id text COLLATE "C" NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        user_id text COLLATE "C" NOT NULL,
        removed integer NOT NULL,
        answer text,
        note text NOT NULL,
        answered_at bigint,
        PRIMARY KEY (calendar_id, event_id, user_id),
        FOREIGN KEY (calendar_id, event_id) REFERENCES calendar_invites (calendar_id, event_id)
          ON DELETE CASCADE
      );
      CREATE INDEX calendar_invitees_by_user ON calendar_invitees (user_id);
    `,
  },
  {
    version: 8,
    name: 'approval attachments, by content hash [APPR85]',
    up: `
      CREATE TABLE approval_files (
        id text COLLATE "C" PRIMARY KEY,
        blob text COLLATE "C" NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL,
        name text NOT NULL,
        uploaded_by text COLLATE "C" NOT NULL,
        created_at bigint NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: 'availability: working hours, zone, hidden, published busy intervals [CAL52]',
    up: `
      CREATE TABLE availability (
        user_id text COLLATE "C" PRIMARY KEY REFERENCES users (id),
        time_zone text NOT NULL,
        working_hours text,
        hidden integer NOT NULL CHECK (hidden IN (0, 1)),
        busy text,
        published_at bigint,
        updated_at bigint NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'calendar subscription URLs, by token hash [CAL60]',
    up: `
      CREATE TABLE calendar_feeds (
        id text COLLATE "C" PRIMARY KEY,
        token_hash text COLLATE "C" NOT NULL UNIQUE,
        room_id text COLLATE "C" NOT NULL,
        user_id text COLLATE "C" NOT NULL REFERENCES users (id),
        created_at bigint NOT NULL,
        last_used_at bigint
      );
      CREATE INDEX calendar_feeds_by_user ON calendar_feeds (user_id, room_id);
    `,
  },
];
