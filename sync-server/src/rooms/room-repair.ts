/**
 * Operator tools for quarantined rooms [ISO3]: export a room's stored updates
 * exactly as stored, and repair it by rebuilding the document from the updates
 * that admission accepts and Yjs applies, skipping the others. Used by
 * `npm run admin -- rooms | room-export | room-repair`.
 */
import * as Y from 'yjs';
import type { AdmissionLimits } from '../../../shared/protocol/admission-limits.js';
import type { Persistence } from '../persistence/persistence.js';
import { admitUpdate, type DepthCache } from './admission.js';
import { scanUpdate } from './update-scan.js';

/** A room's stored updates (snapshot first), base64, for the operator to keep. */
export interface RoomExport {
  room: string;
  lastSeq: number;
  updates: string[];
}

export async function exportRoom(persistence: Persistence, room: string): Promise<RoomExport> {
  const stored = await persistence.load(room);
  return {
    room,
    lastSeq: stored.lastSeq,
    updates: stored.updates.map((update) => Buffer.from(update).toString('base64')),
  };
}

/** Why an update was left out of the repaired room. */
export interface SkippedUpdate {
  index: number;
  reason: string;
}

/**
 * Rebuilds the document without the updates it cannot take. Yjs may throw part-way
 * through an update and leave the document half-changed, so after a throw the
 * rebuild starts over without that update.
 */
export function rebuild(
  updates: Uint8Array[],
  limits: AdmissionLimits,
): { doc: Y.Doc; skipped: SkippedUpdate[] } {
  const skipped: SkippedUpdate[] = [];
  const skip = new Set<number>();
  for (;;) {
    const doc = new Y.Doc({ gc: true });
    const cache: DepthCache = new WeakMap();
    let failedAt = -1;
    for (let index = 0; index < updates.length && failedAt < 0; index++) {
      if (skip.has(index)) continue;
      const update = updates[index]!;
      try {
        const verdict = admitUpdate(doc, scanUpdate(update), limits, cache);
        if (!verdict.ok) {
          skip.add(index);
          skipped.push({ index, reason: `[${verdict.rule}] ${verdict.detail}` });
          continue;
        }
        Y.applyUpdate(doc, update);
      } catch (error) {
        skip.add(index);
        skipped.push({ index, reason: error instanceof Error ? error.message : String(error) });
        failedAt = index;
      }
    }
    if (failedAt < 0) return { doc, skipped: skipped.sort((a, b) => a.index - b.index) };
    doc.destroy();
  }
}

/** Replaces the room's stored state with the rebuilt document and lifts its quarantine. */
export async function repairRoom(
  persistence: Persistence,
  room: string,
  limits: AdmissionLimits,
): Promise<SkippedUpdate[]> {
  // Compaction is fenced [SCALE6]: a snapshot through the same seq as the damaged one
  // would be ignored. An empty update first takes the next seq, so the repaired
  // snapshot goes through a later one; it also moves the room's head, so devices
  // fetch the repair. Loading after it keeps every update the snapshot replaces.
  await persistence.append([{ room, update: Y.encodeStateAsUpdate(new Y.Doc()) }]);
  const stored = await persistence.load(room);
  const { doc, skipped } = rebuild(stored.updates, limits);
  const throughSeq = stored.lastSeq;
  await persistence.compact(room, Y.encodeStateAsUpdate(doc), throughSeq);
  await persistence.release(room);
  doc.destroy();
  return skipped;
}
