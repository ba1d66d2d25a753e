import * as Y from 'yjs';
import { TASK, tasksRoot } from '../../../../shared/model/tasks/layout.js';
import type { RecurrenceRule } from '../../../../shared/model/tasks/recurrence/rule.js';
import type { TaskDate } from '../../../../shared/model/tasks/recurrence/task-date.js';
import type { z } from 'zod';
import { paragraphsOf } from '../../../../shared/model/tasks/description.js';
import { TaskModelError } from '../../../../shared/model/tasks/errors.js';
import { normalizeRule } from '../../../../shared/model/tasks/recurrence/rule.js';
import type {
  CreateTaskInput,
  EditContext,
  Link,
  Priority,
  TaskStatus,
} from '../../../../shared/model/tasks/schemas.js';

/** Every field of a new task, already validated. */
export interface NewTask {
  readonly title: string;
  readonly description: ReadonlyArray<Y.XmlElement | Y.XmlText>;
  readonly status: TaskStatus;
  readonly assignees: readonly string[];
  readonly labels: readonly string[];
  readonly priority: Priority;
  readonly due: TaskDate | null;
  readonly start: TaskDate | null;
  readonly parentId: string | null;
  readonly checklist: ReadonlyArray<{ readonly id: string; readonly text: string }>;
  readonly links: ReadonlyArray<readonly [string, Link]>;
  readonly source: Link | null;
  readonly recurrence: RecurrenceRule | null;
  readonly seriesId: string | null;
  readonly reminders: readonly number[];
  readonly createdBy: string;
  readonly createdAt: number;
}

/** A parsed create input, minus where the card goes (that differs for cards and subtasks). */
type TaskInput = Omit<z.output<typeof CreateTaskInput>, 'columnId' | 'index'>;

/** Refuses a new task whose id is taken, or that repeats without a due date. */
export function checkNewTask(doc: Y.Doc, task: TaskInput): void {
  if (tasksRoot(doc).has(task.id)) {
    throw new TaskModelError('invalid-input', `id: task ${task.id} already exists`);
  }
  if (task.recurrence && !task.due) {
    throw new TaskModelError('recurrence-needs-due-date', 'a repeating task needs a due date');
  }
}

/** The record of a new card or subtask, from its parsed input and its place. */
export function newTaskRecord(
  task: TaskInput,
  place: { status: TaskStatus; parentId: string | null },
  ctx: EditContext,
): NewTask {
  const due = task.due ?? null;
  return {
    title: task.title,
    description: paragraphsOf(task.description ?? ''),
    status: place.status,
    assignees: task.assignees ?? [],
    labels: task.labels ?? [],
    priority: task.priority ?? 'none',
    due,
    start: task.start ?? null,
    parentId: place.parentId,
    checklist: [],
    links: [],
    source: task.source ?? null,
    recurrence: task.recurrence && due ? normalizeRule(task.recurrence, due.date) : null,
    seriesId: null,
    reminders: task.reminders ?? [],
    createdBy: ctx.by,
    createdAt: ctx.now,
  };
}

function setOf(keys: readonly string[]): Y.Map<true> {
  const set = new Y.Map<true>();
  for (const key of keys) set.set(key, true);
  return set;
}

/** A new checklist item's Y.Map. */
export function checklistItem(id: string, text: string, done = false): Y.Map<unknown> {
  const item = new Y.Map<unknown>();
  item.set('id', id);
  item.set('text', text);
  item.set('done', done);
  return item;
}

/**
 * Writes a new task under `id`. Must run inside a transaction. The map is attached
 * to the doc first and filled afterwards, so nested types are never preliminary.
 */
export function writeNewTask(doc: Y.Doc, id: string, task: NewTask): void {
  const map = new Y.Map<unknown>();
  tasksRoot(doc).set(id, map);
  map.set(TASK.title, task.title);
  const description = new Y.XmlFragment();
  map.set(TASK.description, description);
  description.insert(0, [...task.description]);
  map.set(TASK.status, task.status);
  map.set(TASK.assignees, setOf(task.assignees));
  map.set(TASK.labels, setOf(task.labels));
  map.set(TASK.priority, task.priority);
  map.set(TASK.due, task.due);
  map.set(TASK.start, task.start);
  map.set(TASK.parentId, task.parentId);
  const checklist = new Y.Array<Y.Map<unknown>>();
  map.set(TASK.checklist, checklist);
  checklist.push(task.checklist.map((item) => checklistItem(item.id, item.text)));
  const links = new Y.Map<Link>();
  map.set(TASK.links, links);
  for (const [linkId, link] of task.links) links.set(linkId, link);
  map.set(TASK.source, task.source);
  map.set(TASK.recurrence, task.recurrence);
  map.set(TASK.seriesId, task.seriesId);
  map.set(TASK.reminders, [...task.reminders]);
  map.set(TASK.createdBy, task.createdBy);
  map.set(TASK.createdAt, task.createdAt);
}
