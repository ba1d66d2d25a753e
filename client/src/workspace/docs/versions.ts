import type * as Y from 'yjs';

/**
 * Reading a doc's version history (see history-model.ts for how it is kept). Apart
 * from it because it needs no editor code: Home's briefing lists versions, and
 * must not pull Tiptap into the first screen's chunk [LOAD1].
 */

export const VERSIONS = 'versions';
/** Automatic versions kept per doc; named versions are never pruned. */
export const MAX_AUTO_VERSIONS = 30;

export interface VersionMeta {
  id: string;
  /** A person's name for the version; null for automatic ones. */
  name: string | null;
  at: number;
  authorId: string;
  authorName: string;
}

export interface Version extends VersionMeta {
  auto: boolean;
  /** Y.encodeStateAsUpdate of the live doc when the version was taken. */
  state: Uint8Array;
  /** Its state vector, to tell whether the doc changed since. */
  stateVector: Uint8Array;
}

export function versionsOf(history: Y.Doc): Y.Array<Y.Map<unknown>> {
  return history.getArray<Y.Map<unknown>>(VERSIONS);
}

export function readVersion(entry: Y.Map<unknown>): Version | null {
  const { id, name, at, authorId, authorName, auto, state, stateVector } = entry.toJSON() as Record<
    string,
    unknown
  >;
  if (typeof id !== 'string' || typeof at !== 'number') return null;
  if (!(state instanceof Uint8Array) || !(stateVector instanceof Uint8Array)) return null;
  return {
    id,
    name: typeof name === 'string' ? name : null,
    at,
    authorId: typeof authorId === 'string' ? authorId : '',
    authorName: typeof authorName === 'string' ? authorName : 'Someone',
    auto: auto === true,
    state,
    stateVector,
  };
}

/** Every version, newest first. */
export function listVersions(history: Y.Doc): Version[] {
  return versionsOf(history)
    .toArray()
    .flatMap((entry) => readVersion(entry) ?? [])
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}
