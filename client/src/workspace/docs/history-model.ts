import * as Y from 'yjs';
import { origins, type LocalOrigin } from '../../sync/origins.js';
import { readDocJson } from '../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from './write-doc.js';
import {
  listVersions,
  MAX_AUTO_VERSIONS,
  readVersion,
  versionsOf,
  type Version,
  type VersionMeta,
} from './versions.js';

export {
  listVersions,
  MAX_AUTO_VERSIONS,
  VERSIONS,
  type Version,
  type VersionMeta,
} from './versions.js';

/**
 * Version history of a doc, kept in its own part room `<docId>:history` so the
 * live doc keeps garbage collection on: each version is the full encoded state
 * of the live doc at that moment (Y.encodeStateAsUpdate), not a Yjs snapshot
 * that would need the deleted items the live doc has already collected.
 * Versions are only ever appended; restoring writes the old content into the
 * live doc as a new change. Old automatic versions are pruned, named ones kept.
 */

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** True when the live doc has changes that no version holds yet. */
export function changedSinceLastVersion(history: Y.Doc, live: Y.Doc): boolean {
  const last = listVersions(history)[0];
  return !last || !sameBytes(last.stateVector, Y.encodeStateVector(live));
}

/**
 * Records the live doc as a version. An automatic version of an unchanged doc is
 * skipped (returns null); a named one is always kept.
 */
export function takeVersion(
  history: Y.Doc,
  live: Y.Doc,
  meta: VersionMeta,
  auto: boolean,
  origin: LocalOrigin = origins.history,
): Version | null {
  if (auto && !changedSinceLastVersion(history, live)) return null;
  const version: Version = {
    ...meta,
    auto,
    state: Y.encodeStateAsUpdate(live),
    stateVector: Y.encodeStateVector(live),
  };
  history.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(version)) entry.set(key, value);
    versionsOf(history).push([entry]);
    pruneAutoVersions(history);
  }, origin);
  return version;
}

function pruneAutoVersions(history: Y.Doc): void {
  const versions = versionsOf(history);
  const autos = versions
    .toArray()
    .map((entry, index) => ({ index, version: readVersion(entry) }))
    .filter((item) => item.version?.auto)
    .sort((a, b) => (a.version?.at ?? 0) - (b.version?.at ?? 0));
  const excess = autos.slice(0, Math.max(0, autos.length - MAX_AUTO_VERSIONS));
  for (const { index } of excess.sort((a, b) => b.index - a.index)) versions.delete(index, 1);
}

/** A throwaway Y.Doc holding the version's content, for viewing and diffing. */
export function versionDoc(version: Version): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  return doc;
}

/**
 * Puts the version's content back as a new change of the live doc (history is
 * never rewritten). The current content is recorded first, so nothing newer is lost.
 */
export function restoreVersion(
  history: Y.Doc,
  live: Y.Doc,
  version: Version,
  meta: VersionMeta,
  origin: LocalOrigin = origins.history,
): void {
  takeVersion(history, live, { ...meta, name: meta.name ?? null }, true, origin);
  const old = versionDoc(version);
  writeDocJson(live, readDocJson(old), origin);
  old.destroy();
}
