import type Database from 'better-sqlite3';
import type { SsoGroupLinkRow, SsoPendingRow } from '../rows.js';
import type { SsoStore } from '../sso-store.js';
import type { Exec } from './gate.js';

export class SqliteSso implements SsoStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  insertPending(row: SsoPendingRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO sso_pending (state, binding_hash, nonce, code_verifier, return_to, invite_hash, expires_at)
           VALUES (@state, @binding_hash, @nonce, @code_verifier, @return_to, @invite_hash, @expires_at)`,
        )
        .run(row);
    });
  }

  takePending(state: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], SsoPendingRow>('DELETE FROM sso_pending WHERE state = ? RETURNING *')
        .get(state),
    );
  }

  dropExpiredPending(now: number) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM sso_pending WHERE expires_at <= ?').run(now);
    });
  }

  linkedUser(issuer: string, subject: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string], string>(
          'SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?',
        )
        .pluck()
        .get(issuer, subject),
    );
  }

  link(issuer: string, subject: string, userId: string, at: number) {
    return this.exec(() => {
      this.db
        .prepare(
          'INSERT INTO sso_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(issuer, subject, userId, at);
    });
  }

  groupLinks() {
    return this.exec(() =>
      this.db
        .prepare<[], SsoGroupLinkRow>(
          'SELECT group_id, idp_group FROM sso_group_links ORDER BY group_id',
        )
        .all(),
    );
  }

  setGroupLink(groupId: string, idpGroup: string | null) {
    return this.exec(() => {
      if (idpGroup === null)
        this.db.prepare('DELETE FROM sso_group_links WHERE group_id = ?').run(groupId);
      else
        this.db
          .prepare(
            `INSERT INTO sso_group_links (group_id, idp_group) VALUES (?, ?)
             ON CONFLICT (group_id) DO UPDATE SET idp_group = excluded.idp_group`,
          )
          .run(groupId, idpGroup);
    });
  }
}
