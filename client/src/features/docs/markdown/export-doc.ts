import { generateHTML, type JSONContent } from '@tiptap/core';
import { strToU8, zipSync } from 'fflate';
import { docExtensions } from '../../../../../shared/model/docs/doc-extensions.js';
import { safeName } from '../../../../../shared/model/export/export-layout.js';
import { jsonToMarkdown } from '../../../../../shared/model/docs/markdown.js';

/** A file name from a doc title: no path characters, never empty. */
export function fileNameFor(title: string, extension: string, suffix = ''): string {
  // The suffix goes after safeName's cut, so " (2)" survives a long title.
  return `${safeName(title)}${suffix}.${extension}`;
}

export function docHtml(title: string, json: JSONContent): string {
  const escaped = title.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escaped}</title></head>\n<body><h1>${escaped}</h1>\n${generateHTML(json, docExtensions())}\n</body></html>\n`;
}

/** A zip of Markdown files, one per doc; equal titles get " (2)", " (3)"… */
export function docsZip(docs: readonly { title: string; json: JSONContent }[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const doc of docs) {
    let name = fileNameFor(doc.title, 'md');
    for (let n = 2; name in files; n += 1) name = fileNameFor(doc.title, 'md', ` (${n})`);
    files[name] = strToU8(jsonToMarkdown(doc.json));
  }
  return zipSync(files);
}

/** Hands a file to the browser's download. */
export function download(name: string, type: string, content: string | Uint8Array): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], {
    type,
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
