import { z } from 'zod';

/**
 * The reserved field of every awareness state the relay forwards [PRES4]. The
 * relay writes it from the authenticated connection, overriding whatever the
 * client put there, so it is the only part of a remote state to trust for who
 * someone is; `user.name` and the rest are self-declared.
 */
export const PRESENCE_STAMP_FIELD = 'relay';

export const PresenceStamp = z.object({ userId: z.string(), name: z.string() });
export type PresenceStamp = z.infer<typeof PresenceStamp>;

/** The relay's stamp of an awareness state, or null for an unstamped (or own, local) state. */
export function presenceStampOf(state: unknown): PresenceStamp | null {
  if (typeof state !== 'object' || state === null) return null;
  const parsed = PresenceStamp.safeParse((state as Record<string, unknown>)[PRESENCE_STAMP_FIELD]);
  return parsed.success ? parsed.data : null;
}
