import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { routePath } from 'hono/route';
import { deleteCookie, getCookie } from 'hono/cookie';
import {
  AcceptInviteBody,
  ApiErrorCode,
  DeactivateBody,
  DingPermit,
  DingRequest,
  FavouriteBody,
  GroupCreateBody,
  GroupUpdateBody,
  InviteCreateBody,
  LoginBody,
  MarkReadBody,
  NotifyBody,
  PasswordChangeBody,
  RoomAccess,
  RoomCreateBody,
  RoomUpdateBody,
  SetupBody,
  UserUpdateBody,
} from '../../../shared/api/schemas.js';
import { DIRECTORY_DIGEST_HEADER } from '../../../shared/protocol/mux.js';
import type { AccessControl } from '../auth/access-control.js';
import { directoryDigest } from '../auth/directory-digest.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import type { UserRow } from '../auth/identity/identity-store.js';
import { KNOWN_DEVICE_COOKIE } from '../auth/known-device.js';
import type { RoomFiles } from '../files/room-files.js';
import type { StorageUsage } from '../files/storage-usage.js';
import type { RetentionPolicies } from '../retention/retention-policies.js';
import { RetentionBody } from '../../../shared/retention/retention.js';
import type { ModelStore } from '../models/model-store.js';
import type { Logger } from '../logger.js';
import type { Metrics, SignInFailure } from '../metrics/metrics.js';
import type { ExportDeps } from '../export/workspace-export.js';
import { exportRoutes } from './export-route.js';
import { fileRoutes, isFileUpload } from './files-route.js';
import { ApprovalFiles } from '../approvals/approval-files.js';
import { orgRoutes } from './org-route.js';
import { approvalsRoutes } from './approvals-route.js';
import { calendarInvitesRoutes } from './calendar-invites-route.js';
import { availabilityRoutes } from './availability-route.js';
import { calendarFeedRoutes } from './calendar-feed-route.js';
import type { CalendarFeeds } from '../calendar/calendar-feeds.js';
import { openSessionCookies } from './session-cookies.js';
import { ssoRoutes } from './sso-route.js';
import type { SsoSignIn } from '../auth/sso/sso-sign-in.js';
import {
  authenticated,
  body,
  clientAddress,
  sameOriginOnly,
  SESSION_COOKIE,
  sessionOnly,
  type ApiEnv,
} from './api-context.js';

const API_BODY_LIMIT = 64 * 1024;

/** Signs `user` in on this browser and answers with who they are. */
async function startSession(c: Context, access: AccessControl, user: UserRow) {
  await openSessionCookies(c, access, user);
  return c.json(await access.accounts.me(user));
}

/** Why a sign-in failed, as relay_signin_failures_total counts it [METRIC5]. */
function signInFailure(error: unknown): SignInFailure {
  if (!(error instanceof ApiFailure)) return 'other';
  switch (error.code) {
    case ApiErrorCode.invalidCredentials:
      return 'bad_credentials'; // wrong password and unknown email alike [ACCT1]
    case ApiErrorCode.rateLimited:
      return 'rate_limited';
    case ApiErrorCode.deactivated:
      return 'deactivated';
    case ApiErrorCode.invalidInput:
      return 'invalid_input';
    case ApiErrorCode.unavailable:
      return 'unavailable';
    default:
      return 'other';
  }
}

