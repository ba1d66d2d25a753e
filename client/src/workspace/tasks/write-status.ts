import type * as Y from 'yjs';
import { readStatus } from '../../../../shared/model/tasks/cards.js';
import { TASK, type YRecord } from '../../../../shared/model/tasks/layout.js';
import { spawnNextOccurrence } from './repeat-task.js';
import type { EditContext, TaskStatus } from '../../../../shared/model/tasks/schemas.js';

/**
 * Writes a task's status (place + completion) as one value; a task that becomes
 * completed here also gets its next occurrence if it repeats. Call inside a
 * transaction.
 */
export function writeStatus(
  doc: Y.Doc,
  taskId: string,
  task: YRecord,
  next: TaskStatus,
  ctx: EditContext,
): void {
  const previous = readStatus(task);
  task.set(TASK.status, next);
  if (previous.completedAt === null && next.completedAt !== null) {
    spawnNextOccurrence(doc, taskId, previous, ctx);
  }
}
