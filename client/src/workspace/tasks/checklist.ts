/**
 * A task's checklist is a Y.Array of Y.Maps ({ id, text, done }): items keep the
 * order people put them in, concurrent additions both survive, and ticking an item
 * is a last-writer-wins change of that item's `done` alone.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { parseInput, TaskModelError } from '../../../../shared/model/tasks/errors.js';
import { readYArray, requireTask, TASK } from '../../../../shared/model/tasks/layout.js';
import { Id, type EditContext } from '../../../../shared/model/tasks/schemas.js';
import { checklistItem } from './task-record.js';

export const ChecklistItemInput = z.object({
  id: Id,
  text: z.string().trim().min(1).max(1000),
  /** Position in the list; the end when absent. */
  index: z.number().int().min(0).optional(),
});
export type ChecklistItemInput = z.input<typeof ChecklistItemInput>;

function findItem(
  doc: Y.Doc,
  taskId: string,
  itemId: string,
): { list: Y.Array<unknown>; index: number; item: Y.Map<unknown> } {
  const list = readYArray(requireTask(doc, taskId), TASK.checklist);
  const index = list
    ?.toArray()
    .findIndex((item) => item instanceof Y.Map && item.get('id') === itemId);
  const item = list && index !== undefined && index >= 0 ? list.get(index) : undefined;
  if (!list || index === undefined || !(item instanceof Y.Map)) {
    throw new TaskModelError('invalid-input', `no checklist item ${itemId}`);
  }
  return { list, index, item: item as Y.Map<unknown> };
}

/** Adds an item to a task's checklist. */
export function addChecklistItem(
  doc: Y.Doc,
  taskId: string,
  input: ChecklistItemInput,
  ctx: EditContext,
): void {
  const { id, text, index } = parseInput(ChecklistItemInput, input);
  const task = requireTask(doc, taskId);
  doc.transact(() => {
    let list = readYArray(task, TASK.checklist);
    if (!list) {
      list = new Y.Array<unknown>();
      task.set(TASK.checklist, list);
    }
    list.insert(Math.min(index ?? list.length, list.length), [checklistItem(id, text)]);
  }, ctx.origin);
}

/** Ticks (or with `done: false` unticks) a checklist item; toggles when `done` is absent. */
export function toggleChecklistItem(
  doc: Y.Doc,
  taskId: string,
  itemId: string,
  ctx: EditContext,
  done?: boolean,
): void {
  const { item } = findItem(doc, taskId, itemId);
  doc.transact(() => item.set('done', done ?? item.get('done') !== true), ctx.origin);
}

/** Removes an item from a task's checklist. */
export function removeChecklistItem(
  doc: Y.Doc,
  taskId: string,
  itemId: string,
  ctx: EditContext,
): void {
  const { list, index } = findItem(doc, taskId, itemId);
  doc.transact(() => list.delete(index, 1), ctx.origin);
}
