import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import {
  ADMISSION_LIMITS,
  type AdmissionLimits,
} from '../../../shared/protocol/admission-limits.js';
import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import { encodeConfirm } from '../../../shared/protocol/confirm.js';
import { MessageType, SyncMessageType } from '../../../shared/protocol/message-types.js';
import type { Head } from '../../../shared/protocol/mux.js';
import type { Bus, BusEvent, BusUpdate } from '../bus/bus.js';
import { LocalBus } from '../bus/local-bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { noMetrics, type Metrics } from '../metrics/metrics.js';
import type { Appended, Persistence } from '../persistence/persistence.js';
import { awarenessFootprint, type AwarenessFootprint } from './awareness-footprint.js';
import { AwarenessGate, type AwarenessLimits } from './awareness-gate.js';
import type { PresenceLimits } from './awareness-policy.js';
import { parseClientFrame } from './frame.js';
import { newPeerId, type Peer } from './peer.js';
import { ApplyFailure, isEmptyUpdate, type Room, syncFrame } from './room.js';
import { loadRoom, QuarantinedRoom } from './room-loader.js';
import { RemoteUpdates } from './remote-updates.js';
import { scanUpdate } from './update-scan.js';

/** y-protocols auth message: permission denied, with a reason the client logs. */
function permissionDenied(room: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  authProtocol.writePermissionDenied(encoder, `read-only access to ${room}: update dropped`);
  return encoding.toUint8Array(encoder);
}

export interface RelayOptions {
  persistence: Persistence;
  clock: Clock;
  log: Logger;
  /** Group commit and compaction timings, refusals (default: counted nowhere). */
  metrics?: Metrics;
  awareness: AwarenessLimits;
  /** Size limits of presence [PRES1]. */
  presence: PresenceLimits;
  /** Unload a room this long after its last peer left. */
  roomIdleMs: number;
  /** Compact a room's log once it has this many entries (or `compactBytes`). */
  compactEntries: number;
  compactBytes: number;
  /** Runs queued work soon, after the current I/O callbacks (group commit window). */
  defer?: (fn: () => void) => void;
  /** What one update may contain (PROTOCOL.md, "Update admission"); default ADMISSION_LIMITS. */
  admission?: AdmissionLimits;
  /** What crosses relay instances; default LocalBus (one relay, nothing crosses). */
  bus?: Bus;
  /** How long a gap in a room's seqs may stay open before the store is read [SCALE3]. */
  gapGraceMs?: number;
}

/** Transaction origin of the changes the relay makes itself (retention) [RETAIN3]. */
export const RELAY_ORIGIN = Symbol('relay');

/**
 * The sender of the relay's own updates: they go through the group commit like a
 * peer's (admitted, stored, confirmed to nobody, forwarded to every real peer).
 */
function relayPeer(): Peer {
  const id = newPeerId();
  return {
    id,
    connection: id,
    wantsConfirm: false,
    person: { userId: 'relay', name: 'relay' },
    writable: true,
    send() {},
    cork() {},
    uncork() {},
    close() {},
  };
}

/** A compaction lease outlives any honest compaction; fencing covers a stale holder [SCALE6]. */
const COMPACTION_LEASE_MS = 30_000;

/** What one group commit stored: the new heads of the parts it wrote [FEED2]. */
export interface Committed {
  /** The feed position after this commit. */
  position: number;
  /** Every part this commit stored data for, with its new head. */
  heads: Head[];
}

/** What the transport holds for one open connection. */
export interface Session {
  receive(frame: Uint8Array): void;
  close(): void;
}

const EARLY_FRAMES_LIMIT = 10_000;
const EARLY_BYTES_LIMIT = 64 * 1024 * 1024;

interface PeerState {
  room: Room | null;
  /** Frames that arrived while the room was loading. */
  early: Uint8Array[];
  earlyBytes: number;
  /** Awareness updates (the frame's payload) waiting for their rate budget. */
  gate: AwarenessGate<Uint8Array>;
  sentData: number;
  durable: number;
  closed: boolean;
}

