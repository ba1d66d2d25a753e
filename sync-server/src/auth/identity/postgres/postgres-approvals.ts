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
import type { Sql } from './sql.js';

const SIGNING_KEY = 'approvals_signing_key';

export class PostgresApprovals implements ApprovalStore {
  constructor(private readonly sql: Sql) {}

  latestTemplates() {
    return this.sql.rows<TemplateRow>(
      `SELECT * FROM (SELECT DISTINCT ON (id) * FROM approval_templates ORDER BY id, version DESC) t
        ORDER BY lower(name), id`,
    );
  }

  async template(id: string, version?: number) {
    const [row] =
      version === undefined
        ? await this.sql.rows<TemplateRow>(
            'SELECT * FROM approval_templates WHERE id = $1 ORDER BY version DESC LIMIT 1',
            [id],
          )
        : await this.sql.rows<TemplateRow>(
            'SELECT * FROM approval_templates WHERE id = $1 AND version = $2',
            [id, version],
          );
    return row ?? null;
  }

  async insertTemplate(row: TemplateRow) {
    await this.sql.rows(
      `INSERT INTO approval_templates (id, version, name, body, archived, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.version, row.name, row.body, row.archived, row.created_at, row.created_by],
    );
  }

  async setArchived(id: string, archived: boolean) {
    await this.sql.rows('UPDATE approval_templates SET archived = $2 WHERE id = $1', [
      id,
      archived ? 1 : 0,
    ]);
  }

  async lockRequest(id: string) {
    const [row] = await this.sql.rows<RequestRow>(
      'SELECT * FROM approval_requests WHERE id = $1 FOR UPDATE',
      [id],
    );
    return row ?? null;
  }

  async request(id: string) {
    const [row] = await this.sql.rows<RequestRow>('SELECT * FROM approval_requests WHERE id = $1', [
      id,
    ]);
    return row ?? null;
  }

  async insertRequest(r: RequestRow) {
    await this.sql.rows(
      `INSERT INTO approval_requests (id, template_id, template_version, template_name,
         submitter_id, status, current_approvers, submitted_at, updated_at, entries)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        r.id,
        r.template_id,
        r.template_version,
        r.template_name,
        r.submitter_id,
        r.status,
        r.current_approvers,
        r.submitted_at,
        r.updated_at,
        r.entries,
      ],
    );
  }

  async updateRequest(r: RequestRow) {
    await this.sql.rows(
      `UPDATE approval_requests SET status = $2, current_approvers = $3, updated_at = $4,
         entries = $5 WHERE id = $1`,
      [r.id, r.status, r.current_approvers, r.updated_at, r.entries],
    );
  }

  async log(requestId: string) {
    const rows = await this.sql.rows<{ entry: string }>(
      'SELECT entry FROM approval_log WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return rows.map((r) => r.entry);
  }

  async appendLog(requestId: string, seq: number, entry: string) {
    await this.sql.rows('INSERT INTO approval_log (request_id, seq, entry) VALUES ($1, $2, $3)', [
      requestId,
      seq,
      entry,
    ]);
  }

  setPeople(requestId: string, people: readonly Omit<RequestPersonRow, 'request_id'>[]) {
    return this.sql.atomic(async (sql) => {
      await sql.rows('DELETE FROM approval_people WHERE request_id = $1', [requestId]);
      if (people.length === 0) return;
      await sql.rows(
        `INSERT INTO approval_people (request_id, user_id, role)
         SELECT $1, u, r FROM unnest($2::text[], $3::text[]) AS p(u, r)
         ON CONFLICT DO NOTHING`,
        [requestId, people.map((p) => p.user_id), people.map((p) => p.role)],
      );
    });
  }

  async isOn(requestId: string, userId: string) {
    const rows = await this.sql.rows(
      "SELECT 1 FROM approval_people WHERE request_id = $1 AND user_id = $2 AND role = 'viewer'",
      [requestId, userId],
    );
    return rows.length > 0;
  }

  box({ userId, role, limit, before }: BoxQuery) {
    return this.sql.rows<RequestRow>(
      `SELECT r.* FROM approval_people p JOIN approval_requests r ON r.id = p.request_id
        WHERE p.user_id = $1 AND p.role = $2
          ${before ? 'AND (r.updated_at, r.id) < ($4, $5)' : ''}
        ORDER BY r.updated_at DESC, r.id DESC LIMIT $3`,
      [userId, role, limit, ...(before ? [before.updatedAt, before.id] : [])],
    );
  }

  async count(userId: string, role: RequestRole) {
    const [row] = await this.sql.rows<{ n: number }>(
      'SELECT count(*)::int AS n FROM approval_people WHERE user_id = $1 AND role = $2',
      [userId, role],
    );
    return row?.n ?? 0;
  }

  records({ templateId, from, to, userId }: RecordsQuery) {
    const where: string[] = [];
    const args: string[] = [];
    const add = (clause: (n: string) => string, value: string | undefined) => {
      if (value === undefined) return;
      args.push(value);
      where.push(clause(`$${args.length}`));
    };
    add(
      (n) =>
        `r.id IN (SELECT request_id FROM approval_people WHERE user_id = ${n} AND role = 'viewer')`,
      userId,
    );
    add((n) => `r.template_id = ${n}`, templateId);
    add((n) => `r.submitted_at >= ${n}`, from);
    add((n) => `r.submitted_at < ${n}`, to);
    return this.sql.rows<RequestRow>(
      `SELECT r.* FROM approval_requests r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.submitted_at, r.id`,
      args,
    );
  }

  async receipt(actionId: string) {
    const [row] = await this.sql.rows<ReceiptRow>(
      'SELECT * FROM approval_receipts WHERE action_id = $1',
      [actionId],
    );
    return row ?? null;
  }

  async insertReceipt(r: ReceiptRow) {
    await this.sql.rows(
      `INSERT INTO approval_receipts (action_id, actor_id, request_id, seq, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [r.action_id, r.actor_id, r.request_id, r.seq, r.created_at],
    );
  }

  async insertNotices(rows: readonly NoticeRow[]) {
    for (const n of rows)
      await this.sql.rows(
        `INSERT INTO approval_notices (id, user_id, request_id, seq, reason, actor_id, at, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [n.id, n.user_id, n.request_id, n.seq, n.reason, n.actor_id, n.at, n.read_at],
      );
  }

  notices(userId: string, limit: number) {
    return this.sql.rows<NoticeRow & { template_name: string }>(
      `SELECT n.*, r.template_name FROM approval_notices n
         JOIN approval_requests r ON r.id = n.request_id
        WHERE n.user_id = $1 ORDER BY n.at DESC, n.id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  async markNoticesRead(userId: string, ids: readonly string[], at: number) {
    await this.sql.rows(
      `UPDATE approval_notices SET read_at = $3
        WHERE id = ANY($2::text[]) AND user_id = $1 AND read_at IS NULL`,
      [userId, ids, at],
    );
  }

  async insertFile(row: ApprovalFileRow) {
    await this.sql.rows(
      `INSERT INTO approval_files (id, blob, content_type, size, name, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [row.id, row.blob, row.content_type, row.size, row.name, row.uploaded_by, row.created_at],
    );
  }

  async file(id: string) {
    const [row] = await this.sql.rows<ApprovalFileRow>(
      'SELECT * FROM approval_files WHERE id = $1',
      [id],
    );
    return row ? { ...row, size: Number(row.size), created_at: Number(row.created_at) } : null;
  }

  async signingSeed(fresh: string) {
    // Relays starting together all try: the first insert wins, everyone reads it.
    await this.sql.rows(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [SIGNING_KEY, fresh],
    );
    const [row] = await this.sql.rows<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
      SIGNING_KEY,
    ]);
    if (!row) throw new Error('the approvals signing key vanished right after it was stored');
    return row.value;
  }
}
