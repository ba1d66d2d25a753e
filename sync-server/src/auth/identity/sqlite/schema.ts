import type Database from 'better-sqlite3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS workspace (
    id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS groups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS group_members (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS invites (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
    group_ids TEXT NOT NULL, created_by TEXT, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, max_uses INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER);
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    workspace_level TEXT NOT NULL CHECK (workspace_level IN ('none', 'read', 'write')),
    created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS room_grants (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('group', 'user')),
    subject_id TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('read', 'write')),
    PRIMARY KEY (room_id, subject_type, subject_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS favourites (
    user_id TEXT NOT NULL REFERENCES users (id),
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, room_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS files (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    id TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL, created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS notifications (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kind TEXT NOT NULL, actor_id TEXT NOT NULL, excerpt TEXT NOT NULL,
    at INTEGER NOT NULL, read_at INTEGER);
  CREATE INDEX IF NOT EXISTS notifications_by_user ON notifications (user_id, at);
  CREATE TABLE IF NOT EXISTS room_retention (
    room_id TEXT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    days INTEGER NOT NULL CHECK (days >= 1), set_by TEXT NOT NULL, set_at INTEGER NOT NULL)
    WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS files_by_id ON files (id);
  CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT,
    action TEXT NOT NULL, target TEXT, details TEXT NOT NULL);
`;

/** Creates what is missing: tables of a new file, columns added after the first release. */
export function prepareSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  const columns = new Set(
    db
      .prepare<[], { name: string }>('PRAGMA table_info(rooms)')
      .all()
      .map((c) => c.name),
  );
  if (!columns.has('parent_id')) db.exec('ALTER TABLE rooms ADD COLUMN parent_id TEXT');
  if (!columns.has('trashed_at')) db.exec('ALTER TABLE rooms ADD COLUMN trashed_at INTEGER');
}
