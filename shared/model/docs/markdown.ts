import type { JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { docExtensions } from './doc-extensions.js';

let manager: MarkdownManager | null = null;

function markdown(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: docExtensions() });
  return manager;
}

/** Markdown text → the doc's JSON (ProseMirror document), by @tiptap/markdown. */
export function markdownToJson(text: string): JSONContent {
  const json = markdown().parse(text);
  // An empty file is a doc with one empty paragraph (the schema needs a block).
  return json.content && json.content.length > 0
    ? json
    : { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** The doc's JSON → Markdown text, by @tiptap/markdown. */
export function jsonToMarkdown(json: JSONContent): string {
  return markdown().serialize(json);
}
