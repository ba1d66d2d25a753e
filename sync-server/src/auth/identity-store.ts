import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { AccessLevel, GrantLevel, Role } from '../../../shared/access/levels.js';
import type { AccessRule, Subject } from '../../../shared/access/evaluate.js';
import type { RoomKind } from '../../../shared/api/schemas.js';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  active: 0 | 1;
  created_at: number;
}

export interface RoomRow {
  id: string;
  kind: RoomKind;
  title: string;
  owner_id: string;
  workspace_level: AccessLevel;
  created_at: number;
  /** The doc this one nests under (docs only); null at the top level. */
  parent_id: string | null;
  /** When the room went to the trash; null when it is not in the trash. */
  trashed_at: number | null;
}

export interface FileRow {
  room_id: string;
  id: string;
  content_type: string;
  size: number;
  name: string;
  uploaded_by: string;
  created_at: number;
}

export interface InviteRow {
  id: string;
  token_hash: string;
  role: Role;
  group_ids: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  max_uses: number;
  uses: number;
  revoked_at: number | null;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  details: string;
}

interface GrantRow {
  subject_type: 'group' | 'user';
  subject_id: string;
  level: GrantLevel;
}

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
  CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT,
    action TEXT NOT NULL, target TEXT, details TEXT NOT NULL);
