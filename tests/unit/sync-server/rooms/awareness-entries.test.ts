import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  readAwarenessEntries,
  writeAwarenessEntries,
} from '../../../../sync-server/src/rooms/awareness-entries.js';

describe('awareness entries', () => {
  it('[PRES4] read what y-protocols encodes and write what it applies', () => {
    const source = new awarenessProtocol.Awareness(new Y.Doc());
    source.setLocalState({ user: { name: 'Zoë 名', color: '#3c9d5d' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(source, [source.clientID]);
    const [entry] = readAwarenessEntries(update, 10);
    expect(entry?.clientId).toBe(source.clientID);
    expect(new TextDecoder().decode(entry?.json)).toBe(JSON.stringify(source.getLocalState()));

    const target = new awarenessProtocol.Awareness(new Y.Doc());
    const json = JSON.stringify({ relay: { userId: 'u1', name: 'Zoë' } });
    awarenessProtocol.applyAwarenessUpdate(
      target,
      writeAwarenessEntries([
        { clientId: 7, clock: 3, json },
        { clientId: 8, clock: 1, json },
      ]),
      'test',
    );
    expect(target.getStates().get(7)).toEqual(JSON.parse(json));
    expect(target.meta.get(7)?.clock).toBe(3);
    expect(target.getStates().size).toBe(3); // its own empty state, 7 and 8
    source.destroy();
    target.destroy();
  });

  it('[PRES1] reads at most maxEntries and throws on a truncated update', () => {
    const update = writeAwarenessEntries(
      [1, 2, 3].map((clientId) => ({ clientId, clock: 1, json: '{}' })),
    );
    expect(readAwarenessEntries(update, 2).map((e) => e.clientId)).toEqual([1, 2]);
    expect(() => readAwarenessEntries(update.slice(0, -2), 5)).toThrow();
  });
});
