import type * as Y from 'yjs';
import { readCards } from '../../../../shared/model/tasks/cards.js';
import { readColumns } from '../../../../shared/model/tasks/columns/read-columns.js';
import { requireLiveColumn } from './columns/update-column.js';
import { parseInput, TaskModelError } from '../../../../shared/model/tasks/errors.js';
import { orderKeyAt } from '../../../../shared/model/tasks/order-key.js';
import {
  CreateTaskInput,
  type EditContext,
  type TaskStatus,
} from '../../../../shared/model/tasks/schemas.js';
import { checkNewTask, newTaskRecord, writeNewTask } from './task-record.js';

/**
 * Adds a task as a card: in `columnId` (default: the first column that is not a
 * done column) at `index` (default: the end). A task created straight into a done
 * column is created completed. Returns the task id.
 */
export function createTask(doc: Y.Doc, input: CreateTaskInput, ctx: EditContext): string {
  const task = parseInput(CreateTaskInput, input);
  checkNewTask(doc, task);
  const columns = readColumns(doc);
  const columnId =
    task.columnId ?? (columns.list.find((column) => !column.done) ?? columns.list[0])?.id;
  if (columnId === undefined)
    throw new TaskModelError('column-not-found', 'project has no columns');
  requireLiveColumn(doc, columnId);
  const done = columns.list.find((column) => column.id === columnId)?.done === true;

  doc.transact(() => {
    const cards = readCards(doc, columns).get(columnId) ?? [];
    const status: TaskStatus = {
      columnId,
      key: orderKeyAt(cards, task.index ?? cards.length, doc.clientID),
      completedAt: done ? ctx.now : null,
      completedBy: done ? ctx.by : null,
    };
    writeNewTask(doc, task.id, newTaskRecord(task, { status, parentId: null }, ctx));
  }, ctx.origin);
  return task.id;
}
