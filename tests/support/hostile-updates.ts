/**
 * Valid but hostile Yjs updates, in the shapes of the attacks on the relay (issue
 * 12): every one decodes and applies in Yjs, and each targets one admission rule
 * (PROTOCOL.md, "Update admission"). Used by the hardening tests, the seeded
 * fuzzer and bench/admission.ts.
 */
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

const docWith = (clientID: number): Y.Doc => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
};

/**
 * [ADMIT1] `depth` maps nested in root map `root` under key `o`, and a second update
 * deleting `o`. The delete is written by hand: deleting a few thousand levels
 * overflows the stack in Yjs, on the sender as on the relay (the attack).
 */
export function nestedMaps(
  depth: number,
  clientID = 7,
): { build: Uint8Array; deleteOuter: Uint8Array } {
  const doc = docWith(clientID);
  let map = new Y.Map<unknown>();
  doc.getMap('root').set('o', map); // clock 0: the item the delete names
  for (let i = 1; i < depth; i++) {
    // One transaction per level: Yjs itself overflows building thousands in one.
    const child = new Y.Map<unknown>();
    map.set('c', child);
    map = child;
  }
  const build = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, clientID);
  encoding.writeVarUint(encoder, 1); // one range: clock 0, length 1
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  return { build, deleteOuter: encoding.toUint8Array(encoder) };
}

/** [ADMIT2] `count` sub-documents pushed into root array `a`. */
export function subdocs(count: number, clientID = 11): Uint8Array {
  const doc = docWith(clientID);
  doc.getArray<Y.Doc>('a').push(Array.from({ length: count }, () => new Y.Doc()));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** [ADMIT2] `count` empty maps pushed into root array `types`. */
export function manyTypes(count: number, clientID = 12): Uint8Array {
  const doc = docWith(clientID);
  doc.getArray<Y.Map<unknown>>('types').push(Array.from({ length: count }, () => new Y.Map()));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** [ADMIT3] `clients` client ids each set key `k` of root map `race`, none seeing the others. */
export function sameKeyRace(clients: number, firstClient = 1_000_000): Uint8Array {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < clients; i++) {
    const doc = docWith(firstClient + i);
    doc.getMap('race').set('k', i);
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return Y.mergeUpdates(updates);
}

/** [ADMIT3] One update written by `clients` client ids, each appending to its own root text. */
export function manyClients(clients: number, firstClient = 2_000_000): Uint8Array {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < clients; i++) {
    const doc = docWith(firstClient + i);
    doc.getText('t').insert(0, 'x');
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return Y.mergeUpdates(updates);
}

/** [ADMIT4] An update with no structs that deletes `ranges` one-item ranges of an unknown client. */
export function unknownDeletes(ranges: number, client = 99, start = 0): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges);
  for (let i = 0; i < ranges; i++) {
    encoding.writeVarUint(encoder, start + i * 2);
    encoding.writeVarUint(encoder, 1);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * [ADMIT5] Text typed by `clientID` after an item of `missingClient` that the room
 * never received: the relay keeps it pending. `bytes` is roughly its size.
 */
export function danglingText(bytes: number, clientID: number, missingClient: number): Uint8Array {
  const missing = docWith(missingClient);
  missing.getText('t').insert(0, 'm');
  const base = Y.encodeStateAsUpdate(missing);
  const doc = docWith(clientID);
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  const text = doc.getText('t');
  // One insert per character, each after the missing item, so nothing merges.
  doc.transact(() => {
    for (let i = 0; i < bytes / 8; i++) text.insert(1, 'd');
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  missing.destroy();
  return update;
}

/** [ADMIT6] One update that creates `count` root maps. */
export function manyRoots(count: number, clientID = 13): Uint8Array {
  const doc = docWith(clientID);
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap(`root-${i}`).set('k', i);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * A seeded, valid but hostile update: random nesting (sometimes past the depth
 * limit), racing client ids, sub-documents, many roots, deletes of known and
 * unknown items. `known` is a document holding what the room already has, so some
 * deletes and origins refer to real items.
 */
export function randomHostileUpdate(gen: prng.PRNG, known: Y.Doc): Uint8Array {
  const pick = prng.uint32(gen, 0, 7);
  const scale = (max: number) => prng.uint32(gen, 1, max);
  switch (pick) {
    case 0:
      return nestedMaps(scale(400), prng.uint32(gen, 1, 2 ** 30)).build;
    case 1:
      return subdocs(scale(600), prng.uint32(gen, 1, 2 ** 30));
    case 2:
      return sameKeyRace(scale(3_000), prng.uint32(gen, 1, 2 ** 30));
    case 3:
      return manyClients(scale(2_000), prng.uint32(gen, 1, 2 ** 30));
    case 4:
      return unknownDeletes(scale(50_000), prng.uint32(gen, 1, 2 ** 30));
    case 5:
      return manyRoots(scale(80), prng.uint32(gen, 1, 2 ** 30));
    case 6: {
      // Deletes of everything the room has, plus a run of unknown clocks per client.
      const ds = Y.createDeleteSetFromStructStore(known.store);
      const encoder = new Y.UpdateEncoderV1();
      encoding.writeVarUint(encoder.restEncoder, 0);
      const clients = [...known.store.clients.keys()];
      encoding.writeVarUint(encoder.restEncoder, clients.length + ds.clients.size);
      for (const client of clients) {
        encoding.writeVarUint(encoder.restEncoder, client);
        encoding.writeVarUint(encoder.restEncoder, 1);
        encoding.writeVarUint(encoder.restEncoder, 0);
        encoding.writeVarUint(encoder.restEncoder, Y.getState(known.store, client) + scale(1e6));
      }
      for (const [client, items] of ds.clients) {
        encoding.writeVarUint(encoder.restEncoder, client);
        encoding.writeVarUint(encoder.restEncoder, items.length);
        for (const item of items) {
          encoding.writeVarUint(encoder.restEncoder, item.clock);
          encoding.writeVarUint(encoder.restEncoder, item.len);
        }
      }
      return encoder.toUint8Array();
    }
    default:
      return danglingText(
        scale(200_000),
        prng.uint32(gen, 1, 2 ** 30),
        prng.uint32(gen, 1, 2 ** 30),
      );
  }
}
