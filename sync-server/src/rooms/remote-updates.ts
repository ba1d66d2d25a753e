import * as Y from 'yjs';
import { SyncMessageType } from '../../../shared/protocol/message-types.js';
import type { BusUpdate } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { Persistence } from '../persistence/persistence.js';
import { isEmptyUpdate, type Room, syncFrame } from './room.js';

export interface RemoteDeps {
  persistence: Persistence;
  log: Logger;
  /** A loaded room, or undefined. */
  room(name: string): Room | undefined;
  /** Every loaded room. */
  rooms(): Iterable<Room>;
  /** Runs storage work on the relay's serial chain. */
  serially(task: () => Promise<void>): Promise<void>;
  /** Takes a room whose document Yjs could not update out of service. */
  fail(room: Room): void;
  /** How long a gap may stay open before the store is read [SCALE3]. */
  graceMs: number;
}

/**
 * Brings other relays' stored updates into the loaded rooms [SCALE2][SCALE3]. Each
 * update from the bus is applied and forwarded to the room's peers unless the room
 * already holds its seq; a seq that leaves a gap starts a grace timer, after which
 * the missing part is read from the store (readSince) and only what the document
 * lacked is forwarded. A room being loaded buffers what arrives meanwhile, so that
 * nothing committed after its load read is missed.
 */
export class RemoteUpdates {
  private readonly early = new Map<string, BusUpdate[]>();
  private readonly timers = new Map<Room, NodeJS.Timeout>();

  constructor(private readonly deps: RemoteDeps) {}

  /** A room starts loading: keep its updates until it is there. */
  expect(name: string): void {
    if (!this.early.has(name)) this.early.set(name, []);
  }

  /** The room loaded (or failed to: `room` null): apply what arrived meanwhile. */
  loaded(name: string, room: Room | null): void {
    const early = this.early.get(name) ?? [];
    this.early.delete(name);
    if (room) for (const update of early) this.receive(update);
  }

  receive(update: BusUpdate): void {
    const room = this.deps.room(update.room);
    if (!room) {
      this.early.get(update.room)?.push(update);
      return;
    }
    if (room.lifecycle !== 'loaded' || room.failed || !room.seqs.hold(update.seq)) return;
    try {
      room.applyStored([update.update]);
    } catch (error) {
      this.deps.log.error('remote update could not be applied; reloading the room', {
        room: room.name,
        error,
      });
      return this.deps.fail(room);
    }
    room.broadcast(syncFrame(SyncMessageType.update, update.update), null);
    this.watch(room);
  }

  /** Local commits count too: they may fill or open a gap. */
  watch(room: Room): void {
    const timer = this.timers.get(room);
    if (!room.seqs.hasGap) {
      if (timer) clearTimeout(timer);
      this.timers.delete(room);
      return;
    }
    if (timer) return;
    const started = setTimeout(() => {
      this.timers.delete(room);
      if (room.seqs.hasGap) void this.deps.serially(() => this.repair(room));
    }, this.deps.graceMs);
    started.unref();
    this.timers.set(room, started);
  }

  /** Repairs every loaded room (the bus reconnected or its reader fell behind) [SCALE3]. */
  repairAll(): void {
    for (const room of this.deps.rooms()) void this.deps.serially(() => this.repair(room));
  }

  /** Repairs the named rooms that are loaded (the feed saw commits it never heard of). */
  repairRooms(names: Iterable<string>): void {
    for (const name of names) {
      const room = this.deps.room(name);
      if (room) void this.deps.serially(() => this.repair(room));
    }
  }

  /** Reads what the room lacks from the store and forwards exactly that. */
  async repair(room: Room): Promise<void> {
    if (room.lifecycle !== 'loaded' || room.failed) return;
    const since = await this.deps.persistence.readSince(room.name, room.seqs.contiguous);
    if (room.lifecycle !== 'loaded' || room.failed) return;
    const before = Y.encodeStateVector(room.doc);
    try {
      room.applyStored([
        ...(since.snapshot ? [since.snapshot] : []),
        ...since.entries.map((entry) => entry.update),
      ]);
    } catch (error) {
      this.deps.log.error('stored updates could not be applied; reloading the room', {
        room: room.name,
        error,
      });
      return this.deps.fail(room);
    }
    room.seqs.holdThrough(since.lastSeq);
    this.watch(room);
    if (!since.snapshot && since.entries.length === 0) return;
    const missing = Y.encodeStateAsUpdate(room.doc, before);
    if (!isEmptyUpdate(missing)) room.broadcast(syncFrame(SyncMessageType.update, missing), null);
  }

  forget(room: Room): void {
    const timer = this.timers.get(room);
    if (timer) clearTimeout(timer);
    this.timers.delete(room);
  }
}
