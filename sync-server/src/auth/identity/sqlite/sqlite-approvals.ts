import type Database from 'better-sqlite3';
import type {
  ApprovalFileRow,
  ApprovalStore,
  BoxQuery,
  NoticeRow,
  RecordsQuery,
  ReceiptRow,
  RequestPersonRow,
  RequestRole,
  RequestRow,
  TemplateRow,
} from '../approval-store.js';
import type { Exec } from './gate.js';

const SIGNING_KEY = 'approvals_signing_key';

export class SqliteApprovals implements ApprovalStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  latestTemplates() {
    return this.exec(() =>
      this.db
        .prepare<[], TemplateRow>(
          `SELECT t.* FROM approval_templates t
            WHERE t.version = (SELECT max(version) FROM approval_templates WHERE id = t.id)
            ORDER BY t.name COLLATE NOCASE, t.id`,
        )
        .all(),
    );
  }

  template(id: string, version?: number) {
    return this.exec(
      () =>
        (version === undefined
          ? this.db
              .prepare<[string], TemplateRow>(
                'SELECT * FROM approval_templates WHERE id = ? ORDER BY version DESC LIMIT 1',
              )
              .get(id)
          : this.db
              .prepare<[string, number], TemplateRow>(
                'SELECT * FROM approval_templates WHERE id = ? AND version = ?',
              )
              .get(id, version)) ?? null,
    );
  }

  insertTemplate(row: TemplateRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO approval_templates (id, version, name, body, archived, created_at, created_by)
           VALUES (@id, @version, @name, @body, @archived, @created_at, @created_by)`,
        )
        .run(row);
    });
  }

  insertFile(row: ApprovalFileRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO approval_files (id, blob, content_type, size, name, uploaded_by, created_at)
           VALUES (@id, @blob, @content_type, @size, @name, @uploaded_by, @created_at)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run(row);
    });
  }

  file(id: string) {
    return this.exec(
      () =>
        this.db
          .prepare<[string], ApprovalFileRow>('SELECT * FROM approval_files WHERE id = ?')
          .get(id) ?? null,
    );
  }

  setArchived(id: string, archived: boolean) {
    return this.exec(() => {
      this.db
        .prepare('UPDATE approval_templates SET archived = ? WHERE id = ?')
        .run(archived ? 1 : 0, id);
    });
  }

  // The transaction already holds SQLite's one write lock (BEGIN IMMEDIATE).
  lockRequest(id: string) {
    return this.request(id);
  }

  request(id: string) {
    return this.exec(
      () =>
        this.db
          .prepare<[string], RequestRow>('SELECT * FROM approval_requests WHERE id = ?')
          .get(id) ?? null,
    );
  }

  insertRequest(row: RequestRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO approval_requests (id, template_id, template_version, template_name,
             submitter_id, status, current_approvers, submitted_at, updated_at, entries)
           VALUES (@id, @template_id, @template_version, @template_name, @submitter_id,
             @status, @current_approvers, @submitted_at, @updated_at, @entries)`,
        )
        .run(row);
    });
  }

  updateRequest(row: RequestRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `UPDATE approval_requests SET status = @status, current_approvers = @current_approvers,
             updated_at = @updated_at, entries = @entries WHERE id = @id`,
        )
        .run(row);
    });
  }

  log(requestId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], string>(
          'SELECT entry FROM approval_log WHERE request_id = ? ORDER BY seq',
        )
        .pluck()
        .all(requestId),
    );
  }

  appendLog(requestId: string, seq: number, entry: string) {
    return this.exec(() => {
      this.db
        .prepare('INSERT INTO approval_log (request_id, seq, entry) VALUES (?, ?, ?)')
        .run(requestId, seq, entry);
    });
  }

  setPeople(requestId: string, people: readonly Omit<RequestPersonRow, 'request_id'>[]) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM approval_people WHERE request_id = ?').run(requestId);
      const insert = this.db.prepare(
        'INSERT OR IGNORE INTO approval_people (request_id, user_id, role) VALUES (?, ?, ?)',
      );
      for (const p of people) insert.run(requestId, p.user_id, p.role);
    });
  }

  isOn(requestId: string, userId: string) {
    return this.exec(
      () =>
        this.db
          .prepare(
            "SELECT 1 FROM approval_people WHERE request_id = ? AND user_id = ? AND role = 'viewer'",
          )
          .get(requestId, userId) !== undefined,
    );
  }

  box({ userId, role, limit, before }: BoxQuery) {
    return this.exec(() =>
      this.db
        .prepare<unknown[], RequestRow>(
          `SELECT r.* FROM approval_people p JOIN approval_requests r ON r.id = p.request_id
            WHERE p.user_id = ? AND p.role = ?
              ${before ? 'AND (r.updated_at < ? OR (r.updated_at = ? AND r.id < ?))' : ''}
            ORDER BY r.updated_at DESC, r.id DESC LIMIT ?`,
        )
        .all(
          userId,
          role,
          ...(before ? [before.updatedAt, before.updatedAt, before.id] : []),
          limit,
        ),
    );
  }

  count(userId: string, role: RequestRole) {
    return this.exec(
      () =>
        this.db
          .prepare<[string, string], number>(
            'SELECT count(*) FROM approval_people WHERE user_id = ? AND role = ?',
          )
          .pluck()
          .get(userId, role) ?? 0,
    );
  }

  records({ templateId, from, to, userId }: RecordsQuery) {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add(
      "r.id IN (SELECT request_id FROM approval_people WHERE user_id = ? AND role = 'viewer')",
      userId,
    );
    add('r.template_id = ?', templateId);
    add('r.submitted_at >= ?', from);
    add('r.submitted_at < ?', to);
    return this.exec(() =>
      this.db
        .prepare<unknown[], RequestRow>(
          `SELECT r.* FROM approval_requests r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY r.submitted_at, r.id`,
        )
        .all(...args),
    );
  }

  receipt(actionId: string) {
    return this.exec(
      () =>
        this.db
          .prepare<[string], ReceiptRow>('SELECT * FROM approval_receipts WHERE action_id = ?')
          .get(actionId) ?? null,
    );
  }

  insertReceipt(row: ReceiptRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO approval_receipts (action_id, actor_id, request_id, seq, created_at)
           VALUES (@action_id, @actor_id, @request_id, @seq, @created_at)`,
        )
        .run(row);
    });
  }

  insertNotices(rows: readonly NoticeRow[]) {
    return this.exec(() => {
      const insert = this.db.prepare(
        `INSERT INTO approval_notices (id, user_id, request_id, seq, reason, actor_id, at, read_at)
         VALUES (@id, @user_id, @request_id, @seq, @reason, @actor_id, @at, @read_at)`,
      );
      for (const row of rows) insert.run(row);
    });
  }

  notices(userId: string, limit: number) {
    return this.exec(() =>
      this.db
        .prepare<[string, number], NoticeRow & { template_name: string }>(
          `SELECT n.*, r.template_name FROM approval_notices n
             JOIN approval_requests r ON r.id = n.request_id
            WHERE n.user_id = ? ORDER BY n.at DESC, n.rowid DESC LIMIT ?`,
        )
        .all(userId, limit),
    );
  }

  markNoticesRead(userId: string, ids: readonly string[], at: number) {
    return this.exec(() => {
      const mark = this.db.prepare(
        'UPDATE approval_notices SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL',
      );
      for (const id of ids) mark.run(at, id, userId);
    });
  }

  signingSeed(fresh: string) {
    return this.exec(() => {
      // OR IGNORE: when the relay and the command line race, both end up with the first one.
      this.db
        .prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)')
        .run(SIGNING_KEY, fresh);
      return this.db
        .prepare<[string], string>('SELECT value FROM meta WHERE key = ?')
        .pluck()
        .get(SIGNING_KEY) as string;
    });
  }
}
