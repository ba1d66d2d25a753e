import { Readable } from 'node:stream';
import type { Hono, MiddlewareHandler } from 'hono';
import { EXPORT_ROOMS_HEADER } from '../../../shared/model/export/export-layout.js';
import type { AccessControl } from '../auth/access-control.js';
import type { UserRow } from '../auth/identity/identity-store.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { ExportGate } from '../export/export-gate.js';
import { planExport, type ExportRequest } from '../export/export-plan.js';
import { ExportAborted, ExportZip } from '../export/export-zip.js';
import { writeExport, type ExportDeps } from '../export/workspace-export.js';
import type { ApiContext, ApiEnv } from './api-context.js';

/** `workspace-2026-11-30.zip`, the name the browser saves the export under. */
function fileName(scope: string, now: number): string {
  return `${scope === 'admin' ? 'workspace' : 'my-workspace'}-export-${new Date(now).toISOString().slice(0, 10)}.zip`;
}

/**
 * GET /api/admin/export (admins) and GET /api/export (anyone signed in, what they
 * can read): the ZIP streamed as it is written, with the number of rooms in a header
 * so the client can show progress [EXPORT1][EXPORT2][EXPORT8].
 */
export function exportRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  access: AccessControl,
  deps: Omit<ExportDeps, 'store'> & { clock: Clock; log: Logger },
): void {
  const gate = new ExportGate();
  const run = async (c: ApiContext, request: ExportRequest, key: string) => {
    const release = gate.enter(key);
    try {
      const plan = await planExport(access, request);
      await access.store.audit.append({
        at: deps.clock.now(),
        actorId: request.actor?.id ?? null,
        action: `export.${request.scope}`,
        target: null,
        details: { scope: request.scope, rooms: plan.rooms.length },
      });
      const zip = new ExportZip();
      writeExport({ ...deps, store: access.store }, plan, request, zip)
        .catch((error: unknown) => {
          if (!(error instanceof ExportAborted))
            deps.log.error('export failed', { scope: request.scope, error });
        })
        .finally(release);
      return c.body(Readable.toWeb(zip.stream) as ReadableStream, 200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${fileName(request.scope, deps.clock.now())}"`,
        'cache-control': 'no-store',
        [EXPORT_ROOMS_HEADER]: String(plan.rooms.length),
      });
    } catch (error) {
      release();
      throw error;
    }
  };
  api.get('/admin/export', auth, (c) => {
    const user: UserRow = c.get('auth').user;
    access.accounts.requireAdmin(user);
    return run(c, { scope: 'admin', actor: user }, 'admin');
  });
  api.get('/export', auth, (c) => {
    const user = c.get('auth').user;
    return run(c, { scope: 'personal', actor: user }, `person:${user.id}`);
  });
}
