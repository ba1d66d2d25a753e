import * as Y from 'yjs';
import type { DocRegistry } from '../../../sync/doc-registry.js';
import { whenTrue } from '../../../sync/when-true.js';

/** The rooms one doc is made of: its body and comments, and its version history. */
const DOC_PARTS = ['', ':history'];

/**
 * Moves a doc's local copy to a new id ([OFFL1]): each part's state is copied into the
 * new room's Y.Doc and stored on this device, then the old rooms are closed and their
 * databases deleted. Both ids are still awaiting registration while this runs, so the
 * registry's rooms never connect (RegistrationGate); the copy reaches the relay only
 * under the new id, once that is registered.
 */
export function moveLocalDoc(deps: {
  registry: DocRegistry;
  forgetRooms: (roomIds: readonly string[]) => Promise<void>;
}): (from: string, to: string) => Promise<void> {
  return async (from, to) => {
    for (const part of DOC_PARTS) await copyRoom(deps.registry, `${from}${part}`, `${to}${part}`);
    await deps.forgetRooms([from]);
  };
}

async function copyRoom(registry: DocRegistry, from: string, to: string): Promise<void> {
  const source = registry.acquire(from);
  const target = registry.acquire(to);
  try {
    await whenTrue(() => source.loaded() && target.loaded());
    // Applying the same state twice (a move resumed after a reload) changes nothing.
    Y.applyUpdate(target.doc, Y.encodeStateAsUpdate(source.doc));
    await whenTrue(target.savedLocally);
  } finally {
    source.release();
    target.release();
  }
}
