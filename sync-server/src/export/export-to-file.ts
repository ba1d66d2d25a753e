import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ExportManifest } from '../../../shared/model/export/export-layout.js';
import type { PlanDeps, ExportRequest } from './export-plan.js';
import { planExport } from './export-plan.js';
import { ExportZip } from './export-zip.js';
import { writeExport, type ExportDeps } from './workspace-export.js';

/**
 * The export written to `file` (the operator's `npm run admin -- export`): into a
 * temporary file first, renamed into place when whole, so a failed export never
 * leaves a file that looks complete. Audited like the HTTP routes [EXPORT9].
 */
export async function exportToFile(
  deps: ExportDeps & PlanDeps,
  request: ExportRequest,
  file: string,
): Promise<ExportManifest> {
  const plan = await planExport(deps, request);
  await deps.store.audit.append({
    at: deps.clock.now(),
    actorId: null,
    action: `export.${request.scope}`,
    target: request.scope === 'personal' ? request.actor.id : null,
    details: { scope: request.scope, via: 'cli', rooms: plan.rooms.length },
  });
  const temp = `${file}.partial`;
  const zip = new ExportZip();
  try {
    const [manifest] = await Promise.all([
      writeExport(deps, plan, request, zip),
      pipeline(zip.stream, createWriteStream(temp)),
    ]);
    renameSync(temp, file);
    return manifest;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
