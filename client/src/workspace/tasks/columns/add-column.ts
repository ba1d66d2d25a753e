import * as Y from 'yjs';
import { z } from 'zod';
import { parseInput } from '../../../../../shared/model/tasks/errors.js';
import { COLUMN, columnsRoot } from '../../../../../shared/model/tasks/layout.js';
import { orderKeyAt } from '../../../../../shared/model/tasks/order-key.js';
import { Id, type EditContext } from '../../../../../shared/model/tasks/schemas.js';
import { readColumns } from '../../../../../shared/model/tasks/columns/read-columns.js';

export const AddColumnInput = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  /** Position among the live columns; the end when absent. */
  index: z.number().int().min(0).optional(),
  done: z.boolean().optional(),
});
export type AddColumnInput = z.input<typeof AddColumnInput>;

/** Adds a column to the project's board. */
export function addColumn(doc: Y.Doc, input: AddColumnInput, ctx: EditContext): void {
  const { id, name, index, done } = parseInput(AddColumnInput, input);
  doc.transact(() => {
    const list = readColumns(doc).list.filter((column) => column.id !== id);
    const map = new Y.Map<unknown>();
    map.set(COLUMN.name, name);
    map.set(COLUMN.key, orderKeyAt(list, index ?? list.length, doc.clientID));
    map.set(COLUMN.done, done ?? false);
    columnsRoot(doc).set(id, map);
  }, ctx.origin);
}
