import type * as Y from 'yjs';
import { readCards } from '../../../../../shared/model/tasks/cards.js';
import { TaskModelError } from '../../../../../shared/model/tasks/errors.js';
import { COLUMN, TASK } from '../../../../../shared/model/tasks/layout.js';
import { orderKeyBetween } from '../../../../../shared/model/tasks/order-key.js';
import type { EditContext, TaskStatus } from '../../../../../shared/model/tasks/schemas.js';
import { readColumns } from '../../../../../shared/model/tasks/columns/read-columns.js';
import { requireLiveColumn } from './update-column.js';

/**
 * Removes a column; its cards go to the end of `into` (default: the column before
 * it, or after it when it is first), in their order. The column stays as a
 * tombstone pointing at `into` so cards moved into it concurrently follow (see
 * readColumns). Cards keep their completion: removing a "Done" column does not
 * reopen finished work. The last live column cannot be removed.
 */
export function removeColumn(
  doc: Y.Doc,
  columnId: string,
  options: { readonly into?: string },
  ctx: EditContext,
): void {
  const map = requireLiveColumn(doc, columnId);
  const columns = readColumns(doc);
  const at = columns.list.findIndex((column) => column.id === columnId);
  const into = options.into ?? (columns.list[at - 1] ?? columns.list[at + 1])?.id;
  if (into === undefined) throw new TaskModelError('last-column', 'a project keeps one column');
  if (into === columnId) throw new TaskModelError('invalid-input', 'into: the removed column');
  requireLiveColumn(doc, into);
  doc.transact(() => {
    const cards = readCards(doc, columns);
    let last = cards.get(into)?.at(-1)?.key ?? null;
    for (const card of cards.get(columnId) ?? []) {
      last = orderKeyBetween(last, null, doc.clientID);
      const status: TaskStatus = { ...card.status, columnId: into, key: last };
      card.map.set(TASK.status, status);
    }
    map.set(COLUMN.removedInto, into);
  }, ctx.origin);
}
