import * as Y from 'yjs';
import type { DocRegistry, RoomHandle } from '../../../sync/doc-registry.js';
import { origins } from '../../../sync/origins.js';
import { whenTrue } from '../../../sync/when-true.js';

/** The rooms one doc is made of: its body and comments, and its version history. */
const DOC_PARTS = ['', ':history'];

/**
 * Moves a doc's local copy to a new id ([OFFL1]): each part's state is copied into the
 * new room's Y.Doc and stored on this device, then the old rooms are closed and their
 * databases deleted. Both ids are still awaiting registration while this runs, so the
 * registry's rooms never connect (RegistrationGate); the copy reaches the relay only
 * under the new id, once that is registered. The old doc may be open in an editor:
 * whatever is typed into it until it closes is forwarded too.
 */
export function moveLocalDoc(deps: {
  registry: DocRegistry;
  forgetRooms: (roomIds: readonly string[]) => Promise<void>;
}): (from: string, to: string) => Promise<void> {
  return async (from, to) => {
    const pairs = DOC_PARTS.map((part) => ({
      source: deps.registry.acquire(`${from}${part}`),
      target: deps.registry.acquire(`${to}${part}`),
    }));
    const stops: (() => void)[] = [];
    try {
      await whenTrue(() => pairs.every((p) => p.source.loaded() && p.target.loaded()));
      for (const { source, target } of pairs) stops.push(forward(source, target));
      await whenTrue(() => pairs.every((p) => p.target.savedLocally()));
      // Closes the old rooms (and any editor on them) before the forwarding stops.
      const forgotten = deps.forgetRooms([from]);
      for (const stop of stops) stop();
      await forgotten;
    } finally {
      for (const { source, target } of pairs) {
        source.release();
        target.release();
      }
    }
  };
}

/** Copies the whole state once, then every later change, until the returned stop. */
function forward(source: RoomHandle, target: RoomHandle): () => void {
  // Applying the same state twice (a move resumed after a reload) changes nothing.
  Y.applyUpdate(target.doc, Y.encodeStateAsUpdate(source.doc), origins.move);
  const onUpdate = (update: Uint8Array) => Y.applyUpdate(target.doc, update, origins.move);
  // Not a view: each update is copied to the new doc as it happens, never read.
  // eslint-disable-next-line no-restricted-syntax
  source.doc.on('update', onUpdate);
  return () => source.doc.off('update', onUpdate);
}