/** The HTTP API (table in shared/api/schemas.ts); every error is `{ code, message }`. */
export function apiRoute(
  access: AccessControl,
  deps: {
    files: RoomFiles;
    maxBytes: number;
    models: ModelStore | null;
    log: Logger;
    metrics: Metrics;
    /** Where the workspace export reads rooms and files from. */
    exports: Omit<ExportDeps, 'store'>;
    /** Single sign-on; null when the operator did not set it up. */
    sso: SsoSignIn | null;
    retention: RetentionPolicies;
    usage: StorageUsage;
    /** APPROVALS_KEY_FILE, or null to keep the signing key in the identity store [APPR30]. */
    approvalsKeyFile: string | null;
    /** Calendar subscription URLs [CAL60]; PUBLIC_URL, or null for the request's origin. */
    calendarFeeds: { feeds: CalendarFeeds; publicUrl: string | null };
  },
): Hono<ApiEnv> {
  const files = { files: deps.files, maxBytes: deps.maxBytes };
  const { accounts, directory } = access;
  const api = new Hono<ApiEnv>();
  const jsonLimit = bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: (c) => c.json({ code: 'invalid_input', message: 'body too large' }, 413),
  });
  // File uploads have their own, larger limit (files-route.ts).
  api.use('*', except(isFileUpload, jsonLimit));
  api.use('*', sameOriginOnly);
  api.onError((error, c) => {
    if (error instanceof ApiFailure) {
      if (error.retryAfterSeconds) c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json({ code: error.code, message: error.message, ...error.extra }, error.status);
    }
    // The person sees a generic answer; the operator needs the cause.
    // The route pattern, not the path: `/invites/:token` must not log the token [METRIC8].
    deps.log.error('api request failed', {
      method: c.req.method,
      route: routePath(c, c.req.routeIndex),
      error,
    });
    return c.json({ code: 'internal', message: 'the relay hit an unexpected error' }, 500);
  });

  // -- anyone ----------------------------------------------------------------
  api.get('/setup', async (c) =>
    c.json({
      needsSetup: await accounts.needsSetup(),
      workspaceName: (await access.store.workspace.get())?.name ?? null,
    }),
  );
  api.post('/setup', async (c) =>
    startSession(c, access, await accounts.setup(await body(c, SetupBody), 'web')),
  );
  const ssoRequired = () =>
    fail.forbidden(`this workspace signs in with ${deps.sso?.settings.label ?? 'single sign-on'}`);
  api.post('/auth/login', async (c) => {
    try {
      const { email, password } = await body(c, LoginBody);
      // Before the password work: refused people must not cost the relay a hash [SSO2].
      if (deps.sso && !deps.sso.passwordAllowed(email)) throw ssoRequired();
      const user = await accounts.login({
        email,
        password,
        address: clientAddress(c),
        device: getCookie(c, KNOWN_DEVICE_COOKIE) ?? null,
      });
      if (deps.sso && !deps.sso.passwordAllowed(email, user)) throw ssoRequired();
      return await startSession(c, access, user);
    } catch (error) {
      deps.metrics.signInFailed(signInFailure(error));
      throw error;
    }
  });
  api.get('/invites/:token', async (c) =>
    c.json(await accounts.previewInvite(c.req.param('token'))),
  );
  api.post('/invites/:token/accept', async (c) => {
    // In require mode an invite is taken by signing in with the provider [SSO2].
    if (deps.sso?.settings.mode === 'require') throw ssoRequired();
    const user = await accounts.acceptInvite(c.req.param('token'), await body(c, AcceptInviteBody));
    return startSession(c, access, user);
  });

  ssoRoutes(api, access, deps.sso, deps.log);

  // -- signed in -------------------------------------------------------------
  const auth = authenticated(access);
  api.post('/auth/logout', auth, async (c) => {
    const secret = c.get('sessionSecret');
    if (secret) await accounts.closeSession(secret);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({});
  });
  // Never with a bearer token: a leaked token must not renew itself [ACCT4].
  api.post('/auth/token', sessionOnly(access), async (c) => {
    const { user, sessionHash } = c.get('auth');
    return c.json(await accounts.mintToken(user.id, sessionHash));
  });
  api.post('/auth/password', auth, async (c) => {
    const { currentPassword, newPassword } = await body(c, PasswordChangeBody);
    const { user, sessionHash } = c.get('auth');
    await accounts.changePassword(user, currentPassword, newPassword, sessionHash);
    return c.json({});
  });
  api.get('/me', auth, async (c) => c.json(await accounts.me(c.get('auth').user)));

  api.get('/invites', auth, async (c) => c.json(await accounts.invites(c.get('auth').user)));
  api.post('/invites', auth, async (c) =>
    c.json(await accounts.createInvite(c.get('auth').user, await body(c, InviteCreateBody)), 201),
  );
  api.delete('/invites/:id', auth, async (c) => {
    await accounts.revokeInvite(c.get('auth').user, c.req.param('id'));
    return c.json({});
  });

  api.get('/users', auth, async (c) => c.json(await accounts.users(c.get('auth').user)));
  api.patch('/users/:id', auth, async (c) =>
    c.json(
      await accounts.updateUser(
        c.get('auth').user,
        c.req.param('id'),
        await body(c, UserUpdateBody),
      ),
    ),
  );
  api.post('/users/:id/deactivate', auth, async (c) => {
    const { transferTo } = await body(c, DeactivateBody);
    const user = await accounts.deactivate(c.get('auth').user, c.req.param('id'), transferTo);
    await reroutes.movePlacesOf(user.id); // [APPR80] gone: their approval steps move now
    return c.json(user);
  });
  api.post('/users/:id/reactivate', auth, async (c) =>
    c.json(await accounts.reactivate(c.get('auth').user, c.req.param('id'))),
  );

  api.get('/groups', auth, async (c) => c.json(await accounts.groups(c.get('auth').user)));
  api.post('/groups', auth, async (c) => {
    const { name, members } = await body(c, GroupCreateBody);
    return c.json(await accounts.createGroup(c.get('auth').user, name, members), 201);
  });
  api.patch('/groups/:id', auth, async (c) =>
    c.json(
      await accounts.updateGroup(
        c.get('auth').user,
        c.req.param('id'),
        await body(c, GroupUpdateBody),
      ),
    ),
  );
  api.delete('/groups/:id', auth, async (c) => {
    await accounts.deleteGroup(c.get('auth').user, c.req.param('id'));
    return c.json({});
  });

  api.get('/rooms', auth, async (c) => {
    const rooms = await directory.list(c.get('auth').user);
    c.header(DIRECTORY_DIGEST_HEADER, directoryDigest(rooms));
    return c.json(rooms);
  });
  api.post('/rooms', auth, async (c) =>
    c.json(await directory.create(c.get('auth').user, await body(c, RoomCreateBody)), 201),
  );
  api.get('/rooms/:id', auth, async (c) =>
    c.json(await directory.get(c.get('auth').user, c.req.param('id'))),
  );
  api.patch('/rooms/:id', auth, async (c) =>
    c.json(
      await directory.update(c.get('auth').user, c.req.param('id'), await body(c, RoomUpdateBody)),
    ),
  );
  api.get('/rooms/:id/retention', auth, async (c) =>
    c.json(await deps.retention.get(c.get('auth').user, c.req.param('id'))),
  );
  api.put('/rooms/:id/retention', auth, async (c) => {
    const { days } = await body(c, RetentionBody);
    return c.json(await deps.retention.set(c.get('auth').user, c.req.param('id'), days));
  });
  api.get('/usage', auth, async (c) => {
    accounts.requireAdmin(c.get('auth').user);
    const usage = await deps.usage.measure();
    return c.json({
      documents: usage.documents,
      files: usage.files,
      total: usage.total,
      byPerson: Object.fromEntries(usage.byPerson),
      quotas: deps.usage.quotas,
    });
  });
  api.put('/rooms/:id/favourite', auth, async (c) => {
    const { favourite } = await body(c, FavouriteBody);
    return c.json(await directory.setFavourite(c.get('auth').user, c.req.param('id'), favourite));
  });
  fileRoutes(api, auth, files);
  api.get('/rooms/:id/access', auth, async (c) =>
    c.json(await directory.access(c.get('auth').user, c.req.param('id'))),
  );
  api.put('/rooms/:id/access', auth, async (c) =>
    c.json(
      await directory.setAccess(c.get('auth').user, c.req.param('id'), await body(c, RoomAccess)),
    ),
  );
  api.post('/rooms/:id/ding', auth, async (c) => {
    const request = await body(c, DingRequest);
    const permit = await access.dings.issue(c.get('auth').user.id, c.req.param('id'), request);
    return c.json({ permit });
  });
  api.post('/rooms/:id/ding/verify', auth, async (c) => {
    const { permit } = await body(c, DingPermit);
    return c.json(await access.dings.verify(c.get('auth').user.id, c.req.param('id'), permit));
  });

  api.post('/rooms/:id/notify', auth, async (c) => {
    const { userIds, excerpt, anchor } = await body(c, NotifyBody);
    const delivered = await access.notifications.send(c.get('auth').user, c.req.param('id'), {
      userIds,
      excerpt,
      anchor,
    });
    return c.json({ delivered });
  });
  api.get('/notifications', auth, async (c) =>
    c.json(await access.notifications.list(c.get('auth').user)),
  );
  api.post('/notifications/read', auth, async (c) => {
    const { ids } = await body(c, MarkReadBody);
    await access.notifications.markRead(c.get('auth').user, ids);
    return c.json({});
  });

  // The AI models in MODELS_DIR (none when the operator set no directory).
  api.get('/models', auth, (c) => c.json(deps.models?.list() ?? []));

  api.get('/audit', auth, async (c) => {
    const user = c.get('auth').user;
    accounts.requireAdmin(user);
    const before = Number(c.req.query('before') ?? '') || undefined;
    return c.json(
      (await access.store.audit.page(200, before)).map((row) => ({
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        target: row.target,
        details: JSON.parse(row.details) as Record<string, unknown>,
      })),
    );
  });

  exportRoutes(api, auth, access, { ...deps.exports, log: deps.log });
  calendarFeedRoutes(api, auth, deps.calendarFeeds.feeds, deps.calendarFeeds.publicUrl);
  // Registered here, after the middleware above; the users routes use it when called.
  const reroutes = approvalsRoutes(api, auth, access, {
    clock: deps.exports.clock,
    keyFile: deps.approvalsKeyFile,
    log: deps.log,
    files: new ApprovalFiles({
      store: access.store,
      blobs: deps.exports.blobs,
      now: () => deps.exports.clock.now(),
      usage: deps.usage,
    }),
    maxBytes: deps.maxBytes,
  });
  orgRoutes(api, auth, access, () => deps.exports.clock.now(), reroutes);
  calendarInvitesRoutes(api, auth, access, { clock: deps.exports.clock });
  availabilityRoutes(api, auth, access, () => deps.exports.clock.now());

  api.all('*', () => {
    throw fail.notFound('API route');
  });
  return api;
}
