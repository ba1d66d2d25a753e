import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  ActBody,
  ArchiveBody,
  PreviewBody,
  RequestListQuery,
  SubmitBody,
  TemplateBody,
  TemplateUpdateBody,
} from '../../../shared/api/approvals.js';
import { DING_RATE, ApiErrorCode } from '../../../shared/api/schemas.js';
import type { RelaySigner } from '../../../shared/approvals/log.js';
import type { ApprovalFiles } from '../approvals/approval-files.js';
import { ApprovalRequests } from '../approvals/approval-requests.js';
import { ApprovalReroutes } from '../approvals/approval-reroute.js';
import { ApprovalTemplates } from '../approvals/approval-templates.js';
import { loadSigningKey, relayKey } from '../approvals/signing-key.js';
import { approvalRecordsRoutes } from './approval-records-route.js';
import type { AccessControl } from '../auth/access-control.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { body, type ApiContext, type ApiEnv } from './api-context.js';
import { approvalFileRoutes } from './approval-files-route.js';

/**
 * Approvals under /api/approvals (table in shared/api/approvals.ts, rules in APPROVALS.md).
 * Answers what moves places when someone leaves or goes away, for the routes that do that.
 */
export function approvalsRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  access: AccessControl,
  deps: {
    clock: Clock;
    keyFile: string | null;
    log: Logger;
    files: ApprovalFiles;
    maxBytes: number;
  },
): ApprovalReroutes {
  const now = () => deps.clock.now();
  let signing: Promise<RelaySigner> | null = null;
  const signer = () => {
    // Loaded once, on first use; a failure (database unreachable) is tried again next time.
    signing ??= loadSigningKey(access.store, deps.keyFile).catch((error: unknown) => {
      signing = null;
      throw error;
    });
    return signing;
  };
  const templates = new ApprovalTemplates({ store: access.store, now });
  const requests = new ApprovalRequests({
    store: access.store,
    now,
    signer,
    admitUrge: (userId) => admitUrge(access, userId, now()),
  });
  const reroutes = new ApprovalReroutes({
    store: access.store,
    now,
    moveOne: (requestId, personId) => requests.moveOne(requestId, personId),
    log: deps.log,
  });
  const user = (c: ApiContext) => c.get('auth').user;
  approvalRecordsRoutes(api, auth, { store: access.store, now, signer });

  api.get('/approvals/key', auth, async (c) => c.json(relayKey(await signer())));
  api.get('/approvals/templates', auth, async (c) => c.json(await templates.list(user(c))));
  api.get('/approvals/templates/:id', auth, async (c) =>
    c.json(await templates.get(user(c), c.req.param('id'))),
  );
  api.get('/approvals/templates/:id/versions/:version', auth, async (c) => {
    const version = z.coerce.number().int().nonnegative().safeParse(c.req.param('version'));
    if (!version.success) throw fail.invalid('the version is a whole number');
    return c.json(await templates.get(user(c), c.req.param('id'), version.data));
  });
  api.post('/approvals/templates', auth, async (c) =>
    c.json(await templates.create(user(c), await body(c, TemplateBody)), 201),
  );
  api.put('/approvals/templates/:id', auth, async (c) =>
    c.json(await templates.update(user(c), c.req.param('id'), await body(c, TemplateUpdateBody))),
  );
  api.put('/approvals/templates/:id/archived', auth, async (c) => {
    const { archived } = await body(c, ArchiveBody);
    return c.json(await templates.setArchived(user(c), c.req.param('id'), archived));
  });
  api.post('/approvals/preview', auth, async (c) =>
    c.json(await requests.preview(user(c), await body(c, PreviewBody))),
  );
  api.post('/approvals/requests', auth, async (c) => {
    const result = await requests.submit(user(c), await body(c, SubmitBody));
    return c.json(result, result.replayed ? 200 : 201);
  });
  api.post('/approvals/requests/:id/actions', auth, async (c) =>
    c.json(await requests.act(user(c), c.req.param('id'), await body(c, ActBody))),
  );
  api.get('/approvals/requests/:id', auth, async (c) =>
    c.json(await requests.detail(user(c), c.req.param('id'))),
  );
  api.get('/approvals/requests', auth, async (c) => {
    const query = RequestListQuery.safeParse(c.req.query());
    if (!query.success) throw fail.invalid('box must be toApprove, submitted, approved or cc');
    await reroutes.due();
    return c.json(await requests.list(user(c), query.data));
  });
  approvalFileRoutes(api, auth, deps.files, deps.maxBytes);
  api.get('/approvals/count', auth, async (c) => {
    await reroutes.due();
    return c.json(await requests.count(user(c)));
  });
  return reroutes;
}

/**
 * [APPR37] An urge is a DING: it spends the sender's DING budget [DING2]. Calendar
 * invites' DINGs spend the same budget [CAL45].
 */
export async function admitUrge(access: AccessControl, userId: string, now: number): Promise<void> {
  let verdict;
  try {
    verdict = await access.limits.admit(`ding:${userId}`, DING_RATE, now);
  } catch {
    throw fail.limitsUnavailable();
  }
  if (!verdict.ok)
    throw new ApiFailure(
      429,
      ApiErrorCode.rateLimited,
      `at most ${DING_RATE.max} urgent alerts per ${Math.round(DING_RATE.windowMs / 60000)} minutes`,
      Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
    );
}
