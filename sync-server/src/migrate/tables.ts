/**
 * Where each row of an embedded install goes in PostgreSQL, column by column.
 *
 * Identity (identity.sqlite, auth/identity/sqlite/schema.ts, into the tables of
 * auth/identity/postgres/schema.ts): every table has the same name and columns on
 * both sides, except
 * - `meta`: its `epoch` key becomes the `access_epoch` counter row (PostgreSQL keeps
 *   the epoch in a row of its own so that bumping it locks one row); every other key
 *   (the token secret) stays a `meta` row;
 * - `invites` and `notifications`: SQLite breaks ties in creation order by its rowid,
 *   PostgreSQL by a generated `seq` column: the rowid goes into `seq`;
 * - `audit.seq` keeps its value, so the audit log's numbering carries on.
 * Ids, password hashes, session hashes, invite token hashes and timestamps are copied
 * unchanged: sessions, tokens (signed with the copied secret), invite links and DING
 * permits keep working.
 *
 * Documents (relay.sqlite, persistence/sqlite-persistence.ts, into the `doc_` tables
 * of persistence/postgres/schema.ts): the log and the snapshots keep their seqs and
 * bytes; `heads` becomes `doc_rooms` (the same three values); quarantine entries stay;
 * the feed keeps its id and position (`feed_meta` into `doc_feed`, see
 * migrate-to-postgres.ts for why).
 *
 * The same list runs backwards for a backup of the scaled mode (backup/postgres-snapshot.ts):
 * each PostgreSQL table is read back into a SQLite file of the embedded shape through
 * `back`, so one archive format serves both modes and the checks below run unchanged.
 */

/** One table's copy: what to read from SQLite, where it goes, how its rows are told apart. */
export interface TableCopy {
  /** The PostgreSQL table. */
  target: string;
  /** SELECT on the SQLite file giving exactly `columns`, by name. */
  source: string;
  columns: readonly string[];
  /** The columns that identify a row, to name it when the check finds a difference. */
  key: readonly string[];
  /** A GENERATED ALWAYS identity column given its value from SQLite. */
  identity?: string;
  /** Rows the check compares one by one; false for the log and snapshots, compared per room. */
  rowChecked: boolean;
  /**
   * The way back: an INSERT on the SQLite file taking `columns` as named parameters
   * (@column). Rows the SQLite stores make when they open (the feed, the epoch) are
   * replaced.
   */
  back: string;
}

