import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SsoInfo } from '../../../shared/api/sso.js';
import type { AccessControl } from '../auth/access-control.js';
import { ApiFailure } from '../auth/api-failure.js';
import { SSO_CALLBACK_PATH } from '../auth/sso/sso-settings.js';
import { SSO_PENDING_TTL_MS, SsoRefused, type SsoSignIn } from '../auth/sso/sso-sign-in.js';
import type { Logger } from '../logger.js';
import type { ApiEnv } from './api-context.js';
import { isSecure, openSessionCookies } from './session-cookies.js';

/** Binds a pending sign-in to the browser that started it [SSO5]. */
export const SSO_PENDING_COOKIE = 'ws_sso';

/**
 * The single sign-on routes under /api (OPERATIONS.md, "Single sign-on"). Start and
 * callback are browser navigations, not fetches: they answer with redirects, and a
 * refused sign-in lands on the sign-in page with `?sso_error=<reason>`.
 */
export function ssoRoutes(
  api: Hono<ApiEnv>,
  access: AccessControl,
  sso: SsoSignIn | null,
  log: Logger,
): void {
  api.get('/auth/sso', (c) => {
    const info: SsoInfo = sso
      ? {
          enabled: true,
          required: sso.settings.mode === 'require',
          label: sso.settings.label,
          ready: sso.ready,
        }
      : { enabled: false, required: false, label: '', ready: false };
    return c.json(info);
  });
  if (!sso) return;

  api.get('/auth/sso/start', async (c) => {
    if (!sso.ready)
      throw new ApiFailure(
        503,
        'unavailable',
        'the identity provider has not answered the relay yet; try again in a minute',
        30,
      );
    const { url, browserSecret } = await sso.start({
      returnTo: c.req.query('next') ?? '/',
      invite: c.req.query('invite') ?? null,
    });
    // Lax, not Strict: the callback is a navigation from the provider's site.
    setCookie(c, SSO_PENDING_COOKIE, browserSecret, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecure(c),
      path: SSO_CALLBACK_PATH,
      maxAge: Math.floor(SSO_PENDING_TTL_MS / 1000),
    });
    return c.redirect(url.href, 302);
  });

  api.get('/auth/sso/callback', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const cookie = getCookie(c, SSO_PENDING_COOKIE) ?? null;
    deleteCookie(c, SSO_PENDING_COOKIE, { path: SSO_CALLBACK_PATH });
    try {
      const { user, returnTo } = await sso.finish(query, cookie);
      await openSessionCookies(c, access, user);
      log.info('single sign-on', { user: user.id });
      return c.redirect(returnTo, 303);
    } catch (error) {
      if (!(error instanceof SsoRefused)) throw error;
      log.warn('single sign-on refused', { reason: error.reason, detail: error.message });
      return c.redirect(`/login?sso_error=${error.reason}`, 303);
    }
  });
}
