import * as Y from 'yjs';
import type { RoomKind } from '../../../shared/api/schemas.js';
import type { ExportCounts, ExportManifest } from '../../../shared/model/export/export-layout.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { BlobStore } from '../files/blob-store.js';
import type { Persistence } from '../persistence/persistence.js';
import type { ExportZip } from './export-zip.js';

/** A room as the export sees it: its directory entry and its access rule. */
export interface ExportRoom {
  id: string;
  kind: RoomKind;
  title: string;
  ownerId: string;
  createdAt: number;
  /** The doc it nests under, when the exporter may read that doc too. */
  parentId: string | null;
  trashedAt: number | null;
  access: {
    workspace: string;
    groups: { id: string; level: string }[];
    users: { id: string; level: string }[];
  };
}

/** What every room exporter shares: the stores, the ZIP, who is who, and the running totals. */
export interface ExportContext {
  store: IdentityStore;
  persistence: Persistence;
  blobs: BlobStore;
  zip: ExportZip;
  /** Rooms in this export, by id: a file link into any other room is not followed. */
  rooms: ReadonlyMap<string, ExportRoom>;
  /** Display names of the people this export may name, by id. */
  names: ReadonlyMap<string, string>;
  counts: ExportCounts;
  skipped: ExportManifest['skipped'];
  missingFiles: ExportManifest['missingFiles'];
  /** The folder of each exported room inside the ZIP (for the index page). */
  placed: { room: ExportRoom; path: string }[];
}

/** A stored room part that cannot be read; its room is listed as skipped. */
export class UnreadableRoom extends Error {}

/**
 * A room part's Y.Doc, read from storage exactly as a relay loads it (snapshot, then
 * the log), without keeping it in the relay's memory. A quarantined part, or one
 * whose updates do not apply, is reported as UnreadableRoom [EXPORT6].
 */
export async function loadPart(persistence: Persistence, name: string): Promise<Y.Doc> {
  const quarantined = await persistence.quarantineOf(name);
  if (quarantined) throw new UnreadableRoom(`quarantined: ${quarantined.reason}`);
  const stored = await persistence.load(name);
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
  } catch (error) {
    doc.destroy();
    throw new UnreadableRoom(
      `its stored updates cannot be applied (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return doc;
}

/** The name of `userId` for people reading the export, or the id when it may not be named. */
export function nameOf(ctx: ExportContext, userId: string): string {
  return ctx.names.get(userId) ?? userId;
}
