import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AdmissionLimits } from '../../../shared/protocol/admission-limits.js';
import { MessageType, SyncMessageType } from '../../../shared/protocol/message-types.js';
import type { StoredRoom } from '../persistence/persistence.js';
import { admitUpdate, type Admission, type DepthCache } from './admission.js';
import { writeAwarenessEntries } from './awareness-entries.js';
import { AwarenessPolicy, type PresenceLimits } from './awareness-policy.js';
import type { Peer } from './peer.js';
import { SeqTracker } from './seq-tracker.js';
import type { ScannedUpdate } from './update-scan.js';

/** Transaction and awareness origin of what another relay stored or sent [SCALE2][SCALE7]. */
export const REMOTE = Symbol('remote relay');

/** A data frame waiting for the next group commit. */
export interface PendingData {
  peer: Peer;
  update: Uint8Array;
  /** What admission checks, read from the update when the frame arrived. */
  scan: ScannedUpdate;
  /** The frame to forward to the other peers (always a sync `update` frame). */
  forward: Uint8Array;
}

/** True for an update with no structs and an empty delete set (e.g. an up-to-date step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2;
}

/**
 * Splits a batch into runs applied in one Yjs transaction each. Updates that delete
 * (a delete set, or a map value overwritten) get a transaction of their own:
 * garbage collection in the transaction's cleanup recurses into what they delete,
 * so a throw there is pinned on them [ISO1]. Plain inserts share one transaction,
 * which costs less than half as much per small update.
 */
function segments(ops: PendingOp[]): PendingOp[][] {
  const runs: PendingOp[][] = [];
  let run: PendingOp[] = [];
  for (const op of ops) {
    const deletes =
      op.kind === 'data' &&
      (op.data.scan.deletes.length > 0 || op.data.scan.items.some((i) => i.parentSub !== null));
    if (!deletes) {
      run.push(op);
      continue;
    }
    if (run.length > 0) runs.push(run);
    runs.push([op]);
    run = [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Yjs threw while applying a peer's update: the document may be half-changed. */
export class ApplyFailure extends Error {
  constructor(
    /** The sender of the update that caused it, or null when Yjs' cleanup of several threw. */
    readonly peer: Peer | null,
    readonly cause: unknown,
  ) {
    super('update could not be applied');
  }
}

type PendingOp =
  { kind: 'data'; data: PendingData } | { kind: 'step1'; peer: Peer; sv: Uint8Array };

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, payload);
  });
}

