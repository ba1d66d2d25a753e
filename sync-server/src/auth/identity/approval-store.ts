/** One version of a template; `body` is the Template's JSON (shared/approvals/template.ts). */
export interface TemplateRow {
  id: string;
  version: number;
  name: string;
  body: string;
  /** 1: takes no new requests. Kept on every version of the template alike. */
  archived: number;
  created_at: number;
  created_by: string;
}

/**
 * A request as the box queries read it. Everything but the id, template and
 * submitter is recomputed from the log at every append, never taken from a client.
 */
export interface RequestRow {
  id: string;
  template_id: string;
  template_version: number;
  template_name: string;
  submitter_id: string;
  status: string;
  /** JSON array of the people who may decide now. */
  current_approvers: string;
  submitted_at: string;
  updated_at: string;
  entries: number;
}

/**
 * Why a person is listed on a request; `viewer` is everyone who may read it, `ahead`
 * everyone holding a place not decided yet on a pending request ([APPR83]).
 */
export type RequestRole = 'viewer' | 'submitter' | 'current' | 'approved' | 'cc' | 'ahead';

export interface RequestPersonRow {
  request_id: string;
  user_id: string;
  role: RequestRole;
}

/** A client action id already appended: its retry answers this entry again [APPR35]. */
export interface ReceiptRow {
  action_id: string;
  actor_id: string;
  request_id: string;
  seq: number;
  created_at: number;
}

/** Why a person is told a request moved [APPR40]. */
export type NoticeReason =
  'toApprove' | 'transferred' | 'approved' | 'rejected' | 'returned' | 'cc' | 'urged' | 'commented';

export interface NoticeRow {
  id: string;
  user_id: string;
  request_id: string;
  /** The log entry that moved it. */
  seq: number;
  reason: NoticeReason;
  actor_id: string;
  at: number;
  read_at: number | null;
}

/**
 * An approval attachment [APPR85]: `id` is the SHA-256 of its bytes (what the signed
 * log names), `blob` the key its bytes are stored under (apart from room files).
 */
export interface ApprovalFileRow {
  id: string;
  blob: string;
  content_type: string;
  size: number;
  name: string;
  uploaded_by: string;
  created_at: number;
}

/** Newest first by (updated_at, id); `before` continues after that pair. */
export interface BoxQuery {
  userId: string;
  role: RequestRole;
  limit: number;
  before?: { updatedAt: string; id: string } | undefined;
}

/**
 * Requests for the records ([APPR64], [APPR66]), oldest first by (submitted_at, id):
 * of one template, submitted in [from, to) (ISO 8601 UTC), and with `userId` only
 * those the person may read (role `viewer`).
 */
export interface RecordsQuery {
  templateId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  userId?: string | undefined;
}

/**
 * Approval templates, requests, their signed logs, action receipts and the relay's
 * signing key (APPROVALS.md [APPR30]–). The rules (the state machine, who may read a
 * request) are the caller's (approvals/approval-service.ts), inside one transaction.
 */
export interface ApprovalStore {
  /** The latest version of each template, by name. */
  latestTemplates(): Promise<TemplateRow[]>;
  /** A given version, or the latest when `version` is omitted. */
  template(id: string, version?: number): Promise<TemplateRow | null>;
  insertTemplate(row: TemplateRow): Promise<void>;
  setArchived(id: string, archived: boolean): Promise<void>;
  /**
   * The request, locked until the transaction ends (PostgreSQL: FOR UPDATE), so that
   * appends to one request are serialised even across relays [APPR27].
   */
  lockRequest(id: string): Promise<RequestRow | null>;
  request(id: string): Promise<RequestRow | null>;
  insertRequest(row: RequestRow): Promise<void>;
  updateRequest(row: RequestRow): Promise<void>;
  /** The entries' JSON in seq order. */
  log(requestId: string): Promise<string[]>;
  appendLog(requestId: string, seq: number, entry: string): Promise<void>;
  /** Replaces who is on the request in which role. */
  setPeople(
    requestId: string,
    people: readonly Omit<RequestPersonRow, 'request_id'>[],
  ): Promise<void>;
  isOn(requestId: string, userId: string): Promise<boolean>;
  box(query: BoxQuery): Promise<RequestRow[]>;
  count(userId: string, role: RequestRole): Promise<number>;
  records(query: RecordsQuery): Promise<RequestRow[]>;
  receipt(actionId: string): Promise<ReceiptRow | null>;
  insertReceipt(row: ReceiptRow): Promise<void>;
  insertNotices(rows: readonly NoticeRow[]): Promise<void>;
  /** The person's newest `limit`, newest first, with the request's template name. */
  notices(userId: string, limit: number): Promise<(NoticeRow & { template_name: string })[]>;
  /** Marks those of `ids` that are the person's and unread. */
  markNoticesRead(userId: string, ids: readonly string[], at: number): Promise<void>;
  /** Keeps the first row when the same bytes are uploaded again. */
  insertFile(row: ApprovalFileRow): Promise<void>;
  file(id: string): Promise<ApprovalFileRow | null>;
  /**
   * The relay's signing key seed (hex): the stored one, or `fresh` stored now when
   * there is none. Relays starting together all end up with the first one stored.
   */
  signingSeed(fresh: string): Promise<string>;
}
