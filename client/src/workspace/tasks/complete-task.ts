import type * as Y from 'yjs';
import { readCards, readStatus } from '../../../../shared/model/tasks/cards.js';
import { readColumns } from '../../../../shared/model/tasks/columns/read-columns.js';
import {
  readString,
  requireTask,
  TASK,
  tasksRoot,
  type YRecord,
} from '../../../../shared/model/tasks/layout.js';
import { orderKeyAt } from '../../../../shared/model/tasks/order-key.js';
import type { EditContext, TaskStatus } from '../../../../shared/model/tasks/schemas.js';
import { writeStatus } from './write-status.js';

function isCard(doc: Y.Doc, task: YRecord): boolean {
  const parentId = readString(task, TASK.parentId);
  return parentId === '' || !tasksRoot(doc).has(parentId);
}

/**
 * Completes a task. A card moves to the top of the first done column (if the
 * project has one and it is not in a done column already); a subtask keeps its
 * place. A repeating task gets its next occurrence (see repeat-task.ts).
 * Completing a completed task does nothing.
 */
export function completeTask(doc: Y.Doc, taskId: string, ctx: EditContext): void {
  const task = requireTask(doc, taskId);
  doc.transact(() => {
    const current = readStatus(task);
    if (current.completedAt !== null) return;
    let place = { columnId: current.columnId, key: current.key };
    if (isCard(doc, task)) {
      const columns = readColumns(doc);
      const here = columns.list.find((column) => column.id === columns.resolve(current.columnId));
      const done = columns.list.find((column) => column.done);
      if (done && !here?.done) {
        const cards = readCards(doc, columns).get(done.id) ?? [];
        place = { columnId: done.id, key: orderKeyAt(cards, 0, doc.clientID) };
      }
    }
    const next: TaskStatus = { ...place, completedAt: ctx.now, completedBy: ctx.by };
    writeStatus(doc, taskId, task, next, ctx);
  }, ctx.origin);
}

/**
 * Reopens a completed task. A card sitting in a done column moves to the end of the
 * first column that is not one. Reopening an open task does nothing.
 */
export function reopenTask(doc: Y.Doc, taskId: string, ctx: EditContext): void {
  const task = requireTask(doc, taskId);
  doc.transact(() => {
    const current = readStatus(task);
    if (current.completedAt === null) return;
    let place = { columnId: current.columnId, key: current.key };
    if (isCard(doc, task)) {
      const columns = readColumns(doc);
      const here = columns.list.find((column) => column.id === columns.resolve(current.columnId));
      const open = columns.list.find((column) => !column.done);
      if (open && here?.done !== false) {
        const cards = (readCards(doc, columns).get(open.id) ?? []).filter((c) => c.id !== taskId);
        place = { columnId: open.id, key: orderKeyAt(cards, cards.length, doc.clientID) };
      }
    }
    const next: TaskStatus = { ...place, completedAt: null, completedBy: null };
    writeStatus(doc, taskId, task, next, ctx);
  }, ctx.origin);
}
