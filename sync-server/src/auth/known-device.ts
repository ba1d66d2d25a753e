import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';

/**
 * A "known device" proof (OWASP's device cookie): after a successful sign-in the
 * browser gets an HttpOnly cookie saying "this device signed in as this person
 * before", signed with the workspace secret. It is not a credential (it opens no
 * session) — it only lets its holder use its own sign-in budget for that account,
 * so that strangers guessing at the account cannot lock this device out
 * (login-limiter.ts).
 */
export const KNOWN_DEVICE_COOKIE = 'ws_device';
export const KNOWN_DEVICE_TTL_MS = 180 * 24 * 3600_000;

const Claims = z.object({
  typ: z.literal('device'),
  sub: z.string(),
  dev: z.string(),
  exp: z.number(),
});

export interface KnownDevice {
  userId: string;
  deviceId: string;
}

export async function signKnownDevice(
  secret: string,
  userId: string,
  nowMs: number,
): Promise<string> {
  const exp = Math.floor((nowMs + KNOWN_DEVICE_TTL_MS) / 1000);
  const dev = randomBytes(12).toString('base64url');
  return sign({ typ: 'device', sub: userId, dev, exp }, secret, 'HS256');
}

/** Null for anything but an unexpired device proof signed by this workspace. */
export async function readKnownDevice(secret: string, value: string): Promise<KnownDevice | null> {
  try {
    const claims = Claims.safeParse(await verify(value, secret, 'HS256'));
    return claims.success ? { userId: claims.data.sub, deviceId: claims.data.dev } : null;
  } catch {
    return null;
  }
}
