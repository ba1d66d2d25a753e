import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { AccessControl } from '../auth/access-control.js';
import type { Authenticated } from '../auth/accounts.js';
import { ApiFailure, fail } from '../auth/api-failure.js';

export const SESSION_COOKIE = 'ws_session';

export type ApiEnv = { Variables: { auth: Authenticated; sessionSecret: string | null } };
export type ApiContext = Context<ApiEnv>;

/** Parses a JSON body with a schema; every failure is a 400 that names the field. */
export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new ApiFailure(415, 'invalid_input', 'send a JSON body (Content-Type: application/json)');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw fail.invalid('the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw fail.invalid(`${where}${issue?.message ?? 'invalid input'}`);
  }
  return parsed.data;
}

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Cross-site request forgery: the session cookie is SameSite=Strict, bodies must
 * be JSON (a cross-site form cannot send that without a CORS preflight we never
 * grant), and a state-changing request from another origin is refused outright.
 */
export const sameOriginOnly: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const host = c.req.header('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // an unparseable Origin is foreign
    }
    if (!host || originHost !== host) throw fail.forbidden('cross-origin request refused');
  }
  await next();
};

/** Session cookie for browsers, bearer token for scripts; refuses everyone else. */
export function authenticated(access: AccessControl): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const secret = getCookie(c, SESSION_COOKIE);
    const header = c.req.header('authorization');
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (secret) {
      c.set('auth', await access.accounts.sessionUser(secret));
      c.set('sessionSecret', secret);
    } else if (token) {
      c.set('auth', await access.accounts.tokenUser(token));
      c.set('sessionSecret', null);
    } else {
      throw fail.unauthenticated();
    }
    await next();
  };
}

/** The session cookie only: for what a bearer token must never do, like minting tokens [ACCT4]. */
export function sessionOnly(access: AccessControl): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const secret = getCookie(c, SESSION_COOKIE);
    if (!secret) throw fail.unauthenticated('only a signed-in session can do this; sign in');
    c.set('auth', await access.accounts.sessionUser(secret));
    c.set('sessionSecret', secret);
    await next();
  };
}
