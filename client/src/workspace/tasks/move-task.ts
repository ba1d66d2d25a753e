import type * as Y from 'yjs';
import { z } from 'zod';
import { readCards, readStatus } from '../../../../shared/model/tasks/cards.js';
import { readColumns } from '../../../../shared/model/tasks/columns/read-columns.js';
import { requireLiveColumn } from './columns/update-column.js';
import { parseInput, TaskModelError } from '../../../../shared/model/tasks/errors.js';
import { readString, requireTask, TASK, tasksRoot } from '../../../../shared/model/tasks/layout.js';
import { orderKeyAt } from '../../../../shared/model/tasks/order-key.js';
import { Id, type EditContext } from '../../../../shared/model/tasks/schemas.js';
import { writeStatus } from './write-status.js';

export const MoveTaskTarget = z.object({
  columnId: Id,
  /** Position among the column's other cards: 0 is the top; past the end means the end. */
  index: z.number().int().min(0),
});
export type MoveTaskTarget = z.input<typeof MoveTaskTarget>;

/**
 * Moves a card to `index` in `columnId` (drag and drop). Only the card's own status
 * is written: its column, a fresh key between its new neighbours, and completion
 * when it crosses into or out of a done column (completing one that repeats creates
 * the next occurrence). Two devices moving the same card concurrently both write
 * that one value and Yjs keeps one of them on every replica.
 */
export function moveTask(
  doc: Y.Doc,
  taskId: string,
  target: MoveTaskTarget,
  ctx: EditContext,
): void {
  const { columnId, index } = parseInput(MoveTaskTarget, target);
  const task = requireTask(doc, taskId);
  const parentId = readString(task, TASK.parentId);
  if (parentId !== '' && tasksRoot(doc).has(parentId)) {
    throw new TaskModelError('invalid-input', 'subtasks are not cards; move the parent');
  }
  requireLiveColumn(doc, columnId);
  const columns = readColumns(doc);
  const done = columns.list.find((column) => column.id === columnId)?.done === true;

  doc.transact(() => {
    const others = (readCards(doc, columns).get(columnId) ?? []).filter(
      (card) => card.id !== taskId,
    );
    const current = readStatus(task);
    const completed = current.completedAt !== null;
    writeStatus(
      doc,
      taskId,
      task,
      {
        columnId,
        key: orderKeyAt(others, index, doc.clientID),
        completedAt: done ? (completed ? current.completedAt : ctx.now) : null,
        completedBy: done ? (completed ? current.completedBy : ctx.by) : null,
      },
      ctx,
    );
  }, ctx.origin);
}
