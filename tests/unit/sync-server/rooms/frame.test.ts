import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClientFrame } from '../../../../sync-server/src/rooms/frame.js';

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const doc = new Y.Doc();
doc.getText('t').insert(0, 'abc');
const update = Y.encodeStateAsUpdate(doc);

describe('parseClientFrame', () => {
  it('reads sync step 1 with its state vector', () => {
    const sv = Y.encodeStateVector(doc);
    const parsed = parseClientFrame(
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint8Array(e, sv)
        ),
      ),
    );
    expect(parsed).toEqual({ kind: 'sync-step1', stateVector: sv });
  });

  it.each([
    [1, 'step2'],
    [2, 'update'],
  ] as const)('reads sync subtype %i as %s data', (subtype, name) => {
    const parsed = parseClientFrame(
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, subtype),
          encoding.writeVarUint8Array(e, update)
        ),
      ),
    );
    expect(parsed).toMatchObject({ kind: 'sync-data', subtype: name, update });
    expect(parsed.kind === 'sync-data' && parsed.scan.items.length).toBeGreaterThan(0);
  });

  it('reads awareness and query-awareness frames', () => {
    expect(
      parseClientFrame(
        frame(
          (e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, new Uint8Array([0]))),
        ),
      ),
    ).toEqual({ kind: 'awareness', update: new Uint8Array([0]) });
    expect(parseClientFrame(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
  });

  it('[BAD2] reports unknown message types by number', () => {
    expect(parseClientFrame(new Uint8Array([0x80, 0x01]))).toEqual({
      kind: 'unknown-type',
      messageType: 128,
    });
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['cut varUint', new Uint8Array([0x80])],
    ['cut length', new Uint8Array([0, 2, 9, 1])],
    ['trailing byte', new Uint8Array([0, 2, 2, 0, 0, 7])],
    ['state vector that is not one', new Uint8Array([0, 0, 2, 0xff, 0xff])],
    [
      'update with missing delete set',
      new Uint8Array([0, 2, ...[update.length - 1], ...update.subarray(0, -1)]),
    ],
    ['awareness with trailing byte', new Uint8Array([1, 1, 0, 9])],
  ])('[BAD1] returns malformed for %s, never throws', (_name, bytes) => {
    expect(parseClientFrame(bytes).kind).toBe('malformed');
  });
});
