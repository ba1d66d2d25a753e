import type { SsoGroupLinkRow, SsoPendingRow } from '../rows.js';
import type { SsoStore } from '../sso-store.js';
import type { Sql } from './sql.js';

export class PostgresSso implements SsoStore {
  constructor(private readonly sql: Sql) {}

  async insertPending(row: SsoPendingRow) {
    await this.sql.rows(
      `INSERT INTO sso_pending (state, binding_hash, nonce, code_verifier, return_to, invite_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        row.state,
        row.binding_hash,
        row.nonce,
        row.code_verifier,
        row.return_to,
        row.invite_hash,
        row.expires_at,
      ],
    );
  }

  async takePending(state: string) {
    const [row] = await this.sql.rows<SsoPendingRow>(
      'DELETE FROM sso_pending WHERE state = $1 RETURNING *',
      [state],
    );
    return row;
  }

  async dropExpiredPending(now: number) {
    await this.sql.rows('DELETE FROM sso_pending WHERE expires_at <= $1', [now]);
  }

  async linkedUser(issuer: string, subject: string) {
    const [row] = await this.sql.rows<{ user_id: string }>(
      'SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    );
    return row?.user_id;
  }

  async link(issuer: string, subject: string, userId: string, at: number) {
    await this.sql.rows(
      'INSERT INTO sso_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)',
      [issuer, subject, userId, at],
    );
  }

  groupLinks() {
    return this.sql.rows<SsoGroupLinkRow>(
      'SELECT group_id, idp_group FROM sso_group_links ORDER BY group_id',
    );
  }

  async setGroupLink(groupId: string, idpGroup: string | null) {
    if (idpGroup === null)
      await this.sql.rows('DELETE FROM sso_group_links WHERE group_id = $1', [groupId]);
    else
      await this.sql.rows(
        `INSERT INTO sso_group_links (group_id, idp_group) VALUES ($1, $2)
         ON CONFLICT (group_id) DO UPDATE SET idp_group = excluded.idp_group`,
        [groupId, idpGroup],
      );
  }
}
