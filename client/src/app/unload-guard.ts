/**
 * Asks before the page unloads while work is unsaved: edits not yet on the relay (safe
 * in IndexedDB, but this may be the only device that has them) or, for a moment after
 * typing, not yet committed to IndexedDB.
 */
export function installUnloadGuard(win: Window, hasUnsavedWork: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedWork()) return;
    event.preventDefault();
    // Older Chromium only shows the prompt when returnValue is set.
    event.returnValue = '';
  };
  win.addEventListener('beforeunload', onBeforeUnload);
  return () => win.removeEventListener('beforeunload', onBeforeUnload);
}
