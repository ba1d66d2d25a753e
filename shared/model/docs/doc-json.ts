import { getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Node as PmNode } from '@tiptap/pm/model';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { docExtensions } from './doc-extensions.js';

/** The Y.XmlFragment of a doc room that holds its body (Collaboration's `field`). */
export const DOC_FIELD = 'prosemirror';

let schema: Schema | null = null;

/** The ProseMirror schema of docExtensions(), built once. */
export function docSchema(): Schema {
  schema ??= getSchema(docExtensions());
  return schema;
}

export function docFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOC_FIELD);
}

const EMPTY: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The doc body as ProseMirror JSON (an empty paragraph for a new doc). */
export function readDocJson(doc: Y.Doc): JSONContent {
  const json = yXmlFragmentToProsemirrorJSON(docFragment(doc)) as JSONContent;
  return json.content && json.content.length > 0 ? json : EMPTY;
}

/** Plain text of ProseMirror JSON, one line per block, for diffs and titles. */
export function jsonText(json: JSONContent): string {
  const node = PmNode.fromJSON(docSchema(), json);
  return node.textBetween(0, node.content.size, '\n', ' ');
}
