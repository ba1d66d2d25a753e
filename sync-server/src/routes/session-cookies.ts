import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_TTL_MS } from '../auth/accounts.js';
import type { AccessControl } from '../auth/access-control.js';
import type { UserRow } from '../auth/identity/identity-store.js';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_TTL_MS } from '../auth/known-device.js';
import { SESSION_COOKIE } from './api-context.js';

/** Whether the browser reached us over https (directly or through a proxy that says so). */
export function isSecure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * Opens a session for `user` and sets its cookie, and the known-device cookie that
 * gives this browser its own sign-in budget [ACCT2]: the same for every way of
 * signing in (password, invite, first run, single sign-on).
 */
export async function openSessionCookies(
  c: Context,
  access: AccessControl,
  user: UserRow,
): Promise<void> {
  const { secret } = await access.accounts.openSession(user.id);
  const secure = isSecure(c);
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
  // Sent only to the sign-in route: it is of no use anywhere else.
  setCookie(c, KNOWN_DEVICE_COOKIE, await access.accounts.knownDevice(user.id), {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/api/auth/login',
    maxAge: Math.floor(KNOWN_DEVICE_TTL_MS / 1000),
  });
}
