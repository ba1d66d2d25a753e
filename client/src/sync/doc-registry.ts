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

interface Entry {
  sync: RoomSync;
  refs: number;
}

/** One Y.Doc per room, shared by every view that acquired it (reference counted). */
export class DocRegistry {
  readonly #open: OpenRoom;
  readonly #entries = new Map<string, Entry>();
  readonly #rooms = createSignal<readonly RoomSync[]>([]);

  constructor(open: OpenRoom) {
    this.#open = open;
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
      entry = { sync: this.#open(room), refs: 0 };
      this.#entries.set(room, entry);
      this.#publish();
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
    for (const [, entry] of evicted) entry.sync.destroy();
  }

  #release(room: string, claimed: Entry): void {
    const entry = this.#entries.get(room);
    if (entry !== claimed) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.#entries.delete(room);
    this.#publish();
    entry.sync.destroy();
  }

  #publish(): void {
    this.#rooms[1]([...this.#entries.values()].map((entry) => entry.sync));
  }
}
