import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteRanges, scanUpdate } from '../../../../sync-server/src/rooms/update-scan.js';

/** A document with every kind of content Yjs writes, edited by two clients. */
function everyContent(): Uint8Array {
  const a = new Y.Doc();
  a.clientID = 5;
  const b = new Y.Doc();
  b.clientID = 9;
  a.transact(() => {
    a.getText('t').insert(0, 'héllo wörld 👋', { bold: true });
    a.getText('t').insertEmbed(3, { image: 'x.png' });
    a.getArray('a').push([
      1,
      'two',
      { three: [3] },
      new Uint8Array([1, 2]),
      new Y.Map(),
      new Y.Array(),
    ]);
    a.getMap('m').set('doc', new Y.Doc());
    a.getMap('m').set('text', new Y.Text('inner'));
    const fragment = a.getXmlFragment('xml');
    const element = new Y.XmlElement('p');
    element.insert(0, [new Y.XmlText('para')]);
    fragment.insert(0, [element, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
  });
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getText('t').delete(2, 4);
  b.getMap('m').set('k', 'v');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  return Y.encodeStateAsUpdate(a);
}

describe('scanUpdate reads the Yjs v1 format like Yjs does [ADMIT1]', () => {
  it('agrees with Y.decodeUpdate on every struct, clock and delete range', () => {
    const update = everyContent();
    const scan = scanUpdate(update);
    const decoded = Y.decodeUpdate(update);
    const items = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item);
    expect(scan.items.map((i) => [i.client, i.clock, i.length])).toEqual(
      items.map((i) => [i.id.client, i.id.clock, i.length]),
    );
    expect(scan.items.filter((i) => i.isType)).toHaveLength(
      items.filter((i) => i.content instanceof Y.ContentType).length,
    );
    expect(scan.items.filter((i) => i.isSubdoc)).toHaveLength(1);
    const ranges: number[][] = [];
    for (const [client, list] of decoded.ds.clients)
      for (const { clock, len } of list) ranges.push([client, clock, len]);
    expect(ranges.length).toBeGreaterThan(0);
    const scanned: number[][] = [];
    for (const client of scan.deletes)
      deleteRanges(scan, client, (clock, len) => scanned.push([client.client, clock, len]));
    expect(scanned).toEqual(ranges);
  });

  it('never accepts a mutated update that Yjs cannot decode', () => {
    const update = everyContent();
    const gen = prng.create(42);
    let scanned = 0;
    for (let round = 0; round < 3000; round++) {
      const cut = prng.bool(gen) ? update.length : prng.uint32(gen, 1, update.length);
      const bytes = update.slice(0, cut);
      for (let flips = prng.uint32(gen, 1, 2); flips > 0; flips--) {
        bytes[prng.uint32(gen, 0, bytes.length - 1)] = prng.uint32(gen, 0, 255);
      }
      let ok = true;
      try {
        scanUpdate(bytes);
      } catch {
        ok = false;
      }
      if (!ok) continue;
      scanned += 1;
      expect(() => Y.decodeUpdate(bytes)).not.toThrow();
    }
    expect(scanned).toBeGreaterThan(10); // some mutations stay valid, so the check ran
  });
});
