import type { AuditEntry, AuditStore } from '../audit-store.js';
import type { AuditRow } from '../rows.js';
import type { Sql } from './sql.js';

export class PostgresAudit implements AuditStore {
  constructor(private readonly sql: Sql) {}

  async append(entry: AuditEntry) {
    await this.sql.rows(
      'INSERT INTO audit (at, actor_id, action, target, details) VALUES ($1, $2, $3, $4, $5)',
      [entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.details)],
    );
  }

  page(limit: number, before?: number) {
    return this.sql.rows<AuditRow>(
      `SELECT a.seq, a.at, a.actor_id, a.action, a.target, a.details, u.name AS actor_name
         FROM audit a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.seq < $1 ORDER BY a.seq DESC LIMIT $2`,
      [before ?? Number.MAX_SAFE_INTEGER, limit],
    );
  }
}
