import type { Head } from '../../../shared/protocol/mux.js';

/**
 * Where the relay keeps room data. A room is stored as an optional snapshot plus
 * an append-only log of Yjs updates; together they describe the document.
 * Every implementation must pass tests/contract/persistence.contract.ts.
 *
 * Several relays (and the operator command line) may write one store at once, so
 * an implementation keeps no state of its own between calls that another writer
 * could change: the next seq of a room and the feed position are read inside the
 * write transaction.
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

/** What one append stored. */
export interface Appended {
  /** The last sequence number written, per room. */
  lastSeqs: Map<string, number>;
  /**
   * The feed position of this append: one more than before when it stored at least
   * one entry (then it is the new head of every room it wrote), else unchanged.
   */
  position: number;
}

/** The storage's feed (PROTOCOL.md, "Workspace connection"). */
export interface FeedState {
  /** Random id made with the storage and kept for its life; a new database gets a new one. */
  feedId: string;
  /** Feed position of the last append that stored anything; 0 in a new database. */
  position: number;
}

/** What a relay lacks of a room after the seq it holds (readSince) [SCALE3]. */
export interface StoredSince {
  /**
   * The room's snapshot when it covers seq afterSeq + 1 (its through_seq > afterSeq,
   * so the log no longer holds that entry); null otherwise.
   */
  snapshot: Uint8Array | null;
  /** Log entries after afterSeq (after the snapshot's through_seq when there is one), in seq order. */
  entries: { seq: number; update: Uint8Array }[];
  /** The room's last seq; 0 for an unknown room. */
  lastSeq: number;
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
   * Stores every entry atomically: all or none (group commit), together with the new
   * feed position and the heads of the rooms written [FEED5]. Resolves once the data
   * is durable.
   */
  append(entries: readonly AppendEntry[]): Promise<Appended>;
  /** The feed id and the current feed position. */
  feed(): Promise<FeedState>;
  /** Every stored room (part) whose head is past `position`, in head order. */
  headsSince(position: number): Promise<Head[]>;
  /** Every stored part of these room ids (`id` and `id:*`), with its head. */
  headsOf(roomIds: readonly string[]): Promise<Head[]>;
  /**
   * What the room stored after `afterSeq`, read in one transaction [SCALE3]: a relay
   * that missed updates of another relay (or loaded the room a moment ago) catches up.
   */
  readSince(room: string, afterSeq: number): Promise<StoredSince>;
  /**
   * Replaces the snapshot and every log entry with seq <= throughSeq by `snapshot`;
   * heads stay. Fenced [SCALE6]: when a stored snapshot already reaches throughSeq
   * or later, it is kept and this stores nothing (silently), and no entry after
   * throughSeq is ever deleted, so a stale compactor can neither overwrite a newer
   * snapshot nor lose an update.
   */
  compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Bytes of every stored snapshot and log entry: what documents take [QUOTA1]. */
  storedBytes(): Promise<number>;
  /**
   * Makes what was deleted unreadable from the store's own files, where the store
   * can [RETAIN4]: SQLite zeroes deleted content (secure_delete) and this moves the
   * write-ahead log into the database and truncates it. Resolves false when a reader
   * kept the log from being truncated (then the next scrub does it).
   */
  scrub(): Promise<boolean>;
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
