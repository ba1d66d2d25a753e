import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-types.js';

/**
 * A confirm frame: `confirm varUint(durableFrames) varUint8Array(stateVector)`.
 * durableFrames counts the sync step 2 and update frames this connection has sent
 * that are now durably stored; stateVector is the room's persisted state vector.
 */
export interface Confirm {
  durableFrames: number;
  stateVector: Uint8Array;
}

export function encodeConfirm(confirm: Confirm): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.confirm);
  encoding.writeVarUint(encoder, confirm.durableFrames);
  encoding.writeVarUint8Array(encoder, confirm.stateVector);
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a confirm frame whose type varUint was already consumed. */
export function readConfirmBody(decoder: decoding.Decoder): Confirm {
  const durableFrames = decoding.readVarUint(decoder);
  const stateVector = decoding.readVarUint8Array(decoder);
  return { durableFrames, stateVector };
}

/** True when the frame carries document data the relay must store (step 2 or update). */
export function isDataFrame(frame: Uint8Array): boolean {
  // Both message type and sync subtype are single-byte varUints for the values we use.
  return frame.length > 2 && frame[0] === MessageType.sync && (frame[1] === 1 || frame[1] === 2);
}
