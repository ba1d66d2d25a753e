import type { AuditRow } from './rows.js';

export interface AuditEntry {
  at: number;
  actorId: string | null;
  action: string;
  target: string | null;
  details: object;
}

/** The append-only log of who changed what; entries are numbered in order (seq). */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Up to `limit` entries before seq `before` (default: the newest), newest first. */
  page(limit: number, before?: number): Promise<AuditRow[]>;
}
