import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../../shared/protocol/message-types.js';
import type { StoredRoom } from '../persistence/persistence.js';
import { writeAwarenessEntries } from './awareness-entries.js';
import { AwarenessPolicy, type PresenceLimits } from './awareness-policy.js';
import type { Peer } from './peer.js';

/** A data frame waiting for the next group commit. */
export interface PendingData {
  peer: Peer;
  update: Uint8Array;
  /** The frame to forward to the other peers (always a sync `update` frame). */
  forward: Uint8Array;
}

/** True for an update with no structs and an empty delete set (e.g. an up-to-date step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2;
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
  lastSeq: number;
  logLength: number;
  logBytes = 0;
  /** 'unloading': no new peers; queued data is still stored, then the doc is dropped. */
  lifecycle: 'loaded' | 'unloading' | 'destroyed' = 'loaded';
  /** Storage failed: the doc may hold unstored updates, so it must never be compacted. */
  failed = false;

  constructor(
    readonly name: string,
    stored: StoredRoom,
    onCorrupt: (index: number, error: unknown) => void,
  ) {
    this.doc.transact(() => {
      stored.updates.forEach((update, index) => {
        try {
          Y.applyUpdate(this.doc, update);
        } catch (error) {
          onCorrupt(index, error);
        }
      });
    });
    this.lastSeq = stored.lastSeq;
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
   * Takes the queued work and applies its data to the document. Frames were fully
   * decoded on arrival, so applying should not fail; if Yjs still throws, that op
   * is dropped (never stored) and its sender reported through `onReject`.
   */
  takeBatch(onReject: (peer: Peer, error: unknown) => void): PendingOp[] {
    const ops: PendingOp[] = [];
    this.doc.transact(() => {
      for (const op of this.ops) {
        if (op.kind === 'data' && !isEmptyUpdate(op.data.update)) {
          try {
            Y.applyUpdate(this.doc, op.data.update);
          } catch (error) {
            onReject(op.data.peer, error);
            continue;
          }
        }
        ops.push(op);
      }
    });
    this.ops = [];
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
