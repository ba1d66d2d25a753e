import { z } from 'zod';
import { DirectoryRoom, Me } from '../../../shared/api/schemas.js';

/**
 * Who is signed in on this device and which rooms they may open, kept in localStorage
 * so the app starts signed in, and with the right rooms, while the relay is out of reach.
 * It holds no secret: the session itself is an HttpOnly cookie.
 */
export const SessionCache = z.object({ me: Me, directory: z.array(DirectoryRoom) });
export type SessionCache = z.infer<typeof SessionCache>;

const STORAGE_KEY = 'ws:session';

export function readSessionCache(storage: Pick<Storage, 'getItem'>): SessionCache | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return null;
  try {
    const parsed = SessionCache.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeSessionCache(storage: Pick<Storage, 'setItem'>, cache: SessionCache): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(cache));
  } catch {
    // Storage full or disabled: the app still works online, it just cannot start offline.
  }
}

export function clearSessionCache(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(STORAGE_KEY);
}
