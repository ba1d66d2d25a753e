import type Database from 'better-sqlite3';
import type { SessionRow } from '../rows.js';
import type { SessionStore } from '../session-store.js';
import type { Exec } from './gate.js';

export class SqliteSessions implements SessionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  insert(idHash: string, userId: string, at: number, expiresAt: number) {
    return this.exec(() => {
      this.db
        .prepare(
          'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        )
        .run(idHash, userId, at, expiresAt);
    });
  }

  get(idHash: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], SessionRow>('SELECT user_id, expires_at FROM sessions WHERE id_hash = ?')
        .get(idHash),
    );
  }

  many(idHashes: readonly string[]) {
    return this.exec(() => {
      const found = new Map<string, SessionRow>();
      if (idHashes.length === 0) return found;
      const rows = this.db
        .prepare<[string], SessionRow & { id_hash: string }>(
          `SELECT id_hash, user_id, expires_at FROM sessions
           WHERE id_hash IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(idHashes));
      for (const { id_hash, ...row } of rows) found.set(id_hash, row);
      return found;
    });
  }

  extend(idHash: string, expiresAt: number) {
    return this.exec(() => {
      this.db
        .prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?')
        .run(expiresAt, idHash);
    });
  }

  delete(idHash: string) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    });
  }

  deleteOf(userId: string) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    });
  }
}
