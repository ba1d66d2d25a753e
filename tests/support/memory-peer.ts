import * as decoding from 'lib0/decoding';
import type { CloseCode } from '../../shared/protocol/close-codes.js';
import { readConfirmBody } from '../../shared/protocol/confirm.js';
import { MessageType } from '../../shared/protocol/message-types.js';
import type { Peer } from '../../sync-server/src/rooms/peer.js';

/** A Peer without a socket: it records what the relay sends and how it closes it. */
export interface MemoryPeer extends Peer {
  frames: Uint8Array[];
  closed: { code: CloseCode; reason: string } | null;
  /** durableFrames of the newest confirm frame, 0 before any. */
  confirmed(): number;
}

let nextId = 1_000_000;

export function memoryPeer(userId = 'u1', name = 'Tester'): MemoryPeer {
  const id = nextId++;
  const peer: MemoryPeer = {
    id,
    connection: id,
    wantsConfirm: true,
    person: { userId, name },
    writable: true,
    frames: [],
    closed: null,
    send(frame) {
      if (!peer.closed) peer.frames.push(frame);
    },
    cork() {},
    uncork() {},
    close(code, reason) {
      peer.closed ??= { code, reason };
    },
    confirmed() {
      let durable = 0;
      for (const frame of peer.frames) {
        const decoder = decoding.createDecoder(frame);
        if (decoding.readVarUint(decoder) === MessageType.confirm)
          durable = readConfirmBody(decoder).durableFrames;
      }
      return durable;
    },
  };
  return peer;
}
