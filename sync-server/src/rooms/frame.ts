import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../../shared/protocol/message-types.js';
import { scanUpdate, type ScannedUpdate } from './update-scan.js';

/**
 * One frame from a client, parsed without touching any room state. Malformed
 * input becomes a value, never an exception, so the caller decides what to close.
 */
export type ClientFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-data'; subtype: 'step2' | 'update'; update: Uint8Array; scan: ScannedUpdate }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }
  | { kind: 'malformed'; detail: string }
  | { kind: 'unknown-type'; messageType: number };

function parseSync(decoder: decoding.Decoder): ClientFrame {
  const subtype = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) return { kind: 'malformed', detail: 'trailing bytes' };
  switch (subtype) {
    case SyncMessageType.step1:
      Y.decodeStateVector(payload);
      return { kind: 'sync-step1', stateVector: payload };
    case SyncMessageType.step2:
    case SyncMessageType.update:
      // Scanning the whole update (structs and delete set) proves it is well formed
      // before anything is applied or stored; Yjs integrates structs before it reads
      // the delete set, so applying alone could half-apply a truncated update. The
      // scan also gives admission what it checks [ADMIT1]-[ADMIT6].
      return {
        kind: 'sync-data',
        subtype: subtype === SyncMessageType.step2 ? 'step2' : 'update',
        update: payload,
        scan: scanUpdate(payload),
      };
    default:
      return { kind: 'malformed', detail: `unknown sync message ${subtype}` };
  }
}

function parseUnchecked(frame: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(frame);
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MessageType.sync:
      return parseSync(decoder);
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) return { kind: 'malformed', detail: 'trailing bytes' };
      return { kind: 'awareness', update };
    }
    case MessageType.queryAwareness:
      return { kind: 'query-awareness' };
    case MessageType.auth:
      return { kind: 'auth' };
    default:
      return { kind: 'unknown-type', messageType };
  }
}

export function parseClientFrame(frame: Uint8Array): ClientFrame {
  if (frame.length === 0) return { kind: 'malformed', detail: 'empty frame' };
  try {
    return parseUnchecked(frame);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'undecodable';
    return { kind: 'malformed', detail };
  }
}
