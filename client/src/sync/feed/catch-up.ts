import type { Feed } from '../../../../shared/protocol/mux.js';
import { FeedLedger, type LedgerWrite } from './feed-ledger.js';
import type { FeedStore } from './feed-store.js';

/** Lower runs first: open views, then DMs, mentions and DINGs, then the rest. */
export type PartPriority = (part: string) => number;

export interface CatchUpOptions {
  store: FeedStore;
  /**
   * Brings one part onto the device: open its local copy, sync it with the relay until
   * the relay's state is applied and written locally, let summaries read it, close it.
   * Resolves when done; rejects when the part cannot be fetched now (it stays outstanding).
   */
  fetchPart: (part: string) => Promise<void>;
  priority?: PartPriority;
  /** Parts fetched at once. */
  concurrency?: number;
  onError?: (part: string, error: unknown) => void;
}

export interface CatchUpProgress {
  /** Room parts the relay announced to this device. */
  parts: number;
  /** Of those, parts on the device at the announced head. */
  current: number;
  /** Rooms with announced parts, and those whose every part is current. */
  rooms: number;
  roomsCurrent: number;
  /** Parts being fetched right now. */
  fetching: number;
}

/**
 * Keeps every readable room part on the device current without holding it open: it
 * records the relay's feed of heads (PROTOCOL.md [FEED1]-[FEED3]) in a FeedLedger,
 * persists it, and fetches outstanding parts a few at a time, most urgent first.
 * A part that advances while it is being fetched is fetched again afterwards.
 */
export class CatchUp {
  readonly #options: Required<Omit<CatchUpOptions, 'onError'>> & Pick<CatchUpOptions, 'onError'>;
  #ledger = new FeedLedger();
  /** The stored ledger is loaded, and every feed frame received so far applied. */
  #ready: Promise<void>;
  #writes: Promise<void> = Promise.resolve();
  readonly #queued = new Set<string>();
  readonly #running = new Set<string>();
  /** Parts whose fetch failed: retried on the next feed frame for them or on retry(). */
  readonly #failed = new Set<string>();
  readonly #listeners = new Set<(progress: CatchUpProgress) => void>();
  readonly #fetchedListeners = new Set<(part: string) => void>();
  #stopped = false;
  /** Bumped by reset(): fetches started before it record nothing. */
  #generation = 0;

  constructor(options: CatchUpOptions) {
    this.#options = { priority: () => 0, concurrency: 6, ...options };
    this.#ready = options.store.load().then(
      ({ cursor, parts }) => {
        this.#ledger = new FeedLedger(cursor, parts);
        for (const part of this.#ledger.outstanding()) this.#queued.add(part);
        this.#publish();
        this.#pump();
      },
      () => {
        // An unreadable ledger is rebuilt from scratch: the relay sends every head again.
      },
    );
  }

  /** Resolves once the stored ledger is loaded (hello must wait for its cursor). */
  ready(): Promise<void> {
    return this.#ready;
  }

  get ledger(): FeedLedger {
    return this.#ledger;
  }

  /** A feed frame from the relay (applied once the stored ledger is loaded, in order). */
  receive(feed: Feed): void {
    this.#ready = this.#ready.then(() => this.#apply(feed));
  }

  #apply(feed: Feed): void {
    if (this.#stopped) return;
    const { write, advanced } = this.#ledger.apply(feed);
    if (write.reset) {
      this.#queued.clear();
      this.#failed.clear();
    }
    this.#persist(write);
    for (const part of advanced) {
      this.#failed.delete(part);
      this.#queued.add(part);
    }
    this.#publish();
    this.#pump();
  }

  /** The device now holds this directory digest (sent in the next hello). */
  directoryHeld(digest: string): void {
    this.#persist(this.#ledger.directory(digest));
  }

  /** Rooms that left the directory: stop fetching them and forget their heads. */
  forgetRooms(roomIds: readonly string[]): void {
    const write = this.#ledger.forgetRooms(roomIds);
    for (const part of write.deleted) {
      this.#queued.delete(part);
      this.#failed.delete(part);
    }
    this.#persist(write);
    this.#publish();
  }

  /** Tries failed parts again (the connection came back, the directory was re-read). */
  retry(): void {
    for (const part of this.#failed) this.#queued.add(part);
    this.#failed.clear();
    this.#pump();
  }

  /** Priorities changed (a view opened): the next picks follow the new order. */
  reprioritize(): void {
    this.#pump();
  }

  progress(): CatchUpProgress {
    return { ...this.#ledger.progress(), fetching: this.#running.size };
  }

  onProgress(listener: (progress: CatchUpProgress) => void): () => void {
    this.#listeners.add(listener);
    listener(this.progress());
    return () => this.#listeners.delete(listener);
  }

  /** Called after each part reached the device (summaries are already updated by fetchPart). */
  onFetched(listener: (part: string) => void): () => void {
    this.#fetchedListeners.add(listener);
    return () => this.#fetchedListeners.delete(listener);
  }

  /** Resolves when every write so far is persisted. */
  flushed(): Promise<void> {
    return this.#writes;
  }

  /**
   * Forgets everything (the device's data is being wiped): an empty ledger, nothing
   * queued. Fetches in flight finish without recording anything.
   */
  reset(): void {
    this.#generation += 1;
    this.#ledger = new FeedLedger();
    this.#queued.clear();
    this.#failed.clear();
    this.#running.clear();
    this.#publish();
  }

  stop(): void {
    this.#stopped = true;
    this.#queued.clear();
    this.#listeners.clear();
    this.#fetchedListeners.clear();
  }

  #persist(write: LedgerWrite): void {
    const store = this.#options.store;
    this.#writes = this.#writes.then(
      () => store.write(write),
      () => store.write(write),
    );
    // A failed write (quota, a closing database) leaves the ledger ahead of its copy: the
    // relay re-announces those heads after the next hello, so nothing is lost.
    this.#writes.catch(() => {});
  }

  #publish(): void {
    const progress = this.progress();
    for (const listener of this.#listeners) listener(progress);
  }

  #pick(): string | null {
    let best: string | null = null;
    let bestRank = Infinity;
    for (const part of this.#queued) {
      const rank = this.#options.priority(part);
      if (rank < bestRank) {
        best = part;
        bestRank = rank;
      }
    }
    return best;
  }

  #pump(): void {
    while (!this.#stopped && this.#running.size < this.#options.concurrency) {
      const part = this.#pick();
      if (part === null) return;
      this.#queued.delete(part);
      if (this.#running.has(part)) continue; // re-queued after it finishes
      this.#start(part);
    }
  }

  #start(part: string): void {
    const target = this.#ledger.heads(part)?.want ?? 0;
    const generation = this.#generation;
    this.#running.add(part);
    this.#publish();
    this.#options.fetchPart(part).then(
      () => {
        if (generation !== this.#generation) return;
        this.#running.delete(part);
        if (this.#stopped) return;
        const write = this.#ledger.fetched(part, target);
        if (write) this.#persist(write);
        const heads = this.#ledger.heads(part);
        if (heads && heads.have < heads.want) this.#queued.add(part);
        for (const listener of this.#fetchedListeners) listener(part);
        this.#publish();
        this.#pump();
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#running.delete(part);
        if (this.#stopped) return;
        this.#failed.add(part);
        this.#options.onError?.(part, error);
        this.#publish();
        this.#pump();
      },
    );
  }
}
