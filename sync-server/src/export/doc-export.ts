import type { JSONContent } from '@tiptap/core';
import { readDocJson } from '../../../shared/model/docs/doc-json.js';
import { jsonToMarkdown } from '../../../shared/model/docs/markdown.js';
import { RoomAttachments, fileUrls } from './attachments.js';
import { loadPart, type ExportContext, type ExportRoom } from './export-context.js';

/** The doc body with every link to an uploaded file replaced by `replace(url)` (when not null). */
export async function rewriteFileLinks(
  json: JSONContent,
  replace: (url: string) => Promise<string | null>,
): Promise<JSONContent> {
  const swap = async (value: unknown) => {
    if (typeof value !== 'string' || fileUrls(value).length === 0) return value;
    return (await replace(value)) ?? value;
  };
  const attrs = json.attrs && { ...json.attrs, src: await swap(json.attrs['src']) };
  const marks =
    json.marks &&
    (await Promise.all(
      json.marks.map(async (mark) =>
        mark.attrs
          ? { ...mark, attrs: { ...mark.attrs, href: await swap(mark.attrs['href']) } }
          : mark,
      ),
    ));
  const content =
    json.content &&
    (await Promise.all(json.content.map((child) => rewriteFileLinks(child, replace))));
  return {
    ...json,
    ...(attrs && { attrs }),
    ...(marks && { marks }),
    ...(content && { content }),
  };
}

/**
 * One doc as Markdown by the app's own converter (shared/model/docs/markdown.ts, the
 * one the editor's "Export as Markdown" uses), at `docs/<parents>/<title>.md`, its
 * images and files beside it in `files/` with the links made relative [EXPORT3].
 */
export async function exportDoc(
  ctx: ExportContext,
  room: ExportRoom,
  folder: string,
  name: string,
) {
  const doc = await loadPart(ctx.persistence, room.id);
  try {
    const attachments = new RoomAttachments(ctx, folder, room.id);
    const json = await rewriteFileLinks(readDocJson(doc), (url) => attachments.place(url));
    await attachments.flush();
    const path = ctx.zip.unique(`${folder}/${name}.md`);
    await ctx.zip.add(path, jsonToMarkdown(json));
    ctx.counts.docs += 1;
    return path;
  } finally {
    doc.destroy();
  }
}
