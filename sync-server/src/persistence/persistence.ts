/**
 * Where the relay keeps room data. A room is stored as an optional snapshot plus
 * an append-only log of Yjs updates; together they describe the document.
 * Every implementation must pass tests/contract/persistence.contract.ts.
 */
export interface StoredRoom {
  /** Snapshot first (if any), then log updates in append order. */
  updates: Uint8Array[];
  /** Sequence number of the last log entry, 0 when the log is empty. */
  lastSeq: number;
  /** Number of log entries after the snapshot. */
  logLength: number;
}

export interface AppendEntry {
  room: string;
  update: Uint8Array;
}

/** A room whose stored state could not be loaded [ISO3]. */
export interface QuarantineEntry {
  room: string;
  reason: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface Persistence {
  load(room: string): Promise<StoredRoom>;
  /**
   * Stores every entry atomically: all or none (group commit). Resolves once the
   * data is durable, with the last sequence number written per room.
   */
  append(entries: readonly AppendEntry[]): Promise<Map<string, number>>;
  /** Replaces the snapshot and every log entry with seq <= throughSeq by `snapshot`. */
  compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Names of all stored rooms. */
  rooms(): Promise<string[]>;
  /** Marks a room as damaged; its data is kept untouched for an operator [ISO3]. */
  quarantine(entry: QuarantineEntry): Promise<void>;
  /** The room's quarantine entry, or null when it is in service. */
  quarantineOf(room: string): Promise<QuarantineEntry | null>;
  /** Every quarantined room, oldest first. */
  quarantined(): Promise<QuarantineEntry[]>;
  /** Puts a room back in service (after an operator repaired it). */
  release(room: string): Promise<void>;
  close(): Promise<void>;
}
