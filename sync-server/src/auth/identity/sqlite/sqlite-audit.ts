import type Database from 'better-sqlite3';
import type { AuditEntry, AuditStore } from '../audit-store.js';
import type { AuditRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteAudit implements AuditStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  append(entry: AuditEntry) {
    return this.exec(() => {
      this.db
        .prepare('INSERT INTO audit (at, actor_id, action, target, details) VALUES (?, ?, ?, ?, ?)')
        .run(entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.details));
    });
  }

  page(limit: number, before?: number) {
    return this.exec(() =>
      this.db
        .prepare<[number, number], AuditRow>(
          `SELECT a.*, u.name AS actor_name FROM audit a LEFT JOIN users u ON u.id = a.actor_id
           WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
        )
        .all(before ?? Number.MAX_SAFE_INTEGER, limit),
    );
  }
}