/**
 * The relay core: loads rooms, feeds frames to them, and runs the group commit
 * that makes every update durable before it is confirmed or forwarded [PERSIST1].
 * All storage work runs on one serial chain, so a compaction never races a commit.
 */
export class Relay {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly dirty = new Set<Room>();
  private readonly peers = new Map<Peer, PeerState>();
  private readonly idleTimers = new Map<Room, () => void>();
  private readonly commitListeners = new Set<(committed: Committed) => void>();
  private chain: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private stopping = false;
  private readonly defer: (fn: () => void) => void;
  private readonly admission: AdmissionLimits;
  private readonly metrics: Metrics;
  readonly bus: Bus;
  private readonly remote: RemoteUpdates;
  private readonly unsubscribe: () => void;
  /** The bus is unreachable: every socket was closed and new ones are refused [SCALE5]. */
  private cutOff = false;
  private readonly relayPeer = relayPeer();

  constructor(private readonly options: RelayOptions) {
    this.defer = options.defer ?? ((fn) => setImmediate(fn));
    this.admission = options.admission ?? ADMISSION_LIMITS;
    this.metrics = options.metrics ?? noMetrics;
    this.bus = options.bus ?? new LocalBus();
    this.remote = new RemoteUpdates({
      persistence: options.persistence,
      log: options.log,
      room: (name) => this.rooms.get(name),
      rooms: () => [...this.rooms.values()],
      serially: (task) => this.serially(task),
      fail: (room) => this.failRoom(room, CloseCode.storageFailed),
      graceMs: options.gapGraceMs ?? 1_000,
    });
    this.unsubscribe = this.bus.subscribe((event) => this.onBus(event));
  }

  private onBus(event: BusEvent): void {
    switch (event.kind) {
      case 'update':
        return this.remote.receive(event);
      case 'awareness':
        return this.rooms.get(event.room)?.applyRemoteAwareness(event.update);
      case 'awareness-query': {
        const update = this.rooms.get(event.room)?.localAwareness();
        if (update) this.bus.publish({ kind: 'awareness', room: event.room, update });
        return;
      }
      case 'resync':
        return this.remote.repairAll();
      case 'health':
        return this.setCutOff(!event.up);
      default:
        return;
    }
  }

  /**
   * Fail closed [SCALE5]: without the bus this relay would miss other relays' updates
   * and access changes, so every connection is closed with 4503 (clients retry, maybe
   * on another relay) and new ones are refused until the bus is back; then every
   * loaded room is repaired from the store [SCALE3].
   */
  private setCutOff(cutOff: boolean): void {
    if (this.cutOff === cutOff) return;
    this.cutOff = cutOff;
    if (cutOff) {
      for (const peer of [...this.peers.keys()])
        this.closePeer(peer, CloseCode.storageFailed, 'relay lost its bus');
    } else this.remote.repairAll();
  }

  /** False while the relay refuses connections because it cannot hear the bus [SCALE5]. */
  accepting(): boolean {
    return !this.cutOff && this.bus.healthy();
  }

