import type * as Y from 'yjs';
import { COLUMN } from '../../../../../shared/model/tasks/layout.js';
import { orderKeyAt } from '../../../../../shared/model/tasks/order-key.js';
import type { EditContext } from '../../../../../shared/model/tasks/schemas.js';
import { readColumns } from '../../../../../shared/model/tasks/columns/read-columns.js';
import { requireLiveColumn } from './update-column.js';

/** Moves a column to `index` among the live columns (same key scheme as cards). */
export function moveColumn(doc: Y.Doc, columnId: string, index: number, ctx: EditContext): void {
  const map = requireLiveColumn(doc, columnId);
  const others = readColumns(doc).list.filter((column) => column.id !== columnId);
  doc.transact(() => map.set(COLUMN.key, orderKeyAt(others, index, doc.clientID)), ctx.origin);
}
