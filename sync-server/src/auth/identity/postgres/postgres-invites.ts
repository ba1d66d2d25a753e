import type { InviteStore } from '../invite-store.js';
import type { InviteRow } from '../rows.js';
import type { Sql } from './sql.js';

const INVITE =
  'id, token_hash, role, group_ids, created_by, created_at, expires_at, max_uses, uses, revoked_at';

export class PostgresInvites implements InviteStore {
  constructor(private readonly sql: Sql) {}

  async insert(row: Omit<InviteRow, 'uses' | 'revoked_at'>) {
    await this.sql.rows(
      `INSERT INTO invites (id, token_hash, role, group_ids, created_by, created_at, expires_at, max_uses)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.token_hash,
        row.role,
        row.group_ids,
        row.created_by,
        row.created_at,
        row.expires_at,
        row.max_uses,
      ],
    );
  }

  async byTokenHash(hash: string) {
    const [row] = await this.sql.rows<InviteRow>(
      `SELECT ${INVITE} FROM invites WHERE token_hash = $1`,
      [hash],
    );
    return row;
  }

  all() {
    return this.sql.rows<InviteRow>(
      `SELECT ${INVITE} FROM invites ORDER BY created_at DESC, seq DESC`,
    );
  }

  async use(id: string) {
    await this.sql.rows('UPDATE invites SET uses = uses + 1 WHERE id = $1', [id]);
  }

  async revoke(id: string, at: number) {
    const revoked = await this.sql.rows(
      'UPDATE invites SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, at],
    );
    return revoked.length > 0;
  }
}
