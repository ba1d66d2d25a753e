import type { JSONContent } from '@tiptap/core';
import type * as Y from 'yjs';
import type { SourceText } from '../summaries/source-text.js';
import { jsonText, readDocJson } from '../../../../shared/model/docs/doc-json.js';

/** A top-level block of a doc (paragraph, heading, list, table...) as summary input. */
export interface DocBlock extends SourceText {
  /** Its index among the doc's top-level blocks (to scroll the editor to it). */
  index: number;
}

export const blockId = (index: number) => `block-${index}`;

/** The doc's non-empty top-level blocks, one source per block. */
export function docBlocks(json: JSONContent): DocBlock[] {
  return (json.content ?? []).flatMap((node, index) => {
    const text = jsonText({ type: 'doc', content: [node] })
      .replace(/\n+/g, ' ')
      .trim();
    return text === '' ? [] : [{ id: blockId(index), index, text }];
  });
}

/**
 * What changed since a version, as blocks of the current doc: blocks whose text is
 * not in the version (new or edited). `removed` counts the version's blocks that are
 * gone from the doc.
 */
export function changedBlocks(
  live: Y.Doc,
  version: Y.Doc,
): { changed: DocBlock[]; removed: number } {
  const now = docBlocks(readDocJson(live));
  const before = docBlocks(readDocJson(version));
  const beforeTexts = new Set(before.map((b) => b.text));
  const nowTexts = new Set(now.map((b) => b.text));
  return {
    changed: now.filter((b) => !beforeTexts.has(b.text)),
    removed: before.filter((b) => !nowTexts.has(b.text)).length,
  };
}