const insertBack = (name: string, columns: readonly string[], as: readonly string[] = columns) =>
  `INSERT OR REPLACE INTO ${name} (${as.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;

const table = (
  name: string,
  columns: readonly string[],
  key: readonly string[],
  extra: Partial<TableCopy> = {},
): TableCopy => ({
  target: name,
  source: `SELECT ${columns.join(', ')} FROM ${name}`,
  columns,
  key,
  rowChecked: true,
  back: insertBack(name, columns),
  ...extra,
});

// `seq` first: SQLite's rowid on the way back.
const INVITE_COLUMNS = [
  'seq',
  'id',
  'token_hash',
  'role',
  'group_ids',
  'created_by',
  'created_at',
  'expires_at',
  'max_uses',
  'uses',
  'revoked_at',
] as const;
const NOTIFICATION_COLUMNS = [
  'seq',
  'id',
  'user_id',
  'room_id',
  'kind',
  'actor_id',
  'excerpt',
  'at',
  'read_at',
  'anchor',
] as const;

/** Identity tables deliberately left behind, with why (tests/unit/sync-server/migrate checks the rest are listed). */
export const IDENTITY_TABLES_NOT_COPIED: Readonly<Record<string, string>> = {
  sso_pending: 'a sign-in in flight lasts minutes; the person starts it again',
  schema_migrations: 'each store records the migrations it ran itself when it makes its schema',
};

/** In foreign-key order: users before what refers to them, rooms before theirs. */
export const IDENTITY_TABLES: readonly TableCopy[] = [
  table('workspace', ['id', 'name', 'created_at'], ['id']),
  {
    ...table('meta', ['key', 'value'], ['key']),
    source: "SELECT key, value FROM meta WHERE key <> 'epoch'",
  },
  {
    ...table('access_epoch', ['id', 'epoch'], ['id']),
    // The schema migration made this row; copyRows replaces it (SINGLETONS).
    source:
      "SELECT 1 AS id, coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'epoch'), 0) AS epoch",
    back: "INSERT OR REPLACE INTO meta (key, value) SELECT 'epoch', CAST(@epoch AS TEXT) WHERE @id = 1",
  },
  table('users', ['id', 'email', 'name', 'password_hash', 'role', 'active', 'created_at'], ['id']),
  table('groups', ['id', 'name', 'created_at'], ['id']),
  table('group_members', ['group_id', 'user_id'], ['group_id', 'user_id']),
  {
    ...table('invites', INVITE_COLUMNS, ['id']),
    source: `SELECT rowid AS seq, id, token_hash, role, group_ids, created_by, created_at,
                    expires_at, max_uses, uses, revoked_at FROM invites`,
    identity: 'seq',
    back: insertBack('invites', INVITE_COLUMNS, ['rowid', ...INVITE_COLUMNS.slice(1)]),
  },
  table('sessions', ['id_hash', 'user_id', 'created_at', 'expires_at'], ['id_hash']),
  table(
    'rooms',
    ['id', 'kind', 'title', 'owner_id', 'workspace_level', 'created_at', 'parent_id', 'trashed_at'],
    ['id'],
  ),
  table(
    'room_grants',
    ['room_id', 'subject_type', 'subject_id', 'level'],
    ['room_id', 'subject_type', 'subject_id'],
  ),
  table('favourites', ['user_id', 'room_id'], ['user_id', 'room_id']),
  // Linked sign-on identities and mirrored groups [SSO6]: without them a person
  // who signs in with SSO after the move gets a new, empty account. `sso_pending` is
  // not copied: a sign-in in flight lasts minutes and is started again.
  table('sso_identities', ['issuer', 'subject', 'user_id', 'created_at'], ['issuer', 'subject']),
  table('sso_group_links', ['group_id', 'idp_group'], ['group_id']),
  table('room_retention', ['room_id', 'days', 'set_by', 'set_at'], ['room_id']),
  // The org chart [ORG1]; the version is a counter row, like the epoch.
  table('departments', ['id', 'name', 'parent_id', 'position', 'created_at'], ['id']),
  table('department_heads', ['department_id', 'user_id'], ['department_id', 'user_id']),
  table('department_members', ['department_id', 'user_id'], ['department_id', 'user_id']),
  table('person_managers', ['user_id', 'manager_id'], ['user_id']),
  table('delegations', ['person_id', 'delegate_id', 'from_date', 'until_date'], ['person_id']),
  table('org_version', ['id', 'version'], ['id']),
  // Approvals [APPR30]: templates before the requests that name them, requests before
  // their logs and people. The signing key is a `meta` row, copied with it.
  table(
    'approval_templates',
    ['id', 'version', 'name', 'body', 'archived', 'created_at', 'created_by'],
    ['id', 'version'],
  ),
  table(
    'approval_requests',
    [
      'id',
      'template_id',
      'template_version',
      'template_name',
      'submitter_id',
      'status',
      'current_approvers',
      'submitted_at',
      'updated_at',
      'entries',
    ],
    ['id'],
  ),
  table('approval_log', ['request_id', 'seq', 'entry'], ['request_id', 'seq']),
  table('approval_people', ['request_id', 'user_id', 'role'], ['request_id', 'user_id', 'role']),
  table(
    'approval_receipts',
    ['action_id', 'actor_id', 'request_id', 'seq', 'created_at'],
    ['action_id'],
  ),
  table(
    'approval_notices',
    ['id', 'user_id', 'request_id', 'seq', 'reason', 'actor_id', 'at', 'read_at'],
    ['id'],
  ),
  // Calendar invites [CAL40]: events before their attendees.
  table(
    'calendar_invites',
    ['calendar_id', 'event_id', 'sequence', 'snapshot', 'published_by', 'updated_at'],
    ['calendar_id', 'event_id'],
  ),
  table(
    'calendar_invitees',
    ['calendar_id', 'event_id', 'user_id', 'removed', 'answer', 'note', 'answered_at'],
    ['calendar_id', 'event_id', 'user_id'],
  ),
  table(
    'approval_files',
    ['id', 'blob', 'content_type', 'size', 'name', 'uploaded_by', 'created_at'],
    ['id'],
  ),
  // Availability [CAL52]: a person's settings and what their device last published.
  table(
    'availability',
    ['user_id', 'time_zone', 'working_hours', 'hidden', 'busy', 'published_at', 'updated_at'],
    ['user_id'],
  ),
  // Calendar subscription URLs [CAL60]: token hashes copied, so the URLs keep working.
  table(
    'calendar_feeds',
    ['id', 'token_hash', 'room_id', 'user_id', 'created_at', 'last_used_at'],
    ['id'],
  ),
  table(
    'files',
    ['room_id', 'id', 'content_type', 'size', 'name', 'uploaded_by', 'created_at'],
    ['room_id', 'id'],
  ),
  {
    ...table('notifications', NOTIFICATION_COLUMNS, ['id']),
    source: `SELECT rowid AS seq, id, user_id, room_id, kind, actor_id, excerpt, at, read_at,
                    anchor FROM notifications`,
    identity: 'seq',
    back: insertBack('notifications', NOTIFICATION_COLUMNS, [
      'rowid',
      ...NOTIFICATION_COLUMNS.slice(1),
    ]),
  },
  table('audit', ['seq', 'at', 'actor_id', 'action', 'target', 'details'], ['seq'], {
    identity: 'seq',
  }),
];

export const DOCUMENT_TABLES: readonly TableCopy[] = [
  {
    target: 'doc_rooms',
    // A room only a snapshot or the log knows (no heads row: cannot happen since the
    // feed exists, but costs nothing) gets the current position as its head, so a
    // device fetches it once, and its last seq from what is stored.
    source: `SELECT room, last_seq, head FROM heads
             UNION ALL
             SELECT r.room,
                    max(coalesce((SELECT max(seq) FROM updates u WHERE u.room = r.room), 0),
                        coalesce((SELECT through_seq FROM snapshots s WHERE s.room = r.room), 0)),
                    coalesce((SELECT position FROM feed_meta WHERE id = 1), 1)
               FROM (SELECT room FROM snapshots UNION SELECT room FROM updates) AS r
              WHERE r.room NOT IN (SELECT room FROM heads)`,
    columns: ['room', 'last_seq', 'head'],
    key: ['room'],
    rowChecked: true,
    back: insertBack('heads', ['room', 'last_seq', 'head']),
  },
  {
    target: 'doc_snapshots',
    source: 'SELECT room, through_seq, data FROM snapshots',
    columns: ['room', 'through_seq', 'data'],
    key: ['room'],
    rowChecked: false,
    back: insertBack('snapshots', ['room', 'through_seq', 'data']),
  },
  {
    target: 'doc_updates',
    source: 'SELECT room, seq, data FROM updates ORDER BY room, seq',
    columns: ['room', 'seq', 'data'],
    key: ['room', 'seq'],
    rowChecked: false,
    back: insertBack('updates', ['room', 'seq', 'data']),
  },
  {
    target: 'doc_quarantine',
    source: 'SELECT room, reason, at FROM quarantine',
    columns: ['room', 'reason', 'at'],
    key: ['room'],
    rowChecked: true,
    back: insertBack('quarantine', ['room', 'reason', 'at']),
  },
  {
    target: 'doc_feed',
    source: 'SELECT id, feed_id, position FROM feed_meta',
    columns: ['id', 'feed_id', 'position'],
    key: ['id'],
    rowChecked: true,
    back: insertBack('feed_meta', ['id', 'feed_id', 'position']),
  },
];

/** Rows the schema migrations create, which the copy replaces rather than adds to. */
export const SINGLETONS = new Set(['access_epoch', 'org_version', 'doc_feed']);
