import type * as Y from 'yjs';
import { parseInput, TaskModelError } from '../../../../shared/model/tasks/errors.js';
import { ensureYMap, readJson, requireTask, TASK } from '../../../../shared/model/tasks/layout.js';
import { normalizeRule, RecurrenceRule } from '../../../../shared/model/tasks/recurrence/rule.js';
import { TaskDate } from '../../../../shared/model/tasks/recurrence/task-date.js';
import { TaskPatch, type EditContext } from '../../../../shared/model/tasks/schemas.js';

/**
 * Changes plain fields of a task. A repeating task must keep a due date. A rule's
 * weekdays and day of month are kept when only the due date changes; send the rule
 * too to change them.
 */
export function updateTask(doc: Y.Doc, taskId: string, patch: TaskPatch, ctx: EditContext): void {
  const changes = parseInput(TaskPatch, patch);
  const task = requireTask(doc, taskId);
  const due = changes.due !== undefined ? changes.due : readJson(task, TASK.due, TaskDate, null);
  const rule =
    changes.recurrence !== undefined
      ? changes.recurrence
      : readJson(task, TASK.recurrence, RecurrenceRule, null);
  if (rule && !due) {
    throw new TaskModelError('recurrence-needs-due-date', 'a repeating task needs a due date');
  }

  doc.transact(() => {
    if (changes.title !== undefined) task.set(TASK.title, changes.title);
    if (changes.priority !== undefined) task.set(TASK.priority, changes.priority);
    if (changes.due !== undefined) task.set(TASK.due, changes.due);
    if (changes.start !== undefined) task.set(TASK.start, changes.start);
    if (changes.reminders !== undefined) task.set(TASK.reminders, changes.reminders);
    if (changes.recurrence !== undefined) {
      task.set(TASK.recurrence, rule && due ? normalizeRule(rule, due.date) : null);
    }
    if (changes.labels !== undefined) {
      const labels = ensureYMap(task, TASK.labels);
      const wanted = new Set(changes.labels);
      for (const label of [...labels.keys()]) if (!wanted.has(label)) labels.delete(label);
      for (const label of wanted) if (!labels.has(label)) labels.set(label, true);
    }
  }, ctx.origin);
}
