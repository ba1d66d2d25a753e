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
}

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
  ...extra,
});

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
  },
  table('users', ['id', 'email', 'name', 'password_hash', 'role', 'active', 'created_at'], ['id']),
  table('groups', ['id', 'name', 'created_at'], ['id']),
  table('group_members', ['group_id', 'user_id'], ['group_id', 'user_id']),
  {
    ...table(
      'invites',
      [
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
      ],
      ['id'],
    ),
    source: `SELECT rowid AS seq, id, token_hash, role, group_ids, created_by, created_at,
                    expires_at, max_uses, uses, revoked_at FROM invites`,
    identity: 'seq',
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
  table('room_retention', ['room_id', 'days', 'set_by', 'set_at'], ['room_id']),
  table(
    'files',
    ['room_id', 'id', 'content_type', 'size', 'name', 'uploaded_by', 'created_at'],
    ['room_id', 'id'],
  ),
  {
    ...table(
      'notifications',
      ['seq', 'id', 'user_id', 'room_id', 'kind', 'actor_id', 'excerpt', 'at', 'read_at'],
      ['id'],
    ),
    source: `SELECT rowid AS seq, id, user_id, room_id, kind, actor_id, excerpt, at, read_at
               FROM notifications`,
    identity: 'seq',
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
  },
  {
    target: 'doc_snapshots',
    source: 'SELECT room, through_seq, data FROM snapshots',
    columns: ['room', 'through_seq', 'data'],
    key: ['room'],
    rowChecked: false,
  },
  {
    target: 'doc_updates',
    source: 'SELECT room, seq, data FROM updates ORDER BY room, seq',
    columns: ['room', 'seq', 'data'],
    key: ['room', 'seq'],
    rowChecked: false,
  },
  {
    target: 'doc_quarantine',
    source: 'SELECT room, reason, at FROM quarantine',
    columns: ['room', 'reason', 'at'],
    key: ['room'],
    rowChecked: true,
  },
  {
    target: 'doc_feed',
    source: 'SELECT id, feed_id, position FROM feed_meta',
    columns: ['id', 'feed_id', 'position'],
    key: ['id'],
    rowChecked: true,
  },
];

/** Rows the schema migrations create, which the copy replaces rather than adds to. */
export const SINGLETONS = new Set(['access_epoch', 'doc_feed']);
