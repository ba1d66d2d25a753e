/**
 * The workspace export (OPERATIONS.md, "Export"): a ZIP of everything a scope may
 * read, built on the relay from storage, so it holds rooms no device has loaded and
 * works the same in the embedded and the scaled mode.
 *
 *   README.html                 the index: opens in any browser, links everything
 *   manifest.json               format, workspace, when, by whom, scope, counts, skipped
 *                               rooms, missing files, and every entry with its SHA-256
 *   people.json groups.json rooms.json   who, which groups, every room with its access rule
 *   docs/<parents>/<title>.md   each doc as Markdown; its files in docs/<parents>/files/
 *   chat/<title>/messages.json  each channel or DM; index.html to read it; files/
 *   tasks/<title>.csv .json     each task project
 *   skipped/<title>.txt         a room whose stored state could not be read, and why
 *   approvals/                  reserved: approvals and their proof bundles, once they exist
 *
 * One room is in memory at a time (a channel: one month at a time); files are copied
 * one at a time from the blob store; the ZIP is streamed with backpressure.
 */
import {
  EXPORT_FORMAT_VERSION,
  safeName,
  type ExportManifest,
} from '../../../shared/model/export/export-layout.js';
import type { Clock } from '../clock.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { BlobStore } from '../files/blob-store.js';
import type { Persistence } from '../persistence/persistence.js';
import { exportChannel } from './chat-export.js';
import { exportDoc } from './doc-export.js';
import { UnreadableRoom, type ExportContext, type ExportRoom } from './export-context.js';
import type { ExportPlan, ExportRequest } from './export-plan.js';
import type { ExportZip } from './export-zip.js';
import { indexPage } from './index-page.js';
import { exportCalendar } from './calendar-export.js';
import { exportProject } from './task-export.js';

export interface ExportDeps {
  store: IdentityStore;
  persistence: Persistence;
  blobs: BlobStore;
  clock: Clock;
}

/** Each doc's folder: the titles of the docs above it that are in the export. */
function docFolder(room: ExportRoom, rooms: ReadonlyMap<string, ExportRoom>): string {
  const names: string[] = [];
  const seen = new Set<string>([room.id]);
  for (let at = room.parentId && rooms.get(room.parentId); at;) {
    if (seen.has(at.id)) break;
    seen.add(at.id);
    names.unshift(safeName(at.title));
    at = at.parentId ? rooms.get(at.parentId) : undefined;
  }
  return ['docs', ...names].join('/');
}

/** Parents before their children, so that folders and index read top-down. */
function depth(room: ExportRoom, rooms: ReadonlyMap<string, ExportRoom>): number {
  let n = 0;
  for (let at = room.parentId && rooms.get(room.parentId); at && n < 64; n++)
    at = at.parentId ? rooms.get(at.parentId) : undefined;
  return n;
}

/**
 * How each kind of room is exported. Approvals will add their kind here, writing
 * `approvals/<title>/` with the approval record and its proof bundle.
 */
const EXPORTERS: Record<
  ExportRoom['kind'],
  (ctx: ExportContext, room: ExportRoom) => Promise<string>
> = {
  doc: (ctx, room) => exportDoc(ctx, room, docFolder(room, ctx.rooms), safeName(room.title)),
  channel: (ctx, room) => exportChannel(ctx, room, ctx.zip.unique(`chat/${safeName(room.title)}`)),
  dm: (ctx, room) => exportChannel(ctx, room, ctx.zip.unique(`chat/${safeName(room.title)}`)),
  board: (ctx, room) => exportProject(ctx, room, safeName(room.title)),
  calendar: (ctx, room) => exportCalendar(ctx, room, safeName(room.title)),
};

const KIND_ORDER: Record<ExportRoom['kind'], number> = {
  doc: 0,
  channel: 1,
  dm: 2,
  board: 3,
  calendar: 4,
};

/**
 * Writes the export of `plan` into `zip` and ends it; resolves with the manifest. A
 * room that cannot be read is listed (skipped/ and the manifest) and the export goes
 * on [EXPORT6]; any other failure aborts the ZIP, so nobody mistakes a broken export
 * for a whole one.
 */
export async function writeExport(
  deps: ExportDeps,
  plan: ExportPlan,
  request: ExportRequest,
  zip: ExportZip,
): Promise<ExportManifest> {
  const rooms = new Map(plan.rooms.map((r) => [r.id, r]));
  const ctx: ExportContext = {
    ...deps,
    zip,
    rooms,
    names: new Map(plan.people.map((p) => [p.id, p.name])),
    counts: {
      people: plan.people.length,
      groups: plan.groups.length,
      rooms: plan.rooms.length,
      docs: 0,
      channels: 0,
      messages: 0,
      projects: 0,
      tasks: 0,
      files: 0,
      skipped: 0,
    },
    skipped: [],
    missingFiles: [],
    placed: [],
  };
  try {
    await zip.add('people.json', JSON.stringify(plan.people, null, 2));
    await zip.add('groups.json', JSON.stringify(plan.groups, null, 2));
    await zip.add('rooms.json', JSON.stringify(plan.rooms, null, 2));
    const ordered = [...plan.rooms].sort(
      (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || depth(a, rooms) - depth(b, rooms),
    );
    for (const room of ordered) {
      try {
        ctx.placed.push({ room, path: await EXPORTERS[room.kind](ctx, room) });
      } catch (error) {
        if (!(error instanceof UnreadableRoom)) throw error;
        ctx.counts.skipped += 1;
        ctx.skipped.push({ room: room.id, title: room.title, reason: error.message });
        const path = zip.unique(`skipped/${safeName(room.title)}.txt`);
        await zip.add(path, `"${room.title}" (${room.id}) was not exported: ${error.message}\n`);
      }
    }
    const manifest: Omit<ExportManifest, 'entries'> = {
      format: EXPORT_FORMAT_VERSION,
      workspace: plan.workspace,
      createdAt: new Date(deps.clock.now()).toISOString(),
      exportedBy: request.actor ? { id: request.actor.id, name: request.actor.name } : null,
      scope: plan.scope,
      counts: ctx.counts,
      skipped: ctx.skipped,
      missingFiles: ctx.missingFiles,
    };
    await zip.add('README.html', indexPage(plan, manifest, ctx.placed));
    const full: ExportManifest = { ...manifest, entries: [...zip.entries] };
    await zip.add('manifest.json', JSON.stringify(full, null, 2));
    zip.end();
    return full;
  } catch (error) {
    zip.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
