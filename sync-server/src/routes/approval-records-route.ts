import type { Context, Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { RecordsQuery } from '../../../shared/api/approval-records.js';
import type { RelaySigner } from '../../../shared/approvals/log.js';
import { ApprovalRecords } from '../approvals/approval-records.js';
import { fail } from '../auth/api-failure.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { ApiContext, ApiEnv } from './api-context.js';

/** Proof bundles, exports and cycle times (table in shared/api/approval-records.ts). */
export function approvalRecordsRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  deps: { store: IdentityStore; now: () => number; signer: () => Promise<RelaySigner> },
): void {
  const records = new ApprovalRecords(deps);
  const user = (c: ApiContext) => c.get('auth').user;
  const day = () => new Date(deps.now()).toISOString().slice(0, 10);
  const download = (name: string, type: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });

  api.get('/approvals/requests/:id/proof', auth, async (c) => {
    const bundle = await records.proof(user(c), c.req.param('id'));
    // Ids are the relay's own (newId), safe in a file name.
    return c.body(
      JSON.stringify(bundle, null, 2),
      200,
      download(`approval-${bundle.requestId}.json`, 'application/json'),
    );
  });
  api.get('/approvals/export.csv', auth, async (c) => {
    const csv = await records.csv(user(c), query(c));
    return c.body(csv, 200, download(`approvals-${day()}.csv`, 'text/csv; charset=utf-8'));
  });
  api.get('/approvals/export.zip', auth, async (c) => {
    const zip = await records.zip(user(c), query(c));
    return c.body(
      zip as Uint8Array<ArrayBuffer>,
      200,
      download(`approvals-${day()}.zip`, 'application/zip'),
    );
  });
  api.get('/approvals/cycle-times', auth, async (c) =>
    c.json(await records.cycleTimes(user(c), query(c))),
  );
}

function query(c: Context): RecordsQuery {
  const parsed = RecordsQuery.safeParse(c.req.query());
  if (!parsed.success) throw fail.invalid(z.prettifyError(parsed.error));
  return parsed.data;
}
