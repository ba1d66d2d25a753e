import type { Feed } from '../../../../shared/protocol/mux.js';
import { roomIdOf } from '../../../../shared/protocol/room-id.js';

/** How far the device has a room part: `want` is the relay's head, `have` what is on the device. */
export interface PartHeads {
  want: number;
  have: number;
}

/** Where the device stands in the relay's feed (PROTOCOL.md [FEED1]). */
export interface FeedCursor {
  feedId: string;
  cursor: number;
  /** The `x-directory-digest` of the directory the device holds; '' if unknown. */
  directory: string;
}

export const EMPTY_CURSOR: FeedCursor = { feedId: '', cursor: 0, directory: '' };

/** What one change to the ledger writes, so a store can persist it in one transaction. */
export interface LedgerWrite {
  cursor: FeedCursor;
  parts: ReadonlyMap<string, PartHeads>;
  deleted: readonly string[];
  /** The feed id changed: every part the device knew was dropped first. */
  reset: boolean;
}

/**
 * The device's view of the relay's feed of room heads: for every room part it may
 * read, the head the relay announced and the head it has fetched. A part is
 * outstanding while `have < want`. Pure bookkeeping: the store persists each
 * LedgerWrite, the catch-up scheduler fetches outstanding parts.
 *
 * The cursor may move past a feed frame as soon as the frame's heads are recorded
 * (they are persisted together), because outstanding parts are remembered here,
 * not in the relay.
 */
export class FeedLedger {
  #cursor: FeedCursor;
  readonly #parts: Map<string, PartHeads>;

  constructor(cursor: FeedCursor = EMPTY_CURSOR, parts: Iterable<[string, PartHeads]> = []) {
    this.#cursor = cursor;
    this.#parts = new Map(parts);
  }

  get cursor(): FeedCursor {
    return this.#cursor;
  }

  heads(part: string): PartHeads | undefined {
    return this.#parts.get(part);
  }

  /**
   * Records a feed frame; returns what to persist and which parts are newly outstanding.
   * A frame of another feed id (the relay's storage was replaced or restored) voids
   * every head the device knew: the relay's answer to hello lists every readable part
   * then, and each is fetched again (a part the device already has costs a state
   * vector each way).
   */
  apply(feed: Feed): { write: LedgerWrite; advanced: string[] } {
    const reset = feed.feedId !== this.#cursor.feedId;
    const deleted = reset ? [...this.#parts.keys()] : [];
    if (reset) this.#parts.clear();
    const changed = new Map<string, PartHeads>();
    const advanced: string[] = [];
    for (const { room, head } of feed.heads) {
      const current = this.#parts.get(room) ?? { want: 0, have: 0 };
      if (head <= current.want) continue;
      const next = { want: head, have: current.have };
      this.#parts.set(room, next);
      changed.set(room, next);
      if (next.have < next.want) advanced.push(room);
    }
    // Within one feed the cursor only moves forward.
    const cursor = {
      ...this.#cursor,
      feedId: feed.feedId,
      cursor: reset ? feed.cursor : Math.max(feed.cursor, this.#cursor.cursor),
    };
    this.#cursor = cursor;
    return {
      write: { cursor, parts: changed, deleted: deleted.filter((p) => !changed.has(p)), reset },
      advanced,
    };
  }

  /** A fetch of `part` reached `head`: the part is current unless the relay moved on since. */
  fetched(part: string, head: number): LedgerWrite | null {
    const current = this.#parts.get(part);
    if (!current || head <= current.have) return null;
    const next = { want: current.want, have: Math.min(head, current.want) };
    this.#parts.set(part, next);
    return { cursor: this.#cursor, parts: new Map([[part, next]]), deleted: [], reset: false };
  }

  /** The device now holds `digest`'s directory. */
  directory(digest: string): LedgerWrite {
    this.#cursor = { ...this.#cursor, directory: digest };
    return { cursor: this.#cursor, parts: new Map(), deleted: [], reset: false };
  }

  /** Rooms that went away (revoked, deleted): their parts leave the ledger. */
  forgetRooms(roomIds: readonly string[]): LedgerWrite {
    const ids = new Set(roomIds);
    const deleted = [...this.#parts.keys()].filter((part) => ids.has(roomIdOf(part)));
    for (const part of deleted) this.#parts.delete(part);
    return { cursor: this.#cursor, parts: new Map(), deleted, reset: false };
  }

  outstanding(): string[] {
    return [...this.#parts].filter(([, h]) => h.have < h.want).map(([part]) => part);
  }

  /**
   * Parts the relay announced and how many of them are on the device at their head;
   * the same for rooms (a room is current when all of its parts are).
   */
  progress(): { parts: number; current: number; rooms: number; roomsCurrent: number } {
    let current = 0;
    const behind = new Set<string>();
    const rooms = new Set<string>();
    for (const [part, heads] of this.#parts) {
      rooms.add(roomIdOf(part));
      if (heads.have >= heads.want) current += 1;
      else behind.add(roomIdOf(part));
    }
    return {
      parts: this.#parts.size,
      current,
      rooms: rooms.size,
      roomsCurrent: rooms.size - behind.size,
    };
  }

  /** Room ids with at least one part on the device (fetched at least once). */
  heldRoomIds(): Set<string> {
    const held = new Set<string>();
    for (const [part, heads] of this.#parts) if (heads.have > 0) held.add(roomIdOf(part));
    return held;
  }

  /** Room ids with at least one part in the ledger. */
  roomIds(): Set<string> {
    return new Set([...this.#parts.keys()].map(roomIdOf));
  }
}
