import type * as Y from 'yjs';
import { parseInput } from '../../../../shared/model/tasks/errors.js';
import { ensureYMap, requireTask, TASK } from '../../../../shared/model/tasks/layout.js';
import { UserId, type EditContext } from '../../../../shared/model/tasks/schemas.js';

/**
 * Assignees are a Y.Map used as a set (user id -> true): concurrent assigns of the
 * same person merge into one entry, which a Y.Array would duplicate.
 */
function assigneesOf(doc: Y.Doc, taskId: string): Y.Map<unknown> {
  return ensureYMap(requireTask(doc, taskId), TASK.assignees);
}

/** Adds `userId` to the task's assignees. */
export function assign(doc: Y.Doc, taskId: string, userId: string, ctx: EditContext): void {
  const user = parseInput(UserId, userId);
  doc.transact(() => assigneesOf(doc, taskId).set(user, true), ctx.origin);
}

/** Removes `userId` from the task's assignees. */
export function unassign(doc: Y.Doc, taskId: string, userId: string, ctx: EditContext): void {
  doc.transact(() => assigneesOf(doc, taskId).delete(userId), ctx.origin);
}
