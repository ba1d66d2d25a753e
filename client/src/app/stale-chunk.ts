const KEY = 'app.chunk-reload-at';
/** A reload this recent that did not help is not tried again: the failure is not staleness. */
const GUARD_MS = 60_000;

/**
 * Whether a page whose code failed to load should reload itself [LOAD4]. A tab opened
 * before a deploy asks for chunks the new build no longer has; one reload fetches the
 * new build's. Offline, or when this tab already reloaded for this within the last
 * minute (the chunk is missing for another reason), it says no, so a failure never
 * turns into a reload loop and the caller shows its error with a Reload button.
 * The time of the reload is kept in sessionStorage: it must survive the reload and
 * belongs to this tab only.
 */
export function shouldReloadForChunk(storage: Storage, online: boolean, now: number): boolean {
  if (!online) return false;
  const last = Number(storage.getItem(KEY) ?? Number.NaN);
  if (Number.isFinite(last) && now - last >= 0 && now - last < GUARD_MS) return false;
  try {
    storage.setItem(KEY, String(now));
  } catch {
    return false; // a storage we cannot write could not stop a loop
  }
  return true;
}
