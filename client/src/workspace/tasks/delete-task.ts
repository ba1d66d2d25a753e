import type * as Y from 'yjs';
import { readSubtaskCards } from '../../../../shared/model/tasks/cards.js';
import { requireTask, tasksRoot } from '../../../../shared/model/tasks/layout.js';
import type { EditContext } from '../../../../shared/model/tasks/schemas.js';

/**
 * Deletes a task and, recursively, its subtasks. A subtask added concurrently on an
 * offline device survives as a card of its own (see readCards), so nothing a person
 * wrote disappears silently.
 */
export function deleteTask(doc: Y.Doc, taskId: string, ctx: EditContext): void {
  requireTask(doc, taskId);
  doc.transact(() => {
    const tasks = tasksRoot(doc);
    const pending = [taskId];
    const seen = new Set<string>();
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...readSubtaskCards(doc, id).map((card) => card.id));
      tasks.delete(id);
    }
  }, ctx.origin);
}
