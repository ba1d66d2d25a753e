import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  encodeMux,
  MAX_LIST,
  MuxKind,
  parseMux,
  roomFrame,
  type MuxFrame,
} from '../../../../shared/protocol/mux.js';

const frames: MuxFrame[] = [
  { kind: 'hello', feedId: 'f1', cursor: 42, directory: '0123456789abcdef' },
  { kind: 'subscribe', room: 'doc:2024-05' },
  { kind: 'unsubscribe', room: 'doc' },
  { kind: 'room', room: 'doc', frame: new Uint8Array([0, 0, 1, 0]) },
  { kind: 'heads', roomIds: ['a', 'b'] },
  { kind: 'closed', room: 'doc', code: 4403, reason: 'access to this room was revoked' },
  {
    kind: 'feed',
    feedId: 'f1',
    cursor: 7,
    complete: true,
    heads: [
      { room: 'a', head: 3 },
      { room: 'a:x', head: 7 },
    ],
  },
  { kind: 'directory' },
];

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('mux frames (PROTOCOL.md, "Workspace connection")', () => {
  it.each(frames.map((f) => [f.kind, f] as const))('%s round-trips', (_kind, frame) => {
    expect(parseMux(encodeMux(frame))).toEqual(frame);
  });

  it('roomFrame is the room frame encoding', () => {
    const frame = new Uint8Array([1, 2, 3]);
    expect(roomFrame('doc', frame)).toEqual(encodeMux({ kind: 'room', room: 'doc', frame }));
  });

  it('[MUX4] an unknown kind is told apart from a malformed frame', () => {
    expect(parseMux(new Uint8Array([99]))).toEqual({ kind: 'unknown', muxKind: 99 });
    for (const bad of [
      new Uint8Array([]),
      new Uint8Array([MuxKind.subscribe]), // truncated
      new Uint8Array([MuxKind.directory, 0]), // trailing bytes
      new Uint8Array([MuxKind.subscribe, 200]), // varUint runs past the end
      bytes((e) => {
        encoding.writeVarUint(e, MuxKind.subscribe);
        encoding.writeVarString(e, 'x'.repeat(2000));
      }),
      bytes((e) => {
        encoding.writeVarUint(e, MuxKind.heads);
        encoding.writeVarUint(e, MAX_LIST + 1);
      }),
    ]) {
      expect(parseMux(bad).kind).toBe('malformed');
    }
  });
});
