import { z } from 'zod';

/**
 * The layout of a workspace export (OPERATIONS.md, "Export"): a ZIP whose paths both
 * the relay (which writes it) and the client (which shows progress while it streams
 * in) know from here.
 */
export const EXPORT_FORMAT_VERSION = 1;

/** Response header of the export routes: how many rooms the export will hold. */
export const EXPORT_ROOMS_HEADER = 'x-export-rooms';

export const ExportScope = z.enum(['admin', 'personal']);
export type ExportScope = z.infer<typeof ExportScope>;

export const ExportCounts = z.object({
  people: z.number(),
  groups: z.number(),
  rooms: z.number(),
  docs: z.number(),
  channels: z.number(),
  messages: z.number(),
  projects: z.number(),
  tasks: z.number(),
  files: z.number(),
  /** Rooms whose stored state could not be read (quarantined); each is in `skipped`. */
  skipped: z.number(),
});
export type ExportCounts = z.infer<typeof ExportCounts>;

export const ExportManifest = z.object({
  format: z.literal(EXPORT_FORMAT_VERSION),
  workspace: z.string(),
  createdAt: z.string(),
  exportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  scope: ExportScope,
  counts: ExportCounts,
  /** Rooms left out, with why (a damaged room is never half-exported silently). */
  skipped: z.array(z.object({ room: z.string(), title: z.string(), reason: z.string() })),
  /** Attachments a message or doc links to that the relay no longer has. */
  missingFiles: z.array(z.object({ room: z.string(), url: z.string() })),
  entries: z.array(z.object({ path: z.string(), bytes: z.number(), sha256: z.string() })),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

/**
 * True for the one entry each room contributes when it is done (a doc's Markdown, a
 * channel's messages.json, a project's JSON, a skipped room's note): what the client
 * counts against EXPORT_ROOMS_HEADER.
 */
export function isRoomEntry(path: string): boolean {
  if (path.startsWith('skipped/')) return true;
  // Attached files are `files/<8 hex>-<name>`; a doc titled "files" is still a doc.
  if (path.startsWith('docs/'))
    return path.endsWith('.md') && !/\/files\/[0-9a-f]{8}-[^/]*$/.test(path);
  if (path.startsWith('chat/')) return path.endsWith('/messages.json');
  if (path.startsWith('tasks/')) return path.endsWith('.json');
  return false;
}

/** A file or folder name from a title: no path or control characters, never empty. */
export function safeName(title: string, max = 100): string {
  // C0 and C1 control characters and DEL, and what Windows forbids in names [MD5].
  const cleaned = [...title].map((ch) =>
    ch < ' ' || (ch >= '\u007f' && ch <= '\u009f') || '\\/:*?"<>|'.includes(ch) ? ' ' : ch,
  );
  const base = cleaned.join('').trim().slice(0, max).trim();
  // `.` and `..` would leave the folder they are unpacked in.
  return base && !/^\.+$/.test(base) ? base : 'Untitled';
}
