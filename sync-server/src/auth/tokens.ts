import { sign, verify } from 'hono/jwt';
import { z } from 'zod';

/** Access tokens: HS256 JWTs signed with the workspace's own secret. */
export const ACCESS_TOKEN_TTL_MS = 5 * 60 * 1000;
export const MAX_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const Claims = z.object({
  sub: z.string(),
  /** Hash of the session that asked for it; absent for operator-minted tokens. */
  sid: z.string().optional(),
  typ: z.literal('access'),
  exp: z.number(),
});
export type AccessClaims = z.infer<typeof Claims>;

export async function signAccessToken(
  secret: string,
  claims: { sub: string; sid?: string },
  nowMs: number,
  ttlMs = ACCESS_TOKEN_TTL_MS,
): Promise<{ token: string; expiresAt: number }> {
  const exp = Math.floor((nowMs + Math.min(ttlMs, MAX_TOKEN_TTL_MS)) / 1000);
  const payload = { ...claims, typ: 'access' as const, iat: Math.floor(nowMs / 1000), exp };
  return { token: await sign(payload, secret, 'HS256'), expiresAt: exp * 1000 };
}

/**
 * Null for a tampered, expired, malformed or foreign token: the caller says 401.
 * Expiry is judged by the relay's clock, the one that set it, not by the JWT library's.
 */
export async function verifyAccessToken(
  secret: string,
  token: string,
  nowMs: number,
): Promise<AccessClaims | null> {
  try {
    const payload = await verify(token, secret, { alg: 'HS256', exp: false, iat: false });
    const claims = Claims.safeParse(payload);
    return claims.success && claims.data.exp * 1000 > nowMs ? claims.data : null;
  } catch {
    return null;
  }
}
