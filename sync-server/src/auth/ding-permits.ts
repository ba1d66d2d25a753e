import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import {
  ApiErrorCode,
  DING_RATE,
  type DingRequest,
  type DingVerification,
} from '../../../shared/api/schemas.js';
import type { Clock } from '../clock.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { ApiFailure, fail } from './api-failure.js';
import type { RoomDirectory } from './room-directory.js';

/** A permit outlives any alert worth ringing for. */
const PERMIT_TTL_MS = 7 * 24 * 3600_000;

const Claims = z.object({
  typ: z.literal('ding'),
  sub: z.string(),
  room: z.string(),
  msg: z.string(),
  rcpt: z.array(z.string()),
  exp: z.number(),
});

const invalid: DingVerification = { valid: false, sender: null, messageId: null, recipients: [] };

/**
 * The server side of DING: the relay cannot see DINGs in documents, so it signs a
 * permit for each one it allows (HS256 with the workspace secret) and limits how many
 * a sender gets: DING_RATE per sender over a sliding window, across all rooms [DING2].
 * The window lives in the RateLimits store: in memory, a relay restart forgets it (at
 * most one extra window's worth); in Redis, every relay counts the same window
 * [LIMIT1]. When the store cannot be reached no permit is signed (503) [LIMIT2].
 */
export class DingPermits {
  constructor(
    private readonly deps: {
      secret: () => Promise<string>;
      clock: Clock;
      directory: RoomDirectory;
      limits: RateLimits;
      rate?: { max: number; windowMs: number };
    },
  ) {}

  async issue(userId: string, roomId: string, request: DingRequest): Promise<string> {
    const level = await this.deps.directory.levelFor(userId, roomId);
    if (level === 'none') throw fail.notFound('room');
    if (level !== 'write') throw fail.forbidden('you can only read this room');
    const recipients = [...new Set(request.recipients)].filter((id) => id !== userId);
    if (recipients.length === 0) throw fail.invalid('choose at least one recipient');
    const outsiders: string[] = [];
    for (const id of recipients)
      if ((await this.deps.directory.levelFor(id, roomId)) === 'none') outsiders.push(id);
    if (outsiders.length > 0) throw fail.invalid('every recipient must be able to read the room');

    const rate = this.deps.rate ?? DING_RATE;
    const now = this.deps.clock.now();
    let verdict;
    try {
      verdict = await this.deps.limits.admit(`ding:${userId}`, rate, now);
    } catch {
      throw fail.limitsUnavailable();
    }
    if (!verdict.ok) {
      throw new ApiFailure(
        429,
        ApiErrorCode.rateLimited,
        `at most ${rate.max} urgent alerts per ${Math.round(rate.windowMs / 60000)} minutes`,
        Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
      );
    }
    const payload = {
      typ: 'ding' as const,
      sub: userId,
      room: roomId,
      msg: request.messageId,
      rcpt: recipients,
      iat: Math.floor(now / 1000),
      exp: Math.floor((now + PERMIT_TTL_MS) / 1000),
    };
    return sign(payload, await this.deps.secret(), 'HS256');
  }

  /** Valid when signed here, for this room, and the caller can read it. */
  async verify(userId: string, roomId: string, permit: string): Promise<DingVerification> {
    if ((await this.deps.directory.levelFor(userId, roomId)) === 'none')
      throw fail.notFound('room');
    const secret = await this.deps.secret();
    try {
      const claims = Claims.safeParse(await verify(permit, secret, 'HS256'));
      if (!claims.success || claims.data.room !== roomId) return invalid;
      return {
        valid: true,
        sender: claims.data.sub,
        messageId: claims.data.msg,
        recipients: claims.data.rcpt,
      };
    } catch {
      return invalid;
    }
  }
}
