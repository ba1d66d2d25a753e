/** Text made inert for HTML: an export must not run anything a message or title holds [EXPORT4]. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A standalone page. Its Content-Security-Policy forbids every script, so even a
 * mistake in escaping could not run code when someone opens the export.
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
.meta{color:#555;font-size:13px}.msg{margin:.75rem 0}.thread{margin-left:2rem;border-left:2px solid #ddd;padding-left:.75rem}
.deleted{color:#777;font-style:italic}pre{white-space:pre-wrap;margin:.25rem 0;font:inherit}</style>
</head><body>
${body}
</body></html>
`;
}
