import type * as Y from 'yjs';
import { readCards } from './cards.js';
import { readColumns } from './columns/read-columns.js';
import { requireLiveColumn } from './columns/update-column.js';
import { paragraphsOf } from './description.js';
import { parseInput, TaskModelError } from './errors.js';
import { tasksRoot } from './layout.js';
import { orderKeyAt } from './order-key.js';
import { normalizeRule } from './recurrence/rule.js';
import { CreateTaskInput, type EditContext, type TaskStatus } from './schemas.js';
import { writeNewTask } from './task-record.js';

/**
 * Adds a task as a card: in `columnId` (default: the first column that is not a
 * done column) at `index` (default: the end). A task created straight into a done
 * column is created completed. Returns the task id.
 */
export function createTask(doc: Y.Doc, input: CreateTaskInput, ctx: EditContext): string {
  const task = parseInput(CreateTaskInput, input);
  if (tasksRoot(doc).has(task.id)) {
    throw new TaskModelError('invalid-input', `id: task ${task.id} already exists`);
  }
  const due = task.due ?? null;
  if (task.recurrence && !due) {
    throw new TaskModelError('recurrence-needs-due-date', 'a repeating task needs a due date');
  }
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
    writeNewTask(doc, task.id, {
      title: task.title,
      description: paragraphsOf(task.description ?? ''),
      status,
      assignees: task.assignees ?? [],
      labels: task.labels ?? [],
      priority: task.priority ?? 'none',
      due,
      start: task.start ?? null,
      parentId: null,
      checklist: [],
      links: [],
      source: task.source ?? null,
      recurrence: task.recurrence && due ? normalizeRule(task.recurrence, due.date) : null,
      seriesId: null,
      reminders: task.reminders ?? [],
      createdBy: ctx.by,
      createdAt: ctx.now,
    });
  }, ctx.origin);
  return task.id;
}
