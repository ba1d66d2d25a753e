import type * as Y from 'yjs';
import type { z } from 'zod';
import { readStatus, readSubtaskCards } from '../../../../shared/model/tasks/cards.js';
import { parseInput } from '../../../../shared/model/tasks/errors.js';
import { requireTask } from '../../../../shared/model/tasks/layout.js';
import { orderKeyBetween } from '../../../../shared/model/tasks/order-key.js';
import type { SubtaskProgress } from '../../../../shared/model/tasks/read-task.js';
import { CreateTaskInput, type EditContext } from '../../../../shared/model/tasks/schemas.js';
import { checkNewTask, newTaskRecord, writeNewTask } from './task-record.js';

export const SubtaskInput = CreateTaskInput.omit({ columnId: true, index: true });
export type SubtaskInput = z.input<typeof SubtaskInput>;

/**
 * Adds a subtask at the end of `parentId`'s subtasks. A subtask is a full task
 * (assignees, due date, its own subtasks) with `parentId` set; it is listed under
 * its parent, not as a card. Returns the subtask id.
 */
export function addSubtask(
  doc: Y.Doc,
  parentId: string,
  input: SubtaskInput,
  ctx: EditContext,
): string {
  const task = parseInput(SubtaskInput, input);
  const parent = requireTask(doc, parentId);
  checkNewTask(doc, task);
  doc.transact(() => {
    const last = readSubtaskCards(doc, parentId).at(-1)?.key ?? null;
    const status = {
      columnId: readStatus(parent).columnId,
      key: orderKeyBetween(last, null, doc.clientID),
      completedAt: null,
      completedBy: null,
    };
    writeNewTask(doc, task.id, newTaskRecord(task, { status, parentId }, ctx));
  }, ctx.origin);
  return task.id;
}

/** Progress of a task's direct subtasks. */

/** How many of `parentId`'s direct subtasks are completed. */
export type { SubtaskProgress };

export function subtaskProgress(doc: Y.Doc, parentId: string): SubtaskProgress {
  const subtasks = readSubtaskCards(doc, parentId);
  const done = subtasks.filter((card) => card.status.completedAt !== null).length;
  return { done, total: subtasks.length };
}
