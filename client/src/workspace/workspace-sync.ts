import { createSignal } from 'solid-js';
import type { DirectoryRoom } from '../../../shared/api/schemas.js';
import type { Feed } from '../../../shared/protocol/mux.js';
import type { RoomHandle } from '../sync/doc-registry.js';
import { CatchUp, type CatchUpProgress, type PartPriority } from '../sync/feed/catch-up.js';
import type { FeedStore } from '../sync/feed/feed-store.js';
import { RoomSummaries, type SummaryStore } from './room-summaries.js';
import { SummaryEngine, type Summarizer } from './summary-engine.js';

/** The parts of the workspace connection the feed needs (PROTOCOL.md [FEED1]-[FEED3]). */
export interface FeedConnection {
  onFeed(listener: (feed: Feed) => void): () => void;
  onDirectory(listener: () => void): () => void;
  requestHeads(roomIds: readonly string[]): void;
}

/** The parts of the DocRegistry the feed needs. */
export interface PartRegistry {
  acquire(room: string): RoomHandle;
  onChange(listener: (room: string) => void): () => void;
  isOpen(room: string): boolean;
}

export interface WorkspaceSyncOptions {
  connection: FeedConnection;
  registry: PartRegistry;
  feedStore: FeedStore;
  summaryStore: SummaryStore;
  summarizers: readonly Summarizer[];
  /** The directory this device holds (reactive in the app; read on every change). */
  directory: () => readonly DirectoryRoom[];
  /** Re-reads the directory (after a `directory` frame). */
  refreshDirectory: () => void;
  /** Order of background fetches beyond "open first" (lower first). */
  priority?: PartPriority;
  concurrency?: number;
  /** How often a fetch checks whether its part is synced and saved (ms). */
  pollMs?: number;
  onError?: (what: string, error: unknown) => void;
}

/** The room's copy is current with the relay and on disk; rejects if the relay stopped it. */
function settledWithRelay(handle: RoomHandle, pollMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const status = handle.status();
      if (status.kind === 'error' && !status.retrying) {
        clearInterval(timer);
        reject(new Error(`${handle.room}: ${status.reason}`));
      } else if (status.kind === 'synced' && handle.savedLocally()) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, pollMs);
    check();
  });
}

function loadedLocally(handle: RoomHandle, pollMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (handle.loaded()) return resolve();
    const timer = setInterval(() => {
      if (!handle.loaded()) return;
      clearInterval(timer);
      resolve();
    }, pollMs);
  });
}

/**
 * The device's view of the whole workspace without holding it open: the feed of room
 * heads drives background fetches of every readable part (CatchUp), and every change
 * to a part on the device, fetched or live, updates that room's summaries.
 */
