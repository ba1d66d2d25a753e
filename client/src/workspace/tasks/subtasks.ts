import type * as Y from 'yjs';
import type { z } from 'zod';
import { readStatus, readSubtaskCards } from './cards.js';
import { parseInput } from './errors.js';
import { requireTask } from './layout.js';
import { orderKeyBetween } from './order-key.js';
import { CreateTaskInput, type EditContext } from './schemas.js';
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
export interface SubtaskProgress {
  readonly done: number;
  readonly total: number;
}

/** How many of `parentId`'s direct subtasks are completed. */
export function subtaskProgress(doc: Y.Doc, parentId: string): SubtaskProgress {
  const subtasks = readSubtaskCards(doc, parentId);
  const done = subtasks.filter((card) => card.status.completedAt !== null).length;
  return { done, total: subtasks.length };
}
