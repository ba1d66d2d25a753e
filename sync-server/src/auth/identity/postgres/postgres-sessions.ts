import type { SessionRow } from '../rows.js';
import type { SessionStore } from '../session-store.js';
import type { Sql } from './sql.js';

export class PostgresSessions implements SessionStore {
  constructor(private readonly sql: Sql) {}

  async insert(idHash: string, userId: string, at: number, expiresAt: number) {
    await this.sql.rows(
      'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [idHash, userId, at, expiresAt],
    );
  }

  async get(idHash: string) {
    const [row] = await this.sql.rows<SessionRow>(
      'SELECT user_id, expires_at FROM sessions WHERE id_hash = $1',
      [idHash],
    );
    return row;
  }

  async many(idHashes: readonly string[]) {
    const found = new Map<string, SessionRow>();
    if (idHashes.length === 0) return found;
    const rows = await this.sql.rows<SessionRow & { id_hash: string }>(
      'SELECT id_hash, user_id, expires_at FROM sessions WHERE id_hash = ANY($1::text[])',
      [idHashes],
    );
    for (const { id_hash, ...row } of rows) found.set(id_hash, row);
    return found;
  }

  async extend(idHash: string, expiresAt: number) {
    await this.sql.rows('UPDATE sessions SET expires_at = $2 WHERE id_hash = $1', [
      idHash,
      expiresAt,
    ]);
  }

  async delete(idHash: string) {
    await this.sql.rows('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteOf(userId: string) {
    await this.sql.rows('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }
}