export class WorkspaceSync {
  readonly catchUp: CatchUp;
  readonly summaries: RoomSummaries;
  readonly engine: SummaryEngine;
  readonly #options: WorkspaceSyncOptions;
  readonly #stops: (() => void)[] = [];
  readonly #progress = createSignal<CatchUpProgress>({
    parts: 0,
    current: 0,
    rooms: 0,
    roomsCurrent: 0,
    fetching: 0,
  });
  #checkedSummaries = false;
  /** Rooms whose heads were asked for in this session. */
  readonly #asked = new Set<string>();
  #kindIndex: { rooms: readonly DirectoryRoom[]; byId: Map<string, DirectoryRoom['kind']> } | null =
    null;

  constructor(options: WorkspaceSyncOptions) {
    this.#options = options;
    const pollMs = options.pollMs ?? 25;
    const { registry, connection } = options;
    this.summaries = new RoomSummaries(options.summaryStore);
    this.engine = new SummaryEngine({
      summaries: this.summaries,
      summarizers: options.summarizers,
      open: async (part) => {
        const handle = registry.acquire(part);
        await loadedLocally(handle, pollMs);
        return { doc: handle.doc, release: handle.release };
      },
      kindOf: (roomId) => this.#kinds().get(roomId) ?? null,
      onError: (roomId, error) => options.onError?.(`summary of ${roomId}`, error),
    });
    const rank = options.priority ?? (() => 0);
    this.catchUp = new CatchUp({
      store: options.feedStore,
      concurrency: options.concurrency ?? 6,
      priority: (part) => (registry.isOpen(part) ? -1 : rank(part)),
      fetchPart: async (part) => {
        const handle = registry.acquire(part);
        try {
          await settledWithRelay(handle, pollMs);
        } finally {
          handle.release();
        }
      },
      onError: (part, error) => options.onError?.(`fetch of ${part}`, error),
    });
    this.#stops.push(
      connection.onFeed((feed) => this.catchUp.receive(feed)),
      connection.onDirectory(() => options.refreshDirectory()),
      registry.onChange((part) => this.engine.changed(part)),
      this.catchUp.onFetched((part) => this.engine.changed(part)),
      this.catchUp.onProgress((progress) => this.#progress[1](progress)),
    );
  }

  /**
   * The directory was read: asks the relay for the parts of rooms new to this device
   * [FEED3] and builds summaries that are missing. Call after every directory change.
   */
  directoryChanged(): void {
    // Rooms are "new" only against the stored ledger, never against one still loading.
    void this.catchUp.ready().then(() => {
      this.#askForNewRooms();
      void this.#summariseMissing();
    });
  }

  /**
   * Once per session: rooms the device holds but has no summary for get one [HOME7].
   * A summary is written 50 ms after a change, so a tab closed right after sending
   * leaves the message on the device without it; an upgrade that adds a summarizer
   * does the same for every room. One room at a time, in the background, so that a
   * thousand missing summaries never open a thousand rooms at once; rooms the device
   * never fetched are left to the catch-up, which summarises as it fetches.
   */
  async #summariseMissing(): Promise<void> {
    if (this.#checkedSummaries || this.#options.directory().length === 0) return;
    this.#checkedSummaries = true;
    await this.summaries.ready();
    const held = this.catchUp.ledger.heldRoomIds();
    const missing = this.#options
      .directory()
      .filter(
        (room) =>
          held.has(room.id) &&
          this.#options.summarizers.some(
            (s) => s.kinds.includes(room.kind) && this.summaries.peek(room.id, s.key) === undefined,
          ),
      );
    for (const room of missing) await this.engine.run(room.id);
  }

  #askForNewRooms(): void {
    // A device that never had a hello answered gets every readable part in that answer.
    if (this.catchUp.ledger.cursor.feedId === '') return;
    const known = this.catchUp.ledger.roomIds();
    const fresh = this.#options
      .directory()
      .map((room) => room.id)
      .filter((id) => !known.has(id) && !this.#asked.has(id));
    for (const id of fresh) this.#asked.add(id);
    if (fresh.length > 0) this.#options.connection.requestHeads(fresh);
    this.catchUp.retry();
  }

  /** Rooms that left the directory: forget their heads and summaries. */
  forgetRooms(roomIds: readonly string[]): void {
    this.catchUp.forgetRooms(roomIds);
    this.summaries.forget(roomIds);
    for (const id of roomIds) this.#asked.delete(id);
  }

  /** Room kinds by id, built once per directory: a catch-up summarises thousands of rooms. */
  #kinds(): Map<string, DirectoryRoom['kind']> {
    const rooms = this.#options.directory();
    if (this.#kindIndex?.rooms !== rooms) {
      this.#kindIndex = { rooms, byId: new Map(rooms.map((room) => [room.id, room.kind])) };
    }
    return this.#kindIndex.byId;
  }

  /** The device's data is being wiped (sign-out, deactivation): start from nothing. */
  reset(): void {
    this.#checkedSummaries = false;
    this.catchUp.reset();
    this.summaries.clear();
    this.#asked.clear();
  }

  /** How far the device is with the feed (reactive). */
  progress(): CatchUpProgress {
    return this.#progress[0]();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.catchUp.stop();
    this.engine.stop();
  }
}
