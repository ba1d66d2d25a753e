import type { JSONContent } from '@tiptap/core';
import { Node as PmNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { docFragment, docSchema } from '../../../../shared/model/docs/doc-json.js';
import { origins, type LocalOrigin } from '../../sync/origins.js';

/**
 * Makes the doc body equal to `json` as one new change: y-tiptap diffs the
 * fragment against it, so unchanged paragraphs (and comments anchored in them)
 * are kept, and concurrent edits elsewhere still merge.
 */
export function writeDocJson(
  doc: Y.Doc,
  json: JSONContent,
  origin: LocalOrigin = origins.import,
): void {
  const node = PmNode.fromJSON(docSchema(), json);
  node.check();
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(docSchema(), node.toJSON() as JSONContent, docFragment(doc));
  }, origin);
}
