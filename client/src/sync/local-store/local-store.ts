import type * as Y from 'yjs';

/**
 * A room's copy on this device, as a RoomSync uses it. The store keeps the doc
 * itself: it applies the stored copy when opened and writes every later update (it
 * listens to the doc's 'update' events, registered before anyone else's).
 * Implementations: the workspace store in the browser (workspace-part-store.ts), memory in Node.
 */
export interface LocalRoomStore {
  /** Origin of the transactions in which the store applies its copy to the doc. */
  readonly origin: unknown;
  /**
   * Resolves once the stored copy is in the doc. Rejects when the device keeps no
   * copy (IndexedDB blocked): the room then syncs without one.
   */
  readonly loaded: Promise<void>;
  /** The count of local transactions not yet confirmed, as last written; null if none. */
  readPending(): Promise<number | null>;
  writePending(count: number): Promise<void>;
  /**
   * The relay's state vector from its last confirm, as last written; null if none.
   * Kept so that, after a reload while offline, what the relay already stored still
   * counts as stored [CHAT8].
   */
  readRelayState(): Promise<Uint8Array | null>;
  writeRelayState(stateVector: Uint8Array): Promise<void>;
  /**
   * Call right after a local update was applied (from a later 'update' listener):
   * resolves once that update is on disk; null when there is nothing to wait for.
   */
  whenSaved(): Promise<void> | null;
  /** Stops writing and closes the storage; the data stays. */
  destroy(): Promise<void>;
}

/** Opens the copy of `room` into `doc`. */
export type OpenLocalStore = (room: string, doc: Y.Doc) => LocalRoomStore;
