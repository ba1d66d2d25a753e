import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  closeReason,
  isPermanentClose,
} from '../../../../shared/protocol/close-codes.js';
import {
  encodeConfirm,
  isDataFrame,
  readConfirmBody,
} from '../../../../shared/protocol/confirm.js';
import { parseRoomName } from '../../../../shared/protocol/room-name.js';

describe('confirm frames', () => {
  it('round-trip through encode and read', () => {
    const bytes = encodeConfirm({ durableFrames: 300, stateVector: new Uint8Array([1, 2, 3]) });
    const decoder = decoding.createDecoder(bytes);
    expect(decoding.readVarUint(decoder)).toBe(100);
    expect(readConfirmBody(decoder)).toEqual({
      durableFrames: 300,
      stateVector: new Uint8Array([1, 2, 3]),
    });
  });

  it('isDataFrame is true for step 2 and update only', () => {
    expect(isDataFrame(new Uint8Array([0, 1, 2, 0, 0]))).toBe(true);
    expect(isDataFrame(new Uint8Array([0, 2, 2, 0, 0]))).toBe(true);
    expect(isDataFrame(new Uint8Array([0, 0, 1, 0]))).toBe(false);
    expect(isDataFrame(new Uint8Array([1, 1, 0]))).toBe(false);
  });
});

describe('room names', () => {
  it.each(['doc:abc', 'chat-1', 'a.b_c', 'X'])('accepts %j', (name) => {
    expect(parseRoomName(name)).toEqual({ ok: true, room: name });
  });
  it.each(['', '.x', 'a/b', 'a b', 'é', 'x'.repeat(129)])('rejects %j', (name) => {
    expect(parseRoomName(name).ok).toBe(false);
  });
});

describe('close codes', () => {
  it('4400-4499 are permanent, others transient', () => {
    expect(isPermanentClose(CloseCode.invalidRoomName)).toBe(true);
    expect(isPermanentClose(CloseCode.storageFailed)).toBe(false);
    expect(isPermanentClose(CloseCode.goingAway)).toBe(false);
  });
  it('reasons stay within the 123-byte WebSocket limit', () => {
    expect(closeReason(CloseCode.malformedFrame, 'x'.repeat(500)).length).toBeLessThanOrEqual(120);
    expect(closeReason(CloseCode.unknownMessageType, 'type 9')).toBe(
      'unknown message type: type 9',
    );
  });
});
