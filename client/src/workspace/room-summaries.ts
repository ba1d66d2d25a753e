import { createSignal, type Accessor, type Setter } from 'solid-js';
import type { WorkspaceStore } from '../sync/device-store/workspace-store.js';

/** A room's summaries: one small value per feature key (chat unread counts, my tasks, …). */
export type RoomSummary = Readonly<Record<string, unknown>>;

/** Where summaries are kept on the device. */
export interface SummaryStore {
  loadAll(): Promise<[string, RoomSummary][]>;
  put(roomId: string, summary: RoomSummary): Promise<void>;
  delete(roomIds: readonly string[]): Promise<void>;
}

export function memorySummaryStore(): SummaryStore {
  const values = new Map<string, RoomSummary>();
  return {
    loadAll: () => Promise.resolve([...values]),
    put: (roomId, summary) => (values.set(roomId, summary), Promise.resolve()),
    delete: (roomIds) => (roomIds.forEach((id) => values.delete(id)), Promise.resolve()),
  };
}

/** Summaries in the workspace store's `summaries` store (room id → RoomSummary). */
export function workspaceSummaryStore(
  store: Pick<WorkspaceStore, 'allSummaries' | 'putSummary' | 'deleteRooms'>,
): SummaryStore {
  return {
    async loadAll() {
      return [...(await store.allSummaries())].flatMap(([key, value]): [string, RoomSummary][] =>
        // Anything else is not ours: dropped, and rebuilt when the room is next read.
        typeof value === 'object' && value !== null ? [[key, value as RoomSummary]] : [],
      );
    },
    put: (roomId, summary) => store.putSummary(roomId, summary),
    // Summaries go with the room's data (WorkspaceStore.deleteRooms); nothing of their own.
    delete: () => Promise.resolve(),
  };
}

/** How long writes are gathered before views over every room hear of them (ms). */
const BATCH_MS = 50;

/**
 * Per-room summaries kept on the device, so that the sidebar, DING alerts, My tasks,
 * reminders and the briefing read a few bytes per room instead of holding every room
 * open. Reading is reactive per room; writes persist in the background (a lost write
 * only means the summary is rebuilt the next time the room is read).
 *
 * Views over every room (the nav's unread count, Home's cards) track changes() and
 * peek(), not read() of each room: a catch-up writes thousands of summaries one by one,
 * and a computation subscribed to each room re-ran over all of them after every write
 * (quadratic, and a subscription per room re-made on every run).
 */
export class RoomSummaries {
  readonly #store: SummaryStore;
  readonly #batchMs: number;
  #batchTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #values = new Map<string, RoomSummary>();
  readonly #signals = new Map<string, [Accessor<number>, Setter<number>]>();
  readonly #all = createSignal(0);
  readonly #loaded = createSignal(false);
  readonly #ready: Promise<void>;

  constructor(store: SummaryStore, options: { batchMs?: number } = {}) {
    this.#store = store;
    this.#batchMs = options.batchMs ?? BATCH_MS;
    this.#ready = store.loadAll().then(
      (entries) => {
        for (const [roomId, summary] of entries) this.#values.set(roomId, summary);
        this.#touchAll();
        this.#loaded[1](true);
      },
      () => {
        this.#loaded[1](true);
      },
    );
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /** True once the stored summaries are read (reactive). */
  loaded(): boolean {
    return this.#loaded[0]();
  }

  /** The value stored under `key` for the room, or undefined (reactive per room). */
  read(roomId: string, key: string): unknown {
    this.#signal(roomId)[0]();
    return this.#values.get(roomId)?.[key];
  }

  /** Like read(), without tracking (for schedulers outside the UI). */
  peek(roomId: string, key: string): unknown {
    return this.#values.get(roomId)?.[key];
  }

  /**
   * A number that moves once per batch of changes to any room, at most every
   * `batchMs` (reactive): track it and peek() the rooms for a view over all of them.
   */
  changes(): number {
    return this.#all[0]();
  }

  /** Every room that has a value under `key` (reactive per batch of changes, see changes()). */
  entries(key: string): [string, unknown][] {
    this.#all[0]();
    return [...this.#values].flatMap(([roomId, summary]) =>
      key in summary ? [[roomId, summary[key]] as [string, unknown]] : [],
    );
  }

  write(roomId: string, key: string, value: unknown): void {
    const current = this.#values.get(roomId);
    if (current && sameJson(current[key], value)) return;
    const next = { ...current, [key]: value };
    this.#values.set(roomId, next);
    this.#touch(roomId);
    this.#store.put(roomId, next).catch(() => {});
  }

  forget(roomIds: readonly string[]): void {
    const known = roomIds.filter((id) => this.#values.delete(id));
    if (known.length === 0) return;
    for (const id of known) this.#touch(id);
    this.#store.delete(known).catch(() => {});
  }

  /** Forgets everything in memory (the store is wiped with the device's data). */
  clear(): void {
    const ids = [...this.#values.keys()];
    this.#values.clear();
    for (const id of ids) this.#touch(id);
  }

  #signal(roomId: string): [Accessor<number>, Setter<number>] {
    let signal = this.#signals.get(roomId);
    if (!signal) {
      signal = createSignal(0);
      this.#signals.set(roomId, signal);
    }
    return signal;
  }

  #touch(roomId: string): void {
    this.#signals.get(roomId)?.[1]((n) => n + 1);
    if (this.#batchTimer !== null) return;
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = null;
      this.#all[1]((n) => n + 1);
    }, this.#batchMs);
  }

  #touchAll(): void {
    for (const [, [, set]] of this.#signals) set((n) => n + 1);
    this.#all[1]((n) => n + 1);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
