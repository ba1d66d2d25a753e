import type Database from 'better-sqlite3';
import type { InviteStore } from '../invite-store.js';
import type { InviteRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteInvites implements InviteStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  insert(row: Omit<InviteRow, 'uses' | 'revoked_at'>) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO invites (id, token_hash, role, group_ids, created_by, created_at, expires_at, max_uses)
           VALUES (@id, @token_hash, @role, @group_ids, @created_by, @created_at, @expires_at, @max_uses)`,
        )
        .run(row);
    });
  }

  byTokenHash(hash: string) {
    return this.exec(() =>
      this.db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?').get(hash),
    );
  }

  all() {
    return this.exec(() =>
      this.db
        .prepare<[], InviteRow>('SELECT * FROM invites ORDER BY created_at DESC, rowid DESC')
        .all(),
    );
  }

  use(id: string) {
    return this.exec(() => {
      this.db.prepare('UPDATE invites SET uses = uses + 1 WHERE id = ?').run(id);
    });
  }

  revoke(id: string, at: number) {
    return this.exec(
      () =>
        this.db
          .prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(at, id).changes > 0,
    );
  }
}
