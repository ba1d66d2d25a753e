/**
 * Saves what a relay endpoint answers as a file ([APPR69]): proof bundles, CSV and
 * ZIP exports. Fetched (not a plain link) so a refusal shows its message beside the
 * button instead of a browser error page; the bytes go to the browser as a Blob.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new Error('The relay cannot be reached; try again when you are online.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The relay answered ${response.status}.`);
  }
  const header = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(header)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later: some browsers start reading the Blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
