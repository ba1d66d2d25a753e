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
  close(): Promise<void>;
}
