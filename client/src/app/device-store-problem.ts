/**
 * What the person sees when this device's IndexedDB database was written by a newer
 * app than the one loaded (a relay rolled back, an old tab or cached app): IndexedDB
 * refuses the open with a VersionError, and without this the app stays empty with no
 * word of why [UPGRADE7]. Nothing is deleted: the newer app reads it again. Plain DOM,
 * because it must show whatever state the rest of the app is in.
 */
export function isNewerDeviceStore(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'VersionError';
}

export function showDeviceStoreProblem(document: Document, error: unknown): void {
  if (!isNewerDeviceStore(error)) return;
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.dataset.deviceStoreProblem = 'newer';
  box.className = 'device-store-problem';
  box.style.cssText =
    'position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;padding:1rem;border-radius:8px;' +
    'background:#fff4e5;color:#5a3800;border:1px solid #f0b35b;font:inherit';
  box.textContent =
    'The data kept on this device was saved by a newer version of the app than this one, ' +
    'so it cannot be opened here. Nothing was deleted. Reload the page to get the newer ' +
    'version; if this message stays, your workspace relay runs an older version: ask its ' +
    'operator, or sign out to clear this device and load everything again from the relay.';
  document.body.append(box);
}
