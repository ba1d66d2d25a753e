/** Hands `content` to the browser as a download named `name`. */
export function downloadFile(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later, not at once: some browsers start the download after this returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: no path separators or characters file systems refuse. */
export function fileNameOf(title: string, extension: string): string {
  const safe = [...title]
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .trim()
    .slice(0, 100);
  return `${safe || 'calendar'}.${extension}`;
}