/**
 * One loaded room: its document (holding exactly what storage holds), its
 * awareness, and its peers. Data frames are not applied on arrival; they queue in
 * `ops` until the relay's group commit applies, stores and forwards them. Sync
 * step 1 answers wait behind queued data so nobody is sent unstored changes.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Peers and the awareness client ids each one controls. */
  readonly peers = new Map<Peer, Set<number>>();
  private readonly presence = new AwarenessPolicy(this.awareness, this.peers);
  private ops: PendingOp[] = [];
  /** The stored seqs the document holds (local and remote commits) [SCALE2]. */
  readonly seqs: SeqTracker;
  logLength: number;
  logBytes = 0;
  /** 'unloading': no new peers; queued data is still stored, then the doc is dropped. */
  lifecycle: 'loaded' | 'unloading' | 'destroyed' = 'loaded';
  /** Storage failed: the doc may hold unstored updates, so it must never be compacted. */
  failed = false;
  private readonly depthCache: DepthCache = new WeakMap();
  /** Receives awareness changes made here (not by other relays) for the bus [SCALE7]. */
  onLocalAwareness: ((update: Uint8Array) => void) | null = null;

  /**
   * Rebuilds the document from storage. Any stored update Yjs cannot apply means
   * the stored state is damaged: this throws, and the relay quarantines the room
   * rather than serve (or later compact) a partial document [ISO3].
   */
  constructor(
    readonly name: string,
    stored: StoredRoom,
  ) {
    try {
      this.doc.transact(() => {
        stored.updates.forEach((update, index) => {
          try {
            Y.applyUpdate(this.doc, update);
          } catch (error) {
            throw new Error(
              `stored update ${index + 1} of ${stored.updates.length} cannot be applied`,
              {
                cause: error,
              },
            );
          }
        });
      });
    } catch (error) {
      this.awareness.destroy(); // its timer would otherwise keep the half-built room alive
      this.doc.destroy();
      throw error;
    }
    this.seqs = new SeqTracker(stored.lastSeq);
    this.logLength = stored.logLength;
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessChange);
  }

  private readonly onAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    this.presence.measure(changed);
    // Other relays time out their copies themselves; a removal here tells them sooner.
    if (origin !== REMOTE && origin !== 'timeout' && changed.length > 0)
      this.onLocalAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    if (this.peers.has(origin as Peer)) return; // applyAwareness forwards what the peer sent
    // Changes the relay made itself (peer left, state timed out) go to everyone.
    this.broadcast(this.awarenessFrame(changed), null);
  };

  private awarenessFrame(clients: number[]): Uint8Array {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    return frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update));
  }

  broadcast(data: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(data);
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    // Step 1 asks the peer for what it has; a read-only peer could not send it anyway.
    if (peer.writable) this.sendStep1(peer);
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(this.awarenessFrame(states));
  }

  sendStep1(peer: Peer): void {
    peer.send(syncFrame(SyncMessageType.step1, Y.encodeStateVector(this.doc)));
  }

  leave(peer: Peer): void {
    const ids = this.peers.get(peer);
    if (!ids) return;
    this.peers.delete(peer);
    this.ops = this.ops.filter((op) => op.kind === 'data' || op.peer !== peer);
    this.presence.release(peer, ids);
  }

  /** Answers sync step 1 now, or after the queued data is stored. */
  answerStep1(peer: Peer, stateVector: Uint8Array): void {
    if (this.ops.length > 0) this.ops.push({ kind: 'step1', peer, sv: stateVector });
    else peer.send(syncFrame(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /** Queues a data frame for the next group commit; empty ones are only counted. */
  queueData(data: PendingData): void {
    this.ops.push({ kind: 'data', data });
  }

  /**
   * Takes the queued work, admits each update [ADMIT1]-[ADMIT6] and applies the
   * admitted ones to the document. A refused update is never applied; its sender
   * is reported through `onRefuse` and its later frames in this batch are dropped
   * too (they may build on it). If Yjs still throws part-way, the document can no
   * longer be trusted: this throws an ApplyFailure and the caller discards the room
   * without storing any of this batch [ISO1].
   */
  takeBatch(
    limits: AdmissionLimits,
    onRefuse: (peer: Peer, verdict: Admission) => void,
  ): PendingOp[] {
    const ops: PendingOp[] = [];
    const refused = new Set<Peer>();
    const queued = this.ops;
    this.ops = [];
    for (const segment of segments(queued)) {
      const sender =
        segment.length === 1 && segment[0]?.kind === 'data' ? segment[0].data.peer : null;
      try {
        this.doc.transact(() => {
          for (const op of segment) {
            if (op.kind === 'data' && !isEmptyUpdate(op.data.update)) {
              const { peer } = op.data;
              if (refused.has(peer)) continue;
              const verdict = admitUpdate(this.doc, op.data.scan, limits, this.depthCache);
              if (!verdict.ok) {
                refused.add(peer);
                onRefuse(peer, verdict);
                continue;
              }
              try {
                Y.applyUpdate(this.doc, op.data.update);
              } catch (error) {
                throw new ApplyFailure(peer, error);
              }
            }
            ops.push(op);
          }
        });
      } catch (error) {
        throw error instanceof ApplyFailure ? error : new ApplyFailure(sender, error);
      }
    }
    return ops;
  }

  /** After the batch is durable: forward updates and answer waiting step 1s. */
  completeBatch(ops: PendingOp[]): void {
    for (const op of ops) {
      if (op.kind === 'data') {
        if (isEmptyUpdate(op.data.update)) continue;
        this.logLength += 1;
        this.logBytes += op.data.update.length;
        this.broadcast(op.data.forward, op.data.peer);
      } else if (this.peers.has(op.peer)) {
        op.peer.send(syncFrame(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, op.sv)));
      }
    }
  }

  /**
   * Applies what the policy admits of a peer's awareness update and forwards that,
   * stamped and re-encoded, never the peer's own bytes [PRES4]. Throws on an
   * undecodable update.
   */
  applyAwareness(peer: Peer, update: Uint8Array, limits: PresenceLimits): void {
    const admitted = this.presence.admit(peer, update, limits);
    if (admitted.length === 0) return;
    const stamped = writeAwarenessEntries(admitted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, peer);
    this.broadcast(
      frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, stamped)),
      peer,
    );
  }

  /** Applies another relay's awareness update; the change handler forwards it to every peer. */
  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** The states this relay's peers control, for a relay that just loaded the room. */
  localAwareness(): Uint8Array | null {
    const ids = [...this.peers.values()].flatMap((owned) => [...owned]);
    const held = ids.filter((id) => this.awareness.getStates().has(id));
    return held.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, held) : null;
  }

  /**
   * Applies updates another relay stored [SCALE2]; the caller forwards what changed.
   * Throws when Yjs cannot apply them (the room must then be reloaded).
   */
  applyStored(updates: readonly Uint8Array[]): void {
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE);
    }, REMOTE);
    for (const update of updates) {
      this.logLength += 1;
      this.logBytes += update.length;
    }
  }

  sendAllAwareness(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()];
    peer.send(this.awarenessFrame(states));
  }

  destroy(): void {
    this.lifecycle = 'destroyed';
    this.awareness.off('update', this.onAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