`;

export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Identity, membership, groups, rooms and their access rules, in the relay's own
 * SQLite file (`identity.sqlite`), not in CRDTs: authorization must never merge
 * offline. Every change that can alter someone's access bumps `epoch` in the same
 * transaction, so a relay watching the epoch notices changes made by other
 * processes (the operator command line) too.
 */
export class IdentityStore {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.migrate();
  }

  /** Columns added after the first release, for identity files made before them. */
  private migrate(): void {
    const columns = new Set(
      this.db
        .prepare<[], { name: string }>('PRAGMA table_info(rooms)')
        .all()
        .map((c) => c.name),
    );
    if (!columns.has('parent_id')) this.db.exec('ALTER TABLE rooms ADD COLUMN parent_id TEXT');
    if (!columns.has('trashed_at')) this.db.exec('ALTER TABLE rooms ADD COLUMN trashed_at INTEGER');
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one transaction. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  meta(key: string): string | null {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
      .get(key);
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** A counter bumped by every access-relevant change, read by the connection guard. */
  epoch(): number {
    return Number(this.meta('epoch') ?? 0);
  }

  bumpEpoch(): void {
    this.db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('epoch', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
      )
      .run();
  }

  /** The token signing secret, created on first use. */
  secret(): string {
    const existing = this.meta('token_secret');
    if (existing) return existing;
    // OR IGNORE: when the relay and the command line race, both end up with the first one.
    this.db
      .prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('token_secret', ?)")
      .run(randomBytes(32).toString('base64url'));
    return this.meta('token_secret')!;
  }

  workspace(): { name: string } | null {
    return (
      this.db.prepare<[], { name: string }>('SELECT name FROM workspace WHERE id = 1').get() ?? null
    );
  }

  createWorkspace(name: string, at: number): void {
    this.db.prepare('INSERT INTO workspace (id, name, created_at) VALUES (1, ?, ?)').run(name, at);
  }

  // -- users ---------------------------------------------------------------

  userById(id: string): UserRow | undefined {
    return this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
  }

  userByEmail(email: string): UserRow | undefined {
    return this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
  }

  users(): UserRow[] {
    return this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name COLLATE NOCASE').all();
  }

  insertUser(row: Omit<UserRow, 'active'>): void {
    this.db
      .prepare(
        `INSERT INTO users (id, email, name, password_hash, role, active, created_at)
         VALUES (@id, @email, @name, @password_hash, @role, 1, @created_at)`,
      )
      .run(row);
  }

  updateUser(
    id: string,
    fields: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'password_hash'>>,
  ): void {
    const keys = Object.keys(fields);
    if (keys.length === 0) return;
    const set = keys.map((k) => `${k} = @${k}`).join(', ');
    this.db.prepare(`UPDATE users SET ${set} WHERE id = @id`).run({ ...fields, id });
  }

  groupsOf(userId: string): string[] {
    return this.db
      .prepare<[string], string>(
        'SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id',
      )
      .pluck()
      .all(userId);
  }

  subject(userId: string): Subject | null {
    const user = this.userById(userId);
    if (!user) return null;
    return {
      id: user.id,
      role: user.role,
      active: user.active === 1,
      groups: new Set(this.groupsOf(userId)),
    };
  }

  /** Every person as an access subject, from two reads (the feed asks for many at once). */
  subjects(): Map<string, Subject> {
    const groups = new Map<string, Set<string>>();
    const members = this.db
      .prepare<[], { group_id: string; user_id: string }>(
        'SELECT group_id, user_id FROM group_members',
      )
      .all();
    for (const m of members)
      groups.set(m.user_id, (groups.get(m.user_id) ?? new Set()).add(m.group_id));
    const users = this.db
      .prepare<[], Pick<UserRow, 'id' | 'role' | 'active'>>('SELECT id, role, active FROM users')
      .all();
    return new Map(
      users.map((u) => [
        u.id,
        { id: u.id, role: u.role, active: u.active === 1, groups: groups.get(u.id) ?? new Set() },
      ]),
    );
  }

  // -- groups --------------------------------------------------------------

  groups(): { id: string; name: string; members: string[] }[] {
    const rows = this.db
      .prepare<[], { id: string; name: string }>('SELECT id, name FROM groups ORDER BY name')
      .all();
    const members = this.db
      .prepare<[string], string>('SELECT user_id FROM group_members WHERE group_id = ?')
      .pluck();
    return rows.map((row) => ({ ...row, members: members.all(row.id) }));
  }

  group(id: string): { id: string; name: string } | undefined {
    return this.db
      .prepare<[string], { id: string; name: string }>('SELECT id, name FROM groups WHERE id = ?')
      .get(id);
  }

  insertGroup(id: string, name: string, at: number): void {
    this.db.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').run(id, name, at);
  }

  renameGroup(id: string, name: string): void {
    this.db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(name, id);
  }

  deleteGroup(id: string): void {
    this.db
      .prepare("DELETE FROM room_grants WHERE subject_type = 'group' AND subject_id = ?")
      .run(id);
    this.db.prepare('DELETE FROM groups WHERE id = ?').run(id);
  }

  setGroupMembers(groupId: string, userIds: readonly string[]): void {
    this.db.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
    const add = this.db.prepare(
      'INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)',
    );
    for (const userId of userIds) add.run(groupId, userId);
  }

  setUserGroups(userId: string, groupIds: readonly string[]): void {
    this.db.prepare('DELETE FROM group_members WHERE user_id = ?').run(userId);
    const add = this.db.prepare(
      'INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)',
    );
    for (const groupId of groupIds) add.run(groupId, userId);
  }

  // -- sessions ------------------------------------------------------------

  insertSession(idHash: string, userId: string, at: number, expiresAt: number): void {
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(idHash, userId, at, expiresAt);
  }

  session(idHash: string): { user_id: string; expires_at: number } | undefined {
    return this.db
      .prepare<[string], { user_id: string; expires_at: number }>(
        'SELECT user_id, expires_at FROM sessions WHERE id_hash = ?',
      )
      .get(idHash);
  }

  extendSession(idHash: string, expiresAt: number): void {
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(expiresAt, idHash);
  }

  deleteSession(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  deleteSessionsOf(userId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  // -- invites -------------------------------------------------------------

  insertInvite(row: Omit<InviteRow, 'uses' | 'revoked_at'>): void {
    this.db
      .prepare(
        `INSERT INTO invites (id, token_hash, role, group_ids, created_by, created_at, expires_at, max_uses)
         VALUES (@id, @token_hash, @role, @group_ids, @created_by, @created_at, @expires_at, @max_uses)`,
      )
      .run(row);
  }

  inviteByTokenHash(hash: string): InviteRow | undefined {
    return this.db
      .prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?')
      .get(hash);
  }

  invites(): InviteRow[] {
    return this.db.prepare<[], InviteRow>('SELECT * FROM invites ORDER BY created_at DESC').all();
  }

  useInvite(id: string): void {
    this.db.prepare('UPDATE invites SET uses = uses + 1 WHERE id = ?').run(id);
  }

  revokeInvite(id: string, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id).changes > 0
    );
  }

  // -- rooms ---------------------------------------------------------------

  room(id: string): RoomRow | undefined {
    return this.db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?').get(id);
  }

  rooms(): RoomRow[] {
    return this.db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY created_at, id').all();
  }

  insertRoom(
    row: Omit<RoomRow, 'parent_id' | 'trashed_at'> & Partial<Pick<RoomRow, 'parent_id'>>,
  ): void {
    this.db
      .prepare(
        `INSERT INTO rooms (id, kind, title, owner_id, workspace_level, created_at, parent_id, trashed_at)
         VALUES (@id, @kind, @title, @owner_id, @workspace_level, @created_at, @parent_id, @trashed_at)`,
      )
      .run({ parent_id: null, ...row, trashed_at: null });
  }

  updateRoom(
    id: string,
    fields: Partial<
      Pick<RoomRow, 'title' | 'owner_id' | 'workspace_level' | 'parent_id' | 'trashed_at'>
    >,
  ): void {
    const keys = Object.keys(fields);
    if (keys.length === 0) return;
    const set = keys.map((k) => `${k} = @${k}`).join(', ');
    this.db.prepare(`UPDATE rooms SET ${set} WHERE id = @id`).run({ ...fields, id });
  }

  transferRooms(fromUserId: string, toUserId: string): string[] {
    const ids = this.db
      .prepare<[string], string>('SELECT id FROM rooms WHERE owner_id = ?')
      .pluck()
      .all(fromUserId);
    this.db.prepare('UPDATE rooms SET owner_id = ? WHERE owner_id = ?').run(toUserId, fromUserId);
    return ids;
  }

  rule(room: RoomRow): AccessRule {
    const grants = this.db
      .prepare<[string], GrantRow>(
        'SELECT subject_type, subject_id, level FROM room_grants WHERE room_id = ?',
      )
      .all(room.id);
    const groups = new Map<string, GrantLevel>();
    const users = new Map<string, GrantLevel>();
    for (const g of grants)
      (g.subject_type === 'group' ? groups : users).set(g.subject_id, g.level);
    return { workspace: room.workspace_level, groups, users };
  }

  /** Every room's rule, from one read of the grants (a directory snapshot). */
  rules(rooms: readonly RoomRow[]): Map<string, AccessRule> {
    const rules = new Map<
      string,
      { workspace: AccessLevel; groups: Map<string, GrantLevel>; users: Map<string, GrantLevel> }
    >();
    for (const room of rooms)
      rules.set(room.id, { workspace: room.workspace_level, groups: new Map(), users: new Map() });
    const grants = this.db
      .prepare<[], GrantRow & { room_id: string }>(
        'SELECT room_id, subject_type, subject_id, level FROM room_grants',
      )
      .all();
    for (const g of grants) {
      const rule = rules.get(g.room_id);
      if (rule) (g.subject_type === 'group' ? rule.groups : rule.users).set(g.subject_id, g.level);
    }
    return rules;
  }

  setGrants(
    roomId: string,
    groups: Iterable<[string, GrantLevel]>,
    users: Iterable<[string, GrantLevel]>,
  ): void {
    this.db.prepare('DELETE FROM room_grants WHERE room_id = ?').run(roomId);
    const add = this.db.prepare(
      'INSERT INTO room_grants (room_id, subject_type, subject_id, level) VALUES (?, ?, ?, ?)',
    );
    for (const [id, level] of groups) add.run(roomId, 'group', id, level);
    for (const [id, level] of users) add.run(roomId, 'user', id, level);
  }

  // -- favourites and files -------------------------------------------------

  favourites(userId: string): Set<string> {
    return new Set(
      this.db
        .prepare<[string], string>('SELECT room_id FROM favourites WHERE user_id = ?')
        .pluck()
        .all(userId),
    );
  }

  setFavourite(userId: string, roomId: string, favourite: boolean): void {
    this.db
      .prepare(
        favourite
          ? 'INSERT OR IGNORE INTO favourites (user_id, room_id) VALUES (?, ?)'
          : 'DELETE FROM favourites WHERE user_id = ? AND room_id = ?',
      )
      .run(userId, roomId);
  }

  file(roomId: string, id: string): FileRow | undefined {
    return this.db
      .prepare<[string, string], FileRow>('SELECT * FROM files WHERE room_id = ? AND id = ?')
      .get(roomId, id);
  }

  insertFile(row: FileRow): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO files (room_id, id, content_type, size, name, uploaded_by, created_at)
         VALUES (@room_id, @id, @content_type, @size, @name, @uploaded_by, @created_at)`,
      )
      .run(row);
  }

  // -- audit ---------------------------------------------------------------

  audit(entry: {
    at: number;
    actorId: string | null;
    action: string;
    target: string | null;
    details: object;
  }): void {
    this.db
      .prepare('INSERT INTO audit (at, actor_id, action, target, details) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.details));
  }

  auditLog(limit: number, before?: number): AuditRow[] {
    return this.db
      .prepare<[number, number], AuditRow>(
        `SELECT a.*, u.name AS actor_name FROM audit a LEFT JOIN users u ON u.id = a.actor_id
         WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
      )
      .all(before ?? Number.MAX_SAFE_INTEGER, limit);
  }
}
