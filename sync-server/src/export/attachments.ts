import { safeName } from '../../../shared/model/export/export-layout.js';
import type { ExportContext } from './export-context.js';

/** How docs and chat messages point at uploaded files (routes/files-route.ts). */
const FILE_URL = /\/api\/rooms\/([A-Za-z0-9_:-]{1,128})\/files\/([0-9a-f]{64})/g;

/** The file URLs in a text, in order. */
export function fileUrls(text: string): string[] {
  return [...text.matchAll(FILE_URL)].map((m) => m[0]);
}

interface Planned {
  path: string;
  hash: string;
  contentType: string;
}

/**
 * The files one room's content links to, placed in `<folder>/files/`. Paths are
 * planned while the room's text is written (a ZIP entry cannot start while another
 * is open) and the bytes are copied afterwards by `flush`, one file at a time from
 * the blob store. A link to a room outside the export, or to a file the relay no
 * longer has, is left as it was and listed in the manifest's missingFiles.
 */
export class RoomAttachments {
  private readonly planned = new Map<string, Planned | null>();
  private readonly pending: Planned[] = [];

  constructor(
    private readonly ctx: ExportContext,
    private readonly folder: string,
    private readonly roomId: string,
  ) {}

  /** The path of `url`'s file relative to the folder, or null when it is not exported. */
  async place(url: string): Promise<string | null> {
    if (this.planned.has(url)) return this.planned.get(url)?.path ?? null;
    const [, room = '', hash = ''] = /\/api\/rooms\/([^/]+)\/files\/([0-9a-f]{64})/.exec(url) ?? [];
    const row = this.ctx.rooms.has(room) ? await this.ctx.store.files.get(room, hash) : undefined;
    if (!row) {
      this.planned.set(url, null);
      this.ctx.missingFiles.push({ room: this.roomId, url });
      return null;
    }
    const name = this.ctx.zip.unique(
      `${this.folder}/files/${safeName(`${hash.slice(0, 8)}-${row.name}`, 120)}`,
    );
    const planned = { path: name, hash, contentType: row.content_type };
    this.planned.set(url, planned);
    this.pending.push(planned);
    return name.slice(this.folder.length + 1);
  }

  /** Copies the planned files into the ZIP. */
  async flush(): Promise<void> {
    for (const file of this.pending.splice(0)) {
      const bytes = await this.ctx.blobs.get(file.hash);
      if (!bytes) {
        this.ctx.missingFiles.push({ room: this.roomId, url: file.path });
        continue;
      }
      // PNG, JPEG, GIF and WebP are compressed already; deflating them again only costs time.
      await this.ctx.zip.add(file.path, bytes, !file.contentType.startsWith('image/'));
      this.ctx.counts.files += 1;
    }
  }
}
