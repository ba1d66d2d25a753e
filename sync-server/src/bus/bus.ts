/**
 * What crosses relay instances when several relays serve one workspace (PROTOCOL.md,
 * "Several relays"). The relay core, the feed and the access guard talk to this
 * interface only; the embedded mode wires LocalBus (one relay: nothing crosses) and
 * the scaled-out mode RedisBus. Events come only from other relays: a bus never
 * hands a relay its own publications.
 */
import type { Head } from '../../../shared/protocol/mux.js';

/** What changed in the room directory, when it was one entry (auth/accounts.ts ListedChange). */
export type ListedHint = { kind: 'room'; roomId: string } | { kind: 'person'; userId: string };

/** One stored update of a room, published after its commit [SCALE1]. */
export interface BusUpdate {
  room: string;
  /** The store's seq of the update in its room [SCALE2]. */
  seq: number;
  update: Uint8Array;
}

export type BusEvent =
  | ({ kind: 'update'; origin: string } & BusUpdate)
  /** A group commit of another relay: the feed position and the heads it wrote [SCALE4]. */
  | { kind: 'commit'; origin: string; position: number; heads: Head[] }
  /** An awareness update (y-protocols encoding) of a room's clients on another relay [SCALE7]. */
  | { kind: 'awareness'; origin: string; room: string; update: Uint8Array }
  /** A relay loaded the room and asks the others for the awareness states they control. */
  | { kind: 'awareness-query'; origin: string; room: string }
  /**
   * Access rules changed through another relay's API [SCALE5]; with `listed`, only
   * that directory entry (a room's, or one person's favourites) [FEED3].
   */
  | { kind: 'access'; origin: string; listed?: ListedHint }
  /**
   * Updates may have been missed (the bus reconnected, or its reader fell behind the
   * trim): every loaded room must be repaired from the store [SCALE3].
   */
  | { kind: 'resync' }
  /** The relay stopped hearing the bus for too long (`up: false`), or hears it again [SCALE5]. */
  | { kind: 'health'; up: boolean };

/** What a relay publishes; the bus adds its relay id as the origin. */
export type Publication =
  | { kind: 'commit'; position: number; heads: Head[] }
  | { kind: 'awareness'; room: string; update: Uint8Array }
  | { kind: 'awareness-query'; room: string }
  | { kind: 'access'; listed?: ListedHint };

/** A lease held in the bus; release() gives it up only if it is still this holder's. */
export interface Lease {
  release(): Promise<void>;
}

export interface Bus {
  /** This relay's id on the bus (the origin of what it publishes). */
  readonly relayId: string;
  /**
   * Publishes stored updates, in order per room. Rejects when the bus cannot take
   * them; the caller logs and goes on, the other relays repair from the store [SCALE3].
   */
  publishUpdates(updates: readonly BusUpdate[]): Promise<void>;
  /** Fire and forget: a lost publication is covered by repair, timeouts or polls. */
  publish(publication: Publication): void;
  /** Calls `listener` for every event from other relays; returns the unsubscribe function. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** True while this relay hears the bus (always, for LocalBus) [SCALE5]. */
  healthy(): boolean;
  /**
   * Takes the lease `name` for `ms` if nobody holds it, else resolves null (also when
   * the bus is unreachable) [SCALE6].
   */
  lease(name: string, ms: number): Promise<Lease | null>;
  close(): Promise<void>;
}
