/** How often a signed-in device checks who it is and what it may read, at the least. */
export const REFRESH_INTERVAL_MS = 60_000;

/**
 * Checks the session on startup, when the network comes back, when the window gets
 * focus or becomes visible, and every minute. `refresh` should be throttled: focus and
 * online often fire together. Returns the uninstall function.
 */
export function installSessionRefresh(
  win: Window,
  refresh: () => void,
  intervalMs = REFRESH_INTERVAL_MS,
): () => void {
  const onVisibility = () => {
    if (win.document.visibilityState === 'visible') refresh();
  };
  win.addEventListener('online', refresh);
  win.addEventListener('focus', refresh);
  win.document.addEventListener('visibilitychange', onVisibility);
  const interval = win.setInterval(refresh, intervalMs);
  refresh();
  return () => {
    win.removeEventListener('online', refresh);
    win.removeEventListener('focus', refresh);
    win.document.removeEventListener('visibilitychange', onVisibility);
    win.clearInterval(interval);
  };
}
