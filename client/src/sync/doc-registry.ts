import { createSignal } from 'solid-js';
import { parseRoomName } from '../../../shared/protocol/room-name.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { RoomSync } from './room-sync.js';

/** A claim on a room's document; call release() when the view no longer needs it. */
export interface RoomHandle extends Omit<RoomSync, 'destroy' | 'resume'> {
  /** Idempotent. The last release of a room ends its subscription and closes its local copy and doc. */
  readonly release: () => void;
}

export type OpenRoom = (room: string) => RoomSync;

/** Where the registry remembers, across reloads, which parts hold edits not yet on the relay. */
export interface UnsettledParts {
  load(): string[];
  save(parts: readonly string[]): void;
}

export interface DocRegistryOptions {
  unsettled?: UnsettledParts;
  /** How often rooms kept open after their last release are checked (ms). */
  settleCheckMs?: number;
}

interface Entry {
  sync: RoomSync;
  refs: number;
  stopWatching: () => void;
}

/** The key of the unsettled parts list in localStorage (wiped with the device data). */
export const UNSETTLED_PARTS_KEY = 'ws:unsettled-parts';

export function localStorageUnsettledParts(storage: Storage): UnsettledParts {
  return {
    load() {
      try {
        const value: unknown = JSON.parse(storage.getItem(UNSETTLED_PARTS_KEY) ?? '[]');
        return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      } catch {
        return []; // not ours: the parts' own pending counts still hold the truth
      }
    },
    save(parts) {
      if (parts.length === 0) storage.removeItem(UNSETTLED_PARTS_KEY);
      else storage.setItem(UNSETTLED_PARTS_KEY, JSON.stringify(parts));
    },
  };
}

function settled(sync: RoomSync): boolean {
  return sync.pending() === 0 && (!sync.loaded() || sync.savedLocally());
}

/**
 * One Y.Doc per room, shared by every view that acquired it (reference counted). A
 * room released with edits not yet on the relay (or not yet on disk) stays open until
 * they are, so they still sync, the indicator still counts them and the unload guard
 * still covers them. Which parts those are is kept across reloads (`unsettled`): the
 * next start opens them again until they are settled.
 */
export class DocRegistry {
  readonly #open: OpenRoom;
  readonly #entries = new Map<string, Entry>();
  readonly #rooms = createSignal<readonly RoomSync[]>([]);
  readonly #changeListeners = new Set<(room: string) => void>();
  readonly #unsettled: UnsettledParts | null;
  readonly #settleCheckMs: number;
  #settleTimer: ReturnType<typeof setInterval> | null = null;
  #savedUnsettled = '';

  constructor(open: OpenRoom, options: DocRegistryOptions = {}) {
    this.#open = open;
    this.#unsettled = options.unsettled ?? null;
    this.#settleCheckMs = options.settleCheckMs ?? 500;
  }

  /**
   * Opens the parts that held edits not yet on the relay when the app last ran; each
   * is released at once, so it stays open only until its edits are on the relay.
   */
  reopenUnsettled(): void {
    const carried = this.#unsettled?.load() ?? [];
    this.#savedUnsettled = JSON.stringify(carried);
    for (const room of carried) if (parseRoomName(room).ok) this.acquire(room).release();
  }

  /** Calls `listener` with the room name whenever the doc of an open, loaded room changes. */
  onChange(listener: (room: string) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** True when the room is open (acquired, or kept open until its edits are settled). */
  isOpen(room: string): boolean {
    return this.#entries.has(room);
  }

  /** Every room currently acquired, for aggregate status (reactive). */
  rooms(): readonly RoomSync[] {
    return this.#rooms[0]();
  }

  /** True while any acquired room has edits not yet on the relay or not yet on disk. */
  hasUnsavedWork(): boolean {
    return [...this.#entries.values()].some(
      ({ sync }) => sync.pending() > 0 || (sync.loaded() && !sync.savedLocally()),
    );
  }

  acquire(room: string): RoomHandle {
    const parsed = parseRoomName(room);
    if (!parsed.ok) throw new Error(`invalid room name "${room}": ${parsed.error}`);
    let entry = this.#entries.get(room);
    if (!entry) {
      const sync = this.#open(room);
      const onUpdate = () => {
        // Reading the local copy in is not a change (and would make summaries loop).
        if (!sync.loaded()) return;
        for (const listener of this.#changeListeners) listener(room);
      };
      sync.doc.on('update', onUpdate);
      entry = { sync, refs: 0, stopWatching: () => sync.doc.off('update', onUpdate) };
      this.#entries.set(room, entry);
      this.#publish();
      this.#watchSettling();
    }
    entry.refs += 1;
    const claimed = entry;
    const { sync } = entry;
    let released = false;
    return {
      room,
      doc: sync.doc,
      awareness: sync.awareness,
      status: sync.status,
      pending: sync.pending,
      loaded: sync.loaded,
      savedLocally: sync.savedLocally,
      relayState: sync.relayState,
      readOnly: sync.readOnly,
      release: () => {
        if (released) return;
        released = true;
        this.#release(room, claimed);
      },
    };
  }

  /**
   * Closes every open part of a room (`id` and `id:*`) at once, whoever holds it, so its
   * IndexedDB databases can be deleted. Handles still held become inert: their release
   * does nothing, and acquiring the room again opens a fresh copy.
   */
  evict(roomId: string): void {
    this.#evictWhere((room) => roomIdOf(room) === roomId);
  }

  /** Closes every open room (signing out, account deactivated). */
  evictAll(): void {
    this.#evictWhere(() => true);
  }

  /** The directory was re-read: every open room takes its level from it again (RoomSync.resume). */
  resumeStopped(): void {
    for (const { sync } of this.#entries.values()) sync.resume();
  }

  #evictWhere(matches: (room: string) => boolean): void {
    const evicted = [...this.#entries].filter(([room]) => matches(room));
    if (evicted.length === 0) return;
    for (const [room] of evicted) this.#entries.delete(room);
    this.#publish();
    for (const [, entry] of evicted) this.#destroy(entry);
    this.#checkSettling();
  }

  #release(room: string, claimed: Entry): void {
    const entry = this.#entries.get(room);
    if (entry !== claimed) return;
    entry.refs -= 1;
    if (entry.refs > 0 || !settled(entry.sync)) return;
    this.#entries.delete(room);
    this.#publish();
    this.#destroy(entry);
  }

  #destroy(entry: Entry): void {
    entry.stopWatching();
    entry.sync.destroy();
  }

  #watchSettling(): void {
    if (this.#settleTimer !== null) return;
    this.#settleTimer = setInterval(() => this.#checkSettling(), this.#settleCheckMs);
  }

  /** Closes released rooms that settled and records which open parts are unsettled. */
  #checkSettling(): void {
    const closing = [...this.#entries].filter(
      ([, entry]) => entry.refs === 0 && settled(entry.sync),
    );
    for (const [room] of closing) this.#entries.delete(room);
    if (closing.length > 0) this.#publish();
    for (const [, entry] of closing) this.#destroy(entry);
    const unsettled = [...this.#entries]
      .filter(([, entry]) => entry.sync.pending() > 0)
      .map(([room]) => room)
      .sort();
    const json = JSON.stringify(unsettled);
    if (json !== this.#savedUnsettled) {
      this.#savedUnsettled = json;
      this.#unsettled?.save(unsettled);
    }
    if (this.#entries.size === 0 && this.#settleTimer !== null) {
      clearInterval(this.#settleTimer);
      this.#settleTimer = null;
    }
  }

  #publish(): void {
    this.#rooms[1]([...this.#entries.values()].map((entry) => entry.sync));
  }
}