  /**
   * Changes a room as the relay itself [RETAIN3]. `change` edits a copy of the
   * document in one transaction; what it changed is committed like any update
   * (stored, sent to every connected peer, published to other relays), then the room
   * is compacted so that its snapshot no longer holds the deleted content. Resolves
   * whether anything changed and whether the compaction ran (another relay may hold
   * its lease [SCALE6]; the next compaction then drops the content).
   */
  async rewrite(
    roomName: string,
    change: (doc: Y.Doc) => void,
  ): Promise<{ changed: boolean; compacted: boolean }> {
    const room = await this.acquire(roomName);
    try {
      const copy = new Y.Doc();
      const updates: Uint8Array[] = [];
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        copy.on('update', (update: Uint8Array) => updates.push(update));
        copy.transact(() => change(copy), RELAY_ORIGIN);
      } finally {
        copy.destroy();
      }
      if (updates.length === 0) {
        // Nothing expired anew, but the log may hold what an old device sent again:
        // the document ignored it, the stored log still has its bytes [RETAIN3].
        let compacted = false;
        if (room.logLength > 0)
          await this.serially(async () => {
            compacted = await this.compact(room);
          });
        return { changed: false, compacted };
      }
      const update = Y.mergeUpdates(updates);
      room.queueData({
        peer: this.relayPeer,
        update,
        scan: scanUpdate(update),
        forward: syncFrame(SyncMessageType.update, update),
      });
      this.dirty.add(room);
      await this.serially(() => this.commit());
      let compacted = false;
      await this.serially(async () => {
        compacted = await this.compact(room);
      });
      return { changed: true, compacted };
    } finally {
      this.release(room);
    }
  }

  /** Repairs the named rooms if loaded (the feed saw commits this relay never heard of). */
  repairRooms(names: Iterable<string>): void {
    this.remote.repairRooms(names);
  }

  stats(): { rooms: number; connections: number } {
    return { rooms: this.rooms.size, connections: this.peers.size };
  }

  /** What a loaded room's awareness holds (null when it is not loaded) [PRES1]. */
  awarenessFootprint(roomName: string): AwarenessFootprint | null {
    const room = this.rooms.get(roomName);
    return room ? awarenessFootprint(room.awareness) : null;
  }

  /**
   * Calls `listener` after every group commit that stored data, once its frames are
   * confirmed and forwarded, in feed order. Returns the unsubscribe function.
   */
  onCommit(listener: (committed: Committed) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  connect(roomName: string, peer: Peer): Session {
    const state: PeerState = {
      room: null,
      early: [],
      earlyBytes: 0,
      gate: new AwarenessGate<Uint8Array>(this.options.awareness, this.options.clock, (update) =>
        this.applyAwareness(peer, update),
      ),
      sentData: 0,
      durable: 0,
      closed: false,
    };
    this.peers.set(peer, state);
    if (!this.accepting()) {
      this.closePeer(peer, CloseCode.storageFailed, 'relay lost its bus');
      return { receive() {}, close: () => this.disconnect(peer) };
    }
    this.acquire(roomName).then(
      (room) => {
        if (state.closed) return this.release(room);
        state.room = room;
        room.join(peer);
        for (const data of state.early.splice(0)) this.handle(peer, state, data);
      },
      (error: unknown) => {
        if (error instanceof QuarantinedRoom) {
          return this.closePeer(peer, CloseCode.roomQuarantined);
        }
        this.options.log.error('room load failed', { room: roomName, error });
        this.closePeer(peer, CloseCode.storageFailed, 'could not load room');
      },
    );
    return {
      receive: (data) => {
        if (state.closed) return;
        if (state.room) return this.handle(peer, state, data);
        state.early.push(data);
        state.earlyBytes += data.length;
        // A room loads in well under two seconds; this much input before it is abuse.
        if (state.early.length > EARLY_FRAMES_LIMIT || state.earlyBytes > EARLY_BYTES_LIMIT) {
          this.closePeer(peer, CloseCode.rateLimited, 'too much sent before the room loaded');
        }
      },
      close: () => this.disconnect(peer),
    };
  }

  private handle(peer: Peer, state: PeerState, data: Uint8Array): void {
    const room = state.room;
    if (!room) return;
    const parsed = parseClientFrame(data);
    switch (parsed.kind) {
      case 'sync-step1':
        return room.answerStep1(peer, parsed.stateVector);
      case 'sync-data': {
        if (!peer.writable) {
          this.metrics.refused('read_only');
          return peer.send(permissionDenied(room.name)); // [AUTH3]
        }
        state.sentData += 1;
        const forward =
          parsed.subtype === 'update' ? data : syncFrame(SyncMessageType.update, parsed.update);
        room.queueData({ peer, update: parsed.update, scan: parsed.scan, forward });
        return this.markDirty(room);
      }
      case 'awareness':
        if (!state.gate.offer(parsed.update)) {
          this.closePeer(peer, CloseCode.rateLimited);
        }
        return;
      case 'query-awareness':
        return room.sendAllAwareness(peer);
      case 'auth':
        return; // clients have nothing to say on the auth channel
      case 'unknown-type':
        return this.closePeer(peer, CloseCode.unknownMessageType, `type ${parsed.messageType}`);
      case 'malformed':
        return this.closePeer(peer, CloseCode.malformedFrame, parsed.detail);
    }
  }

  /**
   * Access changed while connected. A peer that may now write gets sync step 1, so
   * that it sends what it has; one that may only read keeps its connection.
   */
  setWritable(peer: Peer, writable: boolean): void {
    if (peer.writable === writable) return;
    peer.writable = writable;
    const room = this.peers.get(peer)?.room;
    if (writable && room) room.sendStep1(peer);
  }

  private applyAwareness(peer: Peer, update: Uint8Array): void {
    const room = this.peers.get(peer)?.room;
    if (!room) return;
    try {
      room.applyAwareness(peer, update, this.options.presence);
    } catch (error) {
      this.closePeer(peer, CloseCode.malformedFrame, 'bad awareness update');
      this.options.log.warn('bad awareness update', {
        room: room.name,
        connection: peer.connection,
        error,
      });
    }
  }

  private markDirty(room: Room): void {
    this.dirty.add(room);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.defer(() => {
      this.flushScheduled = false;
      void this.serially(() => this.commit());
    });
  }

  /** Runs storage work one at a time; a failure is logged and never blocks later work. */
  private serially(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.options.log.error('relay task failed', { error });
    });
    return this.chain;
  }

  /**
   * One group commit: every room's queued data in one storage transaction. Rooms
   * are isolated [ISO1][ISO2]: a room whose batch cannot be applied or stored is
   * taken out of service alone, and every other room's frames are still stored,
   * forwarded and confirmed.
   */
  private async commit(): Promise<void> {
    const rooms = [...this.dirty].filter((room) => room.lifecycle !== 'destroyed' && !room.failed);
    this.dirty.clear();
    if (rooms.length === 0) return;
    const batches = rooms.flatMap((room) => {
      const ops = this.takeBatch(room);
      return ops ? [{ room, ops }] : [];
    });
    const entriesOf = (batch: (typeof batches)[number]) =>
      batch.ops.flatMap((op) =>
        op.kind === 'data' && !isEmptyUpdate(op.data.update)
          ? [{ room: batch.room.name, update: op.data.update }]
          : [],
      );
    let stored: typeof batches;
    const lastSeqs = new Map<string, number>();
    const heads = new Map<string, number>();
    let position = 0;
    const record = (appended: Appended) => {
      for (const [room, seq] of appended.lastSeqs) {
        lastSeqs.set(room, seq);
        heads.set(room, appended.position);
      }
      position = Math.max(position, appended.position);
    };
    const timed = this.metrics.groupCommit();
    try {
      record(await this.options.persistence.append(batches.flatMap(entriesOf)));
      timed();
      stored = batches;
    } catch (error) {
      timed();
      // Retry room by room, so that one room's bad write cannot sink the others [ISO2].
      this.options.log.error('group commit failed; storing room by room [STORE1]', { error });
      stored = [];
      for (const batch of batches) {
        try {
          record(await this.options.persistence.append(entriesOf(batch)));
          stored.push(batch);
        } catch (roomError) {
          this.options.log.error('storage failed for room [STORE1]', {
            room: batch.room.name,
            error: roomError,
          });
          this.failRoom(batch.room, CloseCode.storageFailed);
        }
      }
    }
    // Everything a socket gets from this commit leaves in one write (writev), not one per frame.
    const corked = stored.flatMap(({ room }) => [...room.peers.keys()]);
    for (const peer of corked) peer.cork();
    const published: BusUpdate[] = [];
    for (const { room, ops } of stored) {
      // An append numbers a room's entries consecutively, ending at its last seq.
      const updates = entriesOf({ room, ops }).map((entry) => entry.update);
      const last = lastSeqs.get(room.name) ?? 0;
      updates.forEach((update, i) => {
        const seq = last - updates.length + 1 + i;
        room.seqs.hold(seq);
        published.push({ room: room.name, seq, update });
      });
      this.remote.watch(room);
      room.completeBatch(ops);
      this.confirm(
        room,
        ops.flatMap((op) => (op.kind === 'data' ? [op.data.peer] : [])),
      );
      if (
        room.logLength >= this.options.compactEntries ||
        room.logBytes >= this.options.compactBytes
      ) {
        void this.serially(() => this.compact(room).then(() => {}));
      }
    }
    for (const peer of corked) peer.uncork();
    if (heads.size === 0) return;
    // Published only now that it is stored and confirmed [SCALE1]; a lost publication
    // is repaired by the other relays from the store, so it never holds anything up.
    this.bus.publishUpdates(published).catch((error: unknown) => {
      this.options.log.warn('stored updates not published; other relays repair [SCALE3]', {
        error,
      });
    });
    const committed: Committed = {
      position,
      heads: [...heads].map(([room, head]) => ({ room, head })),
    };
    this.bus.publish({ kind: 'commit', ...committed });
    for (const listener of this.commitListeners) {
      try {
        listener(committed);
      } catch (error) {
        this.options.log.error('commit listener failed', { error });
      }
    }
  }

  /**
   * Admits and applies a room's queued updates. Refused updates close their sender
   * with 4422 [ADMIT1]-[ADMIT6]. If Yjs throws anyway, the room's document may be
   * half-changed, so nothing of this batch is stored: the sender is closed with
   * 4422, everyone else with 4503 (their clients resend), and the room is unloaded
   * without compaction so the next connection loads it fresh from storage [ISO1].
   */
  private takeBatch(room: Room) {
    try {
      return room.takeBatch(this.admission, (peer, verdict) => {
        if (verdict.ok) return;
        this.options.log.warn('update refused', {
          room: room.name,
          connection: peer.connection,
          rule: verdict.rule,
          detail: verdict.detail,
        });
        this.closePeer(
          peer,
          verdict.retry ? CloseCode.updateDeferred : CloseCode.updateRefused,
          `[${verdict.rule}] ${verdict.detail}`,
        );
      });
    } catch (error) {
      const culprit = error instanceof ApplyFailure ? error.peer : null;
      this.options.log.error('update could not be applied; reloading the room [ISO1]', {
        room: room.name,
        error: error instanceof ApplyFailure ? error.cause : error,
      });
      if (culprit) this.closePeer(culprit, CloseCode.updateRefused, 'Yjs could not apply it');
      this.failRoom(room, CloseCode.storageFailed);
      return null;
    }
  }

  private confirm(room: Room, senders: Peer[]): void {
    const counts = new Map<Peer, number>();
    for (const peer of senders) counts.set(peer, (counts.get(peer) ?? 0) + 1);
    let stateVector: Uint8Array | null = null;
    for (const [peer, count] of counts) {
      const state = this.peers.get(peer);
      if (!state || state.closed) continue;
      state.durable += count;
      if (!peer.wantsConfirm) continue;
      stateVector ??= Y.encodeStateVector(room.doc);
      peer.send(encodeConfirm({ durableFrames: state.durable, stateVector }));
    }
  }

  /**
   * Replaces the room's log with one snapshot made through its Y.Doc [PERSIST3], under
   * a lease so that one relay at a time does it [SCALE6]. The snapshot goes through
   * the seq the document holds every update of; the store's fencing keeps a newer
   * snapshot and every later entry.
   */
  private async compact(room: Room): Promise<boolean> {
    if (room.logLength === 0 || room.failed) return false;
    const lease = await this.bus.lease(`compact:${room.name}`, COMPACTION_LEASE_MS);
    if (!lease) {
      // Another relay compacts it now; count afresh rather than queue behind it.
      room.logLength = 0;
      room.logBytes = 0;
      return false;
    }
    try {
      if (room.failed || room.lifecycle === 'destroyed') return false;
      const timed = this.metrics.compaction();
      try {
        const snapshot = Y.encodeStateAsUpdate(room.doc);
        await this.options.persistence.compact(room.name, snapshot, room.seqs.contiguous);
      } finally {
        timed();
      }
      room.logLength = 0;
      room.logBytes = 0;
      return true;
    } catch (error) {
      // The log is still complete, so nothing is lost; try again on the next trigger.
      this.options.log.warn('compaction failed', { room: room.name, error });
      return false;
    } finally {
      await lease.release();
    }
  }

  /** Takes a room out of service without storing or compacting what only memory holds. */
  private failRoom(room: Room, code: CloseCode): void {
    room.failed = true;
    for (const peer of [...room.peers.keys()]) this.closePeer(peer, code);
    this.unload(room);
  }

  private acquire(name: string): Promise<Room> {
    const room = this.rooms.get(name);
    if (room) {
      this.idleTimers.get(room)?.();
      this.idleTimers.delete(room);
      return Promise.resolve(room);
    }
    let loading = this.loading.get(name);
    if (!loading) {
      // Updates other relays store from now on are kept until the room is there, so
      // none committed after the load's read is missed [SCALE2].
      this.remote.expect(name);
      // Loads wait behind pending commits and compactions of an earlier copy of the room.
      loading = this.chain
        .then(() => loadRoom(name, this.options))
        .then((loaded) => {
          this.rooms.set(name, loaded);
          loaded.onLocalAwareness = (update) =>
            this.bus.publish({ kind: 'awareness', room: name, update });
          this.remote.loaded(name, loaded);
          this.bus.publish({ kind: 'awareness-query', room: name });
          // A long log (say, written before a crash) is compacted now, not at the next write.
          if (loaded.logLength >= this.options.compactEntries) {
            void this.serially(() => this.compact(loaded).then(() => {}));
          }
          return loaded;
        })
        .finally(() => {
          this.loading.delete(name);
          if (!this.rooms.has(name)) this.remote.loaded(name, null);
        });
      this.loading.set(name, loading);
    }
    return loading;
  }

  /** Rooms taken out of service because their stored state is damaged [ISO3]. */
  quarantined(): Promise<number> {
    return this.options.persistence.quarantined().then((rooms) => rooms.length);
  }

  private release(room: Room): void {
    if (room.peers.size > 0 || room.lifecycle !== 'loaded' || this.idleTimers.has(room)) return;
    this.idleTimers.set(
      room,
      this.options.clock.setTimeout(() => {
        this.idleTimers.delete(room);
        if (room.peers.size === 0) this.unload(room);
      }, this.options.roomIdleMs),
    );
  }

  /**
   * Takes the room out of service. A connection arriving now loads a fresh copy, and
   * that load waits on the serial chain behind this task, which first stores whatever
   * is still queued for the room, then compacts it.
   */
  private unload(room: Room): void {
    if (room.lifecycle !== 'loaded') return;
    room.lifecycle = 'unloading';
    this.idleTimers.get(room)?.();
    this.idleTimers.delete(room);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.remote.forget(room);
    room.onLocalAwareness = null;
    void this.serially(async () => {
      await this.commit();
      await this.compact(room);
      room.destroy();
    });
  }

  private disconnect(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state || state.closed) return;
    state.closed = true;
    state.gate.dispose();
    this.peers.delete(peer);
    if (state.room) {
      state.room.leave(peer);
      this.release(state.room);
    }
  }

  private closePeer(peer: Peer, code: CloseCode, detail?: string): void {
    this.disconnect(peer);
    peer.close(code, closeReason(code, detail));
  }

  /** Stores everything queued, compacts and unloads every room, closes every peer. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await new Promise<void>((resolve) => this.defer(resolve));
    await this.serially(() => this.commit());
    for (const peer of [...this.peers.keys()]) this.closePeer(peer, CloseCode.goingAway);
    for (const room of [...this.rooms.values()]) this.unload(room);
    await this.chain;
    this.unsubscribe();
  }
}
