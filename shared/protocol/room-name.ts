import { z } from 'zod';

/**
 * Room names travel in the URL path (/sync/:room). They are opaque ids, never
 * titles: 1–128 characters of letters, digits and `._:-`, not starting with a dot.
 */
export const RoomName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_:-][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only');
export type RoomName = z.infer<typeof RoomName>;

export function parseRoomName(
  raw: string,
): { ok: true; room: string } | { ok: false; error: string } {
  const result = RoomName.safeParse(raw);
  return result.success
    ? { ok: true, room: result.data }
    : { ok: false, error: result.error.issues[0]?.message ?? 'invalid room name' };
}
