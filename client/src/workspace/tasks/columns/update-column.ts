import type * as Y from 'yjs';
import { z } from 'zod';
import { parseInput, TaskModelError } from '../../../../../shared/model/tasks/errors.js';
import { COLUMN, columnsRoot, type YRecord } from '../../../../../shared/model/tasks/layout.js';
import type { EditContext } from '../../../../../shared/model/tasks/schemas.js';
import { readColumns } from '../../../../../shared/model/tasks/columns/read-columns.js';

export const ColumnPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  /** Whether cards in this column count as completed (from now on; see index.ts). */
  done: z.boolean().optional(),
});
export type ColumnPatch = z.input<typeof ColumnPatch>;

/** The live column `columnId`'s Y.Map, or a column-not-found error. */
export function requireLiveColumn(doc: Y.Doc, columnId: string): YRecord {
  const map = columnsRoot(doc).get(columnId);
  if (!map || !readColumns(doc).list.some((column) => column.id === columnId)) {
    throw new TaskModelError('column-not-found', `no column ${columnId}`);
  }
  return map;
}

/** Renames a column or changes whether it is a done column. */
export function updateColumn(
  doc: Y.Doc,
  columnId: string,
  patch: ColumnPatch,
  ctx: EditContext,
): void {
  const { name, done } = parseInput(ColumnPatch, patch);
  const map = requireLiveColumn(doc, columnId);
  doc.transact(() => {
    if (name !== undefined) map.set(COLUMN.name, name);
    if (done !== undefined) map.set(COLUMN.done, done);
  }, ctx.origin);
}
